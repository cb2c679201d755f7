/// A model's output for a batch of rows: values (regression) or class probabilities.
public struct Prediction: Sendable, Equatable {
    /// Class labels in probability-column order (empty for regression).
    public let classes: [String]
    /// Regression: one value per row. Classification: row-major `rowCount × classes.count`
    /// probabilities, each row summing to 1.
    public let values: [Double]

    public init(regression values: [Double]) {
        classes = []
        self.values = values
    }

    public init(classes: [String], probabilities: [Double]) {
        precondition(classes.count >= 2 && probabilities.count % classes.count == 0, "probability matrix shape")
        self.classes = classes
        values = probabilities
    }

    public var isClassification: Bool { !classes.isEmpty }

    public var rowCount: Int { classes.isEmpty ? values.count : values.count / classes.count }

    /// Row `i`'s probability of class `k`.
    public func probability(row i: Int, class k: Int) -> Double { values[i * classes.count + k] }

    /// The most probable class of each row (the first on ties).
    public var classIndices: [Int] {
        let k = classes.count
        return (0..<rowCount).map { i in
            var best = 0
            for c in 1..<k where values[i * k + c] > values[i * k + best] { best = c }
            return best
        }
    }

    /// The most probable class label of each row; for regression, nil.
    public var labels: [String]? {
        isClassification ? classIndices.map { classes[$0] } : nil
    }

    /// The probabilities of class `k` for every row.
    public func probabilities(ofClass k: Int) -> [Double] {
        (0..<rowCount).map { probability(row: $0, class: k) }
    }
}
