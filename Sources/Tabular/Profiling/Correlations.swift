import LinearAlgebra

/// Pairwise association between columns: Pearson and Spearman between numeric columns, Cramér's V
/// between label columns, and the correlation ratio between a numeric and a label column.
///
/// Each value uses the rows where both columns are present. Spearman ranks each column over its
/// own present values (average ranks for ties), then takes Pearson r of the ranks.
public struct Correlations: Codable, Sendable, Equatable {
    /// How an association was measured.
    public enum Measure: String, Codable, Sendable {
        case pearson, spearman
        case cramersV = "cramers_v"
        case correlationRatio = "correlation_ratio"

        /// The measure's name for people.
        public var title: String {
            switch self {
            case .pearson: "Pearson r"
            case .spearman: "Spearman ρ"
            case .cramersV: "Cramér's V"
            case .correlationRatio: "correlation ratio η"
            }
        }
    }

    /// One pair of columns and how strongly they go together.
    public struct Pair: Codable, Sendable, Equatable {
        public var first: String
        public var second: String
        public var measure: Measure
        public var value: Double
        /// Rows where both were present.
        public var rows: Int
    }

    /// Integer and real columns, in table order.
    public var numericColumns: [String]
    /// Categorical and boolean columns with at most ``maximumLevels`` labels, in table order.
    public var labelColumns: [String]
    /// `pearson[i][j]` between numeric columns i and j; nil where undefined (no spread, < 2 rows).
    public var pearson: [[Double?]]
    public var spearman: [[Double?]]
    /// `cramersV[i][j]` between label columns i and j.
    public var cramersV: [[Double?]]
    /// `correlationRatio[i][j]` between numeric column i and label column j.
    public var correlationRatio: [[Double?]]
    /// Every defined pair, strongest first (for a numeric pair, the larger of |r| and |ρ|).
    public var pairs: [Pair]
    /// The columns left out of the pairwise work when more than ``maximumColumns`` of a kind took
    /// part (nil when none were; absent from profiles written before the cap).
    public var leftOut: LeftOut?

    /// Columns a capped correlation analysis left out, and how the ones kept were chosen.
    public struct LeftOut: Codable, Sendable, Equatable {
        public var numeric: Int
        public var labels: Int
        /// How the kept columns were chosen, for people ("most associated with the target").
        public var choice: String
    }

    /// At most this many numeric and this many label columns take part in the pairwise matrices: the
    /// work grows with the square of the columns (3 rows × 2,000 columns took 50 s and wrote 1.5 GB
    /// before the cap), and a heatmap of more is unreadable anyway.
    public static let maximumColumns = 60

    /// Label columns with more distinct labels than this are left out (their V says little).
    public static let maximumLevels = 100

    /// The pairs with |value| ≥ `threshold`, strongest first.
    public func strongest(atLeast threshold: Double) -> [Pair] {
        pairs.filter { abs($0.value) >= threshold }
    }

    /// Associations among the columns of `table`, computed on `threads` threads.
    /// - Complexity: O(p² n) for p participating columns and n rows.
    public init(_ table: Table, threads: Int) {
        self.init(table, threads: threads, ranks: [:])
    }

