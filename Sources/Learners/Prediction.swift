/// A model's output for a batch of rows: values (regression) or class probabilities.
public struct Prediction: Codable, Sendable, Equatable {
    /// Class labels in probability-column order (empty for regression).
    public let classes: [String]
    /// Regression: one value per row. Classification: row-major `rowCount × classes.count`
    /// probabilities, each row summing to 1.
    public let values: [Double]
    /// Two classes only: the cut on class 1's probability at and above which a row is labelled
    /// class 1 (nil: the most probable class, which is a cut at 0.5 with ties to class 0).
    public let threshold: Double?

    public init(regression values: [Double]) {
        classes = []
        self.values = values
        threshold = nil
    }

    public init(classes: [String], probabilities: [Double], threshold: Double? = nil) {
        precondition(classes.count >= 2 && probabilities.count % classes.count == 0, "probability matrix shape")
        precondition(threshold == nil || classes.count == 2, "a decision threshold needs two classes")
        self.classes = classes
        values = probabilities
        self.threshold = threshold
    }

    /// The same probabilities labelled at `threshold` (two classes; nil: the most probable class).
    public func labelled(atThreshold threshold: Double?) -> Prediction {
        Prediction(classes: classes, probabilities: values, threshold: threshold)
    }

    public var isClassification: Bool { !classes.isEmpty }

    public var rowCount: Int { classes.isEmpty ? values.count : values.count / classes.count }

    /// Row `i`'s probability of class `k`.
    public func probability(row i: Int, class k: Int) -> Double { values[i * classes.count + k] }

    /// The predicted class of each row: with a ``threshold``, class 1 where its probability reaches
    /// the threshold; otherwise the most probable class (the first in ``classes`` order on ties).
    public var classIndices: [Int] {
        let k = classes.count
        if let threshold, k == 2 {
            return (0..<rowCount).map { values[$0 * 2 + 1] >= threshold ? 1 : 0 }
        }
        return (0..<rowCount).map { i in
            var best = 0
            for c in 1..<k where values[i * k + c] > values[i * k + best] { best = c }
            return best
        }
    }

    /// The predicted class label of each row (see ``classIndices``); for regression, nil.
    public var labels: [String]? {
        isClassification ? classIndices.map { classes[$0] } : nil
    }

    /// The probabilities of class `k` for every row.
    public func probabilities(ofClass k: Int) -> [Double] {
        (0..<rowCount).map { probability(row: $0, class: k) }
    }

    /// The predictions of `rows` (indices into this batch), in that order, with the same threshold.
    public func selecting(rows: [Int]) -> Prediction {
        guard isClassification else { return Prediction(regression: rows.map { values[$0] }) }
        let k = classes.count
        return Prediction(classes: classes, probabilities: rows.flatMap { values[($0 * k)..<(($0 + 1) * k)] }, threshold: threshold)
    }
}
