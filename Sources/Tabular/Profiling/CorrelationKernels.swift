/// The inner loops of correlation analysis, on contiguous arrays of concrete types.
///
/// Notation: Spearman ρ is Pearson r (``PairwisePearson``) of average ranks. Cramér's V (Cramér 1946)
/// = √(χ² / (n (min(r, c) − 1))) over the r × c contingency table of two label columns.
/// The correlation ratio η (Pearson 1905) = √(Σ_k n_k (ȳ_k − ȳ)² / Σ_i (y_i − ȳ)²) for numeric y
/// grouped by a label column.
enum CorrelationKernels {
    /// Average ranks (1-based; ties share the mean of their positions); NaN stays NaN.
    static func ranks(_ values: [Double]) -> [Float] {
        ranksAndSorted(values, workspace: RadixSort.Workspace()).ranks.materialized
    }

    /// Average ranks and the ascending present values, from one sort (the profiler needs both).
    ///
    /// Ranks are single precision: half the memory of a million-row column's ranks (the profiler
    /// keeps every numeric column's until the Spearman matrix is done; on the 1M × 50 file, fresh
    /// pages for them were ~5% of the profile's time in the kernel's page clearing). They are exact
    /// up to 2²³ present values (every average rank is a multiple of ½); beyond that a rank is off
    /// by at most ½ (relative 6·10⁻⁸), far below what a reported ρ shows. `sorted` is the
    /// workspace's reused buffer: hold it only until the next sort on this workspace.
    ///
    /// A column of decimals with few possible values (``CountedRanks``) is counted, not sorted, and
    /// keeps only a rank per key when it has at least ``keysPerRowForLookUp`` times fewer keys than
    /// rows (``RankColumn/counted(values:scale:ranks:present:)``).
    static func ranksAndSorted(_ values: [Double], workspace: RadixSort.Workspace) -> (ranks: RankColumn, sorted: [Double]) {
        var scale = values.withUnsafeBufferPointer { DecimalScale($0, spanBits: 32) }
        if let decimals = scale, CountedRanks.suits(decimals, count: values.count) {
            var table: [Float]?
            let sorted = workspace.withSortedStorage(values.count) { storage in
                let counted = values.withUnsafeBufferPointer { workspace.counting.ranks($0, scale: decimals, sorted: storage) }
                table = counted?.ranks
                return counted?.present ?? 0
            }
            if let table {
                let column = RankColumn.counted(values: values, scale: decimals, ranks: table, present: sorted.count)
                return (table.count * keysPerRowForLookUp <= values.count ? column : .stored(column.materialized, present: sorted.count), sorted)
            }
            scale = nil  // a value is not exact at the scale: sort in single precision
        }
        let sorted = workspace.sortWithRows(values, scale: scale)
        let n = sorted.count
        let rows = workspace.rows
        let ranks = [Float](unsafeUninitializedCapacity: values.count) { ranks, initialized in
            if n < values.count { ranks.initialize(repeating: .nan) }
            sorted.withUnsafeBufferPointer { sorted in
                var start = 0
                while start < n {
                    var end = start + 1
                    while end < n, sorted[end] == sorted[start] { end += 1 }
                    let rank = Float(Double(start + end + 1) / 2)
                    for k in start..<end { ranks[Int(rows[k])] = rank }
                    start = end
                }
            }
            initialized = values.count
        }
        return (.stored(ranks, present: n), sorted)
    }

    /// A counted column keeps its table of ranks per key, not a rank per row, when it has at
    /// least this many rows per key: looking a rank up is then cheap (the table is small enough to
    /// stay in cache) and the table is far smaller than the ranks.
    static let keysPerRowForLookUp = 4

    /// Cramér's V between two code columns (`UInt32.max` = missing) with `levelsA` and `levelsB` levels.
    static func cramersV(_ a: [UInt32], levelsA: Int, _ b: [UInt32], levelsB: Int) -> (v: Double?, rows: Int) {
        var table = [Double](repeating: 0, count: levelsA * levelsB)
        var rowSums = [Double](repeating: 0, count: levelsA)
        var columnSums = [Double](repeating: 0, count: levelsB)
        var n = 0.0
        for i in a.indices where a[i] != Column.missingCode && b[i] != Column.missingCode {
            let p = Int(a[i])
            let q = Int(b[i])
            table[p * levelsB + q] += 1
            rowSums[p] += 1
            columnSums[q] += 1
            n += 1
        }
        let r = rowSums.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        let c = columnSums.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        guard n > 0, min(r, c) >= 2 else { return (nil, Int(n)) }
        var chi2 = 0.0
        for p in 0..<levelsA where rowSums[p] > 0 {
            for q in 0..<levelsB where columnSums[q] > 0 {
                let expected = rowSums[p] * columnSums[q] / n
                let d = table[p * levelsB + q] - expected
                chi2 += d * d / expected
            }
        }
        return (min(1, (chi2 / (n * Double(min(r, c) - 1))).squareRoot()), Int(n))
    }

    /// Correlation ratio η of numeric `y` grouped by `codes` (`levels` levels).
    ///
    /// η² = between-group / total sum of squares, with the between-group sum Σ_k n_k (ȳ_k − ȳ)² taken
    /// from the group means: one pass for the group sums and one for the total, with no division
    /// per row (the per-row group mean was 7% of profiling the 200k-row mixed file).
    static func correlationRatio(_ y: [Double], codes: [UInt32], levels: Int) -> (eta: Double?, rows: Int) {
        var sums = [Double](repeating: 0, count: levels)
        var counts = [Double](repeating: 0, count: levels)
        var total = 0.0
        var n = 0.0
        y.withUnsafeBufferPointer { y in
            codes.withUnsafeBufferPointer { codes in
                for i in 0..<y.count where !y[i].isNaN && codes[i] != Column.missingCode {
                    let k = Int(codes[i])
                    sums[k] += y[i]
                    counts[k] += 1
                    total += y[i]
                    n += 1
                }
            }
        }
        guard n >= 2 else { return (nil, Int(n)) }
        let mean = total / n
        var all = 0.0
        y.withUnsafeBufferPointer { y in
            codes.withUnsafeBufferPointer { codes in
                for i in 0..<y.count where !y[i].isNaN && codes[i] != Column.missingCode {
                    all += (y[i] - mean) * (y[i] - mean)
                }
            }
        }
        guard all > 0 else { return (nil, Int(n)) }
        var between = 0.0
        for k in 0..<levels where counts[k] > 0 {
            let difference = sums[k] / counts[k] - mean
            between += counts[k] * difference * difference
        }
        return (min(1, max(0, between / all)).squareRoot(), Int(n))
    }
}