    /// As above, reusing `ranks` and the numeric columns' means and present counts (by column
    /// name) computed elsewhere. Past ``maximumColumns`` of a kind, the columns with the highest
    /// `priority` are kept (ties and unranked columns in table order) and `choice` says how they were chosen.
    init(
        _ table: Table, threads: Int, ranks known: [String: RankColumn], summaries: [String: (mean: Double, present: Int)] = [:],
        priority: [String: Double] = [:], choice: String = "in table order"
    ) {
        let allNumeric = table.columns.filter { $0.type == .integer || $0.type == .real }
        let allLabels = table.columns.filter { column in
            switch column.type {
            case .boolean: return true
            case .categorical: return column.levels.count <= Self.maximumLevels
            default: return false
            }
        }
        let numeric = Self.kept(allNumeric, priority: priority)
        let labels = Self.kept(allLabels, priority: priority)
        if numeric.count < allNumeric.count || labels.count < allLabels.count {
            leftOut = LeftOut(numeric: allNumeric.count - numeric.count, labels: allLabels.count - labels.count, choice: choice)
        }
        numericColumns = numeric.map(\.name)
        labelColumns = labels.map(\.name)
        let values = numeric.map(\.numbers)
        let names = numericColumns
        let ranks = ParallelLoop.map(values.count, threads: threads, state: { RadixSort.Workspace() }) { workspace, k in
            known[names[k]] ?? CorrelationKernels.ranksAndSorted(values[k], workspace: workspace).ranks
        }
        let summarized = zip(names, values).map { PairwisePearson.Summarized(values: $1, knownSummary: summaries[$0]) }
        // The two matrices at once, half the threads each: one BLAS product of a block uses one
        // core here (OpenBLAS does not split a 50-column Gram matrix), so running them one after
        // the other left a core idle (measured on the 1M × 50 file: 0.25 s in sequence).
        let split = max(1, threads / 2)
        let (pearsonPairs, spearmanPairs) = BLASThreads.single {
            ParallelLoop.both(
                threads: threads, { PairwisePearson.matrix(summarized, threads: split) }, { PairwisePearson.matrix(ranks, threads: split) })
        }
        let codes = labels.map(Self.codes)
        let levelCounts = labels.map { $0.type == .boolean ? 2 : $0.levels.count }

        let p = values.count
        let numericPairs = Self.upperPairs(p)
        let q = codes.count
        let labelPairs = Self.upperPairs(q)
        let labelResults = ParallelLoop.map(labelPairs.count, threads: threads) { k in
            let (i, j) = labelPairs[k]
            return CorrelationKernels.cramersV(codes[i], levelsA: levelCounts[i], codes[j], levelsB: levelCounts[j])
        }
        let mixedResults = ParallelLoop.map(p * q, threads: threads) { k in
            CorrelationKernels.correlationRatio(values[k / q], codes: codes[k % q], levels: levelCounts[k % q])
        }

        var pearson = Self.identity(p)
        var spearman = Self.identity(p)
        var pairs: [Pair] = []
        for (i, j) in numericPairs {
            let (r, rho, rows) = (pearsonPairs.r[i * p + j], spearmanPairs.r[i * p + j], pearsonPairs.rows[i * p + j])
            pearson[i][j] = r
            pearson[j][i] = r
            spearman[i][j] = rho
            spearman[j][i] = rho
            if let best = [(Measure.pearson, r), (.spearman, rho)].compactMap({ m, v in v.map { (m, $0) } }).max(by: { abs($0.1) < abs($1.1) }) {
                pairs.append(Pair(first: numericColumns[i], second: numericColumns[j], measure: best.0, value: best.1, rows: rows))
            }
        }
        var cramers = Self.identity(q)
        for (k, (i, j)) in labelPairs.enumerated() {
            let (v, rows) = labelResults[k]
            cramers[i][j] = v
            cramers[j][i] = v
            if let v { pairs.append(Pair(first: labelColumns[i], second: labelColumns[j], measure: .cramersV, value: v, rows: rows)) }
        }
        var ratio = [[Double?]](repeating: [Double?](repeating: nil, count: q), count: p)
        for k in 0..<(p * q) {
            let (eta, rows) = mixedResults[k]
            ratio[k / q][k % q] = eta
            if let eta {
                pairs.append(Pair(first: numericColumns[k / q], second: labelColumns[k % q], measure: .correlationRatio, value: eta, rows: rows))
            }
        }
        pairs.sort { abs($0.value) != abs($1.value) ? abs($0.value) > abs($1.value) : ($0.first, $0.second) < ($1.first, $1.second) }
        self.pearson = pearson
        self.spearman = spearman
        self.cramersV = cramers
        self.correlationRatio = ratio
        self.pairs = pairs
    }

    /// At most ``maximumColumns`` of `columns`: those of highest priority, in table order.
    static func kept(_ columns: [Column], priority: [String: Double]) -> [Column] {
        guard columns.count > maximumColumns else { return columns }
        let ranked = columns.indices.sorted { a, b in
            let (pa, pb) = (priority[columns[a].name] ?? -.infinity, priority[columns[b].name] ?? -.infinity)
            return pa != pb ? pa > pb : a < b
        }
        return ranked.prefix(maximumColumns).sorted().map { columns[$0] }
    }

    /// A label column's codes; booleans become codes 0 and 1.
    static func codes(_ column: Column) -> [UInt32] {
        if column.isNumeric { return column.numbers.map { $0.isNaN ? Column.missingCode : ($0 == 0 ? 0 : 1) } }
        return column.codes
    }

    private static func upperPairs(_ n: Int) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { pairs.append((i, j)) } }
        return pairs
    }

    private static func identity(_ n: Int) -> [[Double?]] {
        (0..<n).map { i in (0..<n).map { $0 == i ? 1 : nil } }
    }
}
