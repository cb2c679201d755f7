import Tabular

/// Cut points that turn each feature into at most 255 ordered bins, and the binning itself.
///
/// A value v falls in bin b = the first index with v ≤ cuts[b] (bin `cuts.count` above the last
/// cut); missing values get ``missingBin``. So "bin ≤ b" is exactly "v ≤ cuts[b]", and a split
/// learned on bins predicts on raw values with that threshold. A feature with at most `maxBins`
/// distinct values gets one bin per value (cuts halfway between neighbours); otherwise cuts are
/// quantiles of a row sample (≤ 200,000 rows), the role XGBoost's quantile sketch plays.
struct Binner: Codable, Sendable, Equatable {
    /// The bin of missing values (no feature has this many value bins).
    static let missingBin: UInt8 = 255
    /// Bins per feature at most, the missing bin aside.
    static let maximumBins = 255
    /// Rows used to place quantile cuts.
    static let sampleRows = 200_000

    /// `cuts[j]`: ascending upper bounds of feature j's bins but the last.
    let cuts: [[Double]]

    /// Cuts for every feature of `features`, at most `maxBins` bins each.
    init(_ features: FeatureMatrix, maxBins requested: Int, seed: UInt64, threads: Int) {
        let maxBins = max(2, min(Self.maximumBins, requested))
        let n = features.rowCount
        let sample = n > Self.sampleRows ? Self.sample(rows: n, seed: seed) : nil
        cuts = ParallelLoop.map(features.columnCount, threads: threads) { j in
            let column = features.column(j)
            let values = sample.map { rows in rows.map { column[column.startIndex + $0] } } ?? Array(column)
            return Self.cuts(values.filter { !$0.isNaN }, maxBins: maxBins)
        }
    }

    /// `sampleRows` distinct rows of `0..<rows`, ascending (partial Fisher-Yates shuffle).
    private static func sample(rows: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var all = Array(0..<rows)
        for k in 0..<sampleRows { all.swapAt(k, Int.random(in: k..<rows, using: &generator)) }
        return Array(all.prefix(sampleRows)).sorted()
    }

    init(cuts: [[Double]]) {
        self.cuts = cuts
    }

    /// Cut points for one feature's present values.
    static func cuts(_ present: [Double], maxBins: Int) -> [Double] {
        guard !present.isEmpty else { return [] }
        let sorted = present.sorted()
        var distinct: [Double] = []
        var counts: [Int] = []
        for x in sorted {
            if let last = distinct.last, last == x { counts[counts.count - 1] += 1 } else {
                distinct.append(x)
                counts.append(1)
            }
        }
        if distinct.count <= maxBins {
            return (0..<(distinct.count - 1)).map { midpoint(distinct[$0], distinct[$0 + 1]) }
        }
        // Quantile cuts over the sample: close a bin once it holds its share of the remaining rows.
        var result: [Double] = []
        var remaining = sorted.count
        var binsLeft = maxBins
        var inBin = 0
        for k in 0..<(distinct.count - 1) {
            inBin += counts[k]
            remaining -= counts[k]
            let target = Double(remaining + inBin) / Double(binsLeft)
            if Double(inBin) >= target, binsLeft > 1 {
                result.append(midpoint(distinct[k], distinct[k + 1]))
                binsLeft -= 1
                inBin = 0
            }
        }
        return result
    }

    /// A cut between `a` < `b` that separates them even when they are adjacent doubles.
    private static func midpoint(_ a: Double, _ b: Double) -> Double {
        let middle = a + (b - a) / 2
        return middle < b ? middle : a
    }

    /// The number of value bins of feature j.
    func binCount(_ j: Int) -> Int { cuts[j].count + 1 }

    /// The bin of `value` for feature `j`.
    @inline(__always)
    func bin(_ value: Double, feature j: Int) -> UInt8 {
        if value.isNaN { return Self.missingBin }
        let c = cuts[j]
        var low = 0, high = c.count
        while low < high {
            let mid = (low + high) >> 1
            if value <= c[mid] { high = mid } else { low = mid + 1 }
        }
        return UInt8(low)
    }

    /// Every value binned, row-major (row i's bins at `i * columns ..< (i + 1) * columns`): the
    /// layout the histogram kernel reads, one row's features together.
    func binned(_ features: FeatureMatrix, threads: Int) -> [UInt8] {
        let n = features.rowCount, p = features.columnCount
        var bins = [UInt8](repeating: 0, count: n * p)
        let blockRows = 4096
        let blocks = (n + blockRows - 1) / blockRows
        bins.withUnsafeMutableBufferPointer { buffer in
            let output = UncheckedSendable(buffer)
            ParallelLoop.forEach(blocks, threads: threads) { block in
                let start = block * blockRows, end = min(n, start + blockRows)
                for j in 0..<p {
                    let column = features.column(j)
                    for i in start..<end { output.value[i * p + j] = bin(column[column.startIndex + i], feature: j) }
                }
            }
        }
        return bins
    }
}

/// A value handed to parallel loop bodies that write disjoint parts of it.
struct UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
