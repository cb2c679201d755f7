/// The target column: what kind of problem it poses, how its values are spread, and which features
/// tell most about it.
public struct TargetProfile: Codable, Sendable, Equatable {
    public var column: String
    public var problem: ProblemTypeInference
    /// Rows whose target is missing (they cannot be learned from).
    public var missingCount: Int
    /// For classification: every class with its row count, most frequent first.
    public var classes: [ValueCount]
    /// Every other column, most informative first (normalized mutual information, then name).
    public var associations: [FeatureAssociation]

    /// The smallest class's share of labelled rows (nil for regression).
    public var minorityShare: Double? {
        guard problem.problemType?.isClassification == true, let smallest = classes.last else { return nil }
        let total = classes.reduce(0) { $0 + $1.count }
        return total == 0 ? nil : Double(smallest.count) / Double(total)
    }

    /// Analyses `target` in `table`.
    static func analyse(
        _ table: Table, target: Column, profile: ColumnProfile, requested: ProblemType?, seed: UInt64, threads: Int
    ) throws(TabularError) -> TargetProfile {
        let problem = try ProblemTypeInference(target: target, distinctCount: profile.distinctCount, requested: requested)
        let rows = (0..<target.count).filter { !target.isMissing(at: $0) }
        let classes =
            problem.problemType?.isClassification == true
            ? profile.topValuesAll(of: target) : []
        var associations: [FeatureAssociation] = []
        if let type = problem.problemType, rows.count >= 2 {
            let kept = target.selecting(rows: rows)
            let coded: Discretizer
            var values: [Double]? = nil
            if type.isClassification {
                coded = Discretizer(numbersOrLabels: kept)
            } else {
                values = kept.numbers
                coded = Discretizer(numbers: kept.numbers, bins: 32)
            }
            var generator = SeededGenerator(seed: seed)
            var fold = (0..<rows.count).map { UInt8($0 % FeatureAssociation.folds) }
            fold.shuffle(using: &generator)
            let features = table.columns.filter { $0.name != target.name }
            let targetValues = values
            let foldOfRow = fold
            associations = ParallelLoop.map(features.count, threads: threads) { k in
                FeatureAssociation.measure(
                    features[k], rows: rows, target: coded.codes, targetLevels: coded.levelCount,
                    targetValues: targetValues, fold: foldOfRow)
            }
            associations.sort {
                let a = $0.normalizedMutualInformation ?? -1
                let b = $1.normalizedMutualInformation ?? -1
                return a != b ? a > b : $0.feature < $1.feature
            }
        }
        return TargetProfile(
            column: target.name, problem: problem, missingCount: profile.missingCount, classes: classes,
            associations: associations)
    }
}

extension Discretizer {
    /// One code per distinct value (classes), whatever the storage.
    init(numbersOrLabels column: Column) {
        if column.isNumeric {
            self.init(numbers: column.numbers, bins: Int.max)
        } else {
            self.init(column, bins: 0)
        }
    }
}

extension ColumnProfile {
    /// Every distinct value with its count, most frequent first (for class balance).
    func topValuesAll(of column: Column) -> [ValueCount] {
        distinctCount <= topValues.count ? topValues : ColumnProfile(column, topLimit: distinctCount).topValues
    }
}
