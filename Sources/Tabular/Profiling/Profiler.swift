/// Profiles a table: column statistics, duplicates, correlations and, given a target, the problem
/// type and each feature's association with the target.
public struct Profiler: Sendable {
    /// The column to predict, if any.
    public var target: String?
    /// The problem type the user chose; nil to infer it.
    public var problemType: ProblemType?
    /// Threads for column statistics and correlations.
    public var threads: Int
    /// Seed of the folds used for the out-of-fold solo scores.
    public var seed: UInt64

    public init(target: String? = nil, problemType: ProblemType? = nil, threads: Int = 2, seed: UInt64 = 0) {
        self.target = target
        self.problemType = problemType
        self.threads = threads
        self.seed = seed
    }

    /// The profile of `table`.
    /// - Throws: ``TabularError/columnNotFound(name:closest:)`` for an unknown target,
    ///   ``TabularError/problemTypeMismatch(target:requested:reason:)`` for an impossible problem type.
    public func profile(_ table: Table) throws(TabularError) -> TableProfile {
        let targetColumn = try target.map { name throws(TabularError) in try table.column(named: name) }
        let columns = table.columns
        // Integer and real columns are sorted once, for their quantiles and their Spearman ranks.
        let results = ParallelLoop.map(columns.count, threads: threads, state: { RadixSort.Workspace() }) {
            workspace, k -> (ColumnProfile, RankColumn?) in
            let column = columns[k]
            guard column.type == .integer || column.type == .real else { return (ColumnProfile(column), nil) }
            let (ranks, sorted) = CorrelationKernels.ranksAndSorted(column.numbers, workspace: workspace)
            return (ColumnProfile(column, sorted: sorted), ranks)
        }
        let profiles = results.map(\.0)
        var ranks: [String: RankColumn] = [:]
        var summaries: [String: (mean: Double, present: Int)] = [:]
        for (column, result) in zip(columns, results) {
            ranks[column.name] = result.1
            if let numeric = result.0.numeric { summaries[column.name] = (numeric.mean, result.0.presentCount) }
        }
        let duplicates = table.duplicateRows(threads: threads)
        var targetProfile: TargetProfile?
        if let targetColumn, let index = table.columnIndex(named: targetColumn.name) {
            targetProfile = try TargetProfile.analyse(
                table, target: targetColumn, profile: profiles[index], requested: problemType, seed: seed, threads: threads)
        }
        // On wide tables the pairwise work is capped: the columns kept are the target and those most
        // associated with it, else those with the most distinct values (a near-constant column
        // correlates with little).
        var priority: [String: Double] = [:]
        let choice: String
        if let targetProfile {
            for association in targetProfile.associations {
                priority[association.feature] = max(association.normalizedMutualInformation ?? 0, association.soloScore ?? 0)
            }
            priority[targetProfile.column] = .infinity
            choice = "the target and the columns most associated with it (the larger of normalized mutual information and solo score)"
        } else {
            for profile in profiles { priority[profile.name] = Double(profile.distinctCount) }
            choice = "the columns with the most distinct values"
        }
        let correlations = Correlations(table, threads: threads, ranks: ranks, summaries: summaries, priority: priority, choice: choice)
        return TableProfile(
            rowCount: table.rowCount, columnCount: table.columnCount,
            memoryBytes: profiles.reduce(0) { $0 + $1.memoryBytes }, duplicates: duplicates, columns: profiles,
            correlations: correlations, target: targetProfile)
    }
}
