import Tabular

/// Features with the target to learn: class indices into ``classes`` for classification, values
/// for regression; optional sample weights.
public struct Dataset: Sendable {
    public let features: FeatureMatrix
    /// Class index (as a Double) or target value, one per row.
    public let target: [Double]
    public let task: Task
    /// Class labels in index order (empty for regression).
    public let classes: [String]
    /// One non-negative weight per row, or nil for all ones.
    public let weights: [Double]?

    /// - Throws: ``LearnersError`` for no features, an empty set, mismatched lengths, a non-finite target or
    ///   weight, a class index outside `classes`, or fewer than two classes.
    public init(features: FeatureMatrix, target: [Double], task: Task, classes: [String] = [], weights: [Double]? = nil) throws(LearnersError) {
        guard features.columnCount > 0 else { throw .noFeatures }
        guard features.rowCount > 0 else { throw .emptyTrainingSet }
        guard target.count == features.rowCount else {
            throw .shapeMismatch(what: "target length", expected: features.rowCount, found: target.count)
        }
        if let weights {
            guard weights.count == features.rowCount else {
                throw .shapeMismatch(what: "weights length", expected: features.rowCount, found: weights.count)
            }
            if let row = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) { throw .invalidWeight(row: row, value: weights[row]) }
        }
        if let row = target.firstIndex(where: { !$0.isFinite }) { throw .invalidTarget(row: row, reason: "it is missing or not finite") }
        if task.isClassification {
            guard classes.count >= 2 else { throw .singleClass(label: classes.first ?? "") }
            if task == .binary, classes.count != 2 {
                throw .invalidTarget(row: 0, reason: "a binary task needs exactly 2 classes, found \(classes.count)")
            }
            if let row = target.firstIndex(where: { $0 < 0 || $0 >= Double(classes.count) || $0 != $0.rounded() }) {
                throw .invalidTarget(row: row, reason: "class index \(target[row]) is not one of 0..<\(classes.count)")
            }
        }
        self.features = features
        self.target = target
        self.task = task
        self.classes = classes
        self.weights = weights
    }

    /// The features of `table` and its column `targetName`, with row `weights` (nil: all ones). Classes are the target's distinct
    /// labels in sorted order unless `classes` fixes them (a validation set uses the training
    /// set's classes).
    /// - Throws: ``LearnersError`` when the target is absent, missing in some row, or has a label
    ///   outside `classes`.
    public init(table: Table, target targetName: String, task: Task, classes known: [String]? = nil, weights: [Double]? = nil) throws(LearnersError) {
        guard let index = table.columnIndex(named: targetName) else {
            throw .missingColumn(name: targetName, available: table.columns.map(\.name))
        }
        let targetColumn = table.columns[index]
        let features = try FeatureMatrix(Table(columns: table.columns.enumerated().filter { $0.offset != index }.map(\.element)))
        var values = [Double](repeating: 0, count: table.rowCount)
        var classes: [String] = []
        if task.isClassification {
            var labels: [String] = []
            for i in 0..<table.rowCount {
                guard let label = targetColumn.text(at: i) else { throw .invalidTarget(row: i, reason: "the target is missing") }
                labels.append(label)
            }
            classes = known ?? Self.sortedLabels(Set(labels))
            var position: [String: Int] = [:]
            for (k, label) in classes.enumerated() { position[label] = k }
            for (i, label) in labels.enumerated() {
                guard let k = position[label] else { throw .unknownClass(label: label, row: i, known: classes) }
                values[i] = Double(k)
            }
            if known == nil, classes.count < 2 { throw .singleClass(label: classes.first ?? "") }
        } else {
            guard targetColumn.isNumeric else {
                throw .invalidTarget(row: 0, reason: "regression needs a numeric target, '\(targetName)' is \(targetColumn.type.rawValue)")
            }
            values = targetColumn.numbers
        }
        try self.init(features: features, target: values, task: task, classes: classes, weights: weights)
    }

    /// Labels in numeric order when all are numbers ("2" before "10"), else in string order.
    static func sortedLabels(_ labels: Set<String>) -> [String] {
        let numbers = labels.compactMap(Double.init)
        if numbers.count == labels.count { return labels.sorted { Double($0) ?? 0 < Double($1) ?? 0 } }
        return labels.sorted()
    }

    public var rowCount: Int { features.rowCount }

    /// The weight of row `i` (1 without weights).
    @inline(__always)
    public func weight(_ i: Int) -> Double { weights?[i] ?? 1 }

    /// The same rows with features in the order of `names` (a validation set aligned to training).
    /// - Throws: ``LearnersError/missingColumn(name:available:)`` for an absent feature.
    public func aligned(to names: [String]) throws(LearnersError) -> Dataset {
        try Dataset(features: features.aligned(to: names), target: target, task: task, classes: classes, weights: weights)
    }

    /// `validation` checked against this training set (same classes) and aligned to its features.
    /// - Throws: ``LearnersError/unknownClass(label:row:known:)`` when the class lists differ,
    ///   ``LearnersError/missingColumn(name:available:)`` for an absent feature.
    public func aligning(validation: Dataset?) throws(LearnersError) -> Dataset? {
        guard let validation else { return nil }
        guard validation.classes == classes else {
            let label = validation.classes.first { !classes.contains($0) } ?? validation.classes.joined(separator: ", ")
            throw .unknownClass(label: label, row: 0, known: classes)
        }
        return try validation.aligned(to: features.names)
    }

    /// The rows `indices`, in that order.
    public func selecting(rows indices: [Int]) throws(LearnersError) -> Dataset {
        try Dataset(
            features: features.selecting(rows: indices), target: indices.map { target[$0] }, task: task,
            classes: classes, weights: weights.map { w in indices.map { w[$0] } })
    }
}
