import Learners

/// A binary model's decision threshold, as the saved model stores it and the reports explain it:
/// rows whose probability of ``positiveClass`` reaches ``threshold`` are labelled with it.
public struct ThresholdDecision: Codable, Sendable, Equatable {
    public var threshold: Double
    /// The class whose probability is cut (the second of the two classes in sorted order).
    public var positiveClass: String
    /// What the threshold was chosen for.
    public var objective: ThresholdObjective
    /// The objective's metric at the threshold, on the out-of-fold predictions it was chosen on.
    public var value: Double
    /// The same metric when labelling the most probable class (a cut at 0.5), on the same rows.
    public var valueAtHalf: Double
    /// Precision and recall of the positive class at the threshold, on the same rows.
    public var precision: Double
    public var recall: Double
    /// False when no threshold reaches a precision target (the model then labels no row positive).
    public var reachesTarget: Bool

    public init(
        threshold: Double, positiveClass: String, objective: ThresholdObjective, value: Double, valueAtHalf: Double,
        precision: Double, recall: Double, reachesTarget: Bool
    ) {
        self.threshold = threshold
        self.positiveClass = positiveClass
        self.objective = objective
        self.value = value
        self.valueAtHalf = valueAtHalf
        self.precision = precision
        self.recall = recall
        self.reachesTarget = reachesTarget
    }

    /// Chooses the threshold on out-of-fold class probabilities (row-major, two per row) of `truth`
    /// (class indices), rows counting by their `weights` (nil: all ones).
    public static func choose(
        outOfFold values: [Double], truth: [Double], weights: [Double]? = nil, classes: [String], objective: ThresholdObjective
    ) -> ThresholdDecision? {
        guard classes.count == 2, values.count == truth.count * 2, !truth.isEmpty else { return nil }
        let scores = (0..<truth.count).map { values[$0 * 2 + 1] }
        let positive = truth.map { $0 == 1 }
        let choice = ThresholdSearch.choose(scores: scores, positive: positive, weights: weights, objective: objective)
        let atHalf = objective.metric.evaluate(Prediction(classes: classes, probabilities: values), truth: truth, weights: weights)
        return ThresholdDecision(
            threshold: choice.threshold, positiveClass: classes[1], objective: objective, value: choice.value, valueAtHalf: atHalf,
            precision: choice.counts.precision, recall: choice.counts.recall, reachesTarget: choice.reachesTarget)
    }

    /// One sentence for reports: the threshold, what it was chosen for, and what it gives.
    public var summary: String {
        let metric = objective.metric.rawValue
        var text =
            "Decision threshold \(NumberFormat.short(threshold)): a row is labelled \(positiveClass) when its probability of \(positiveClass) is at least that. "
            + "Chosen on the out-of-fold predictions for \(objective.description): there \(metric) = \(NumberFormat.short(value)) "
            + "(precision \(NumberFormat.short(precision)), recall \(NumberFormat.short(recall))), against \(NumberFormat.short(valueAtHalf)) at 0.5."
        if !reachesTarget { text += " No threshold reaches the target, so the model labels no row \(positiveClass)." }
        return text
    }
}
