/// What a binary classifier's decision threshold is chosen for: the best value of a metric of the
/// predicted labels, or the best of recall or precision while the other reaches a target (SageMaker
/// Linear Learner's `target_precision` and `target_recall`).
public enum ThresholdObjective: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The best value of a metric of labels (accuracy, balanced accuracy, F1).
    case maximize(Metric)
    /// The highest recall among the thresholds whose precision reaches the target.
    case recallAtPrecision(Double)
    /// The highest precision among the thresholds whose recall reaches the target.
    case precisionAtRecall(Double)

    /// The metric whose value the objective reports (recall for a precision target, precision for a
    /// recall target).
    public var metric: Metric {
        switch self {
        case .maximize(let metric): metric
        case .recallAtPrecision: .recall
        case .precisionAtRecall: .precision
        }
    }

    /// Label metrics whose best threshold is worth searching for. Precision and recall alone are not:
    /// a threshold above every score gives precision 1 (or 0), one below every score recall 1. They
    /// are reached as targets instead.
    public static func tunes(_ metric: Metric) -> Bool {
        switch metric {
        case .accuracy, .balancedAccuracy, .f1: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .maximize(let metric): "the highest \(metric.rawValue)"
        case .recallAtPrecision(let target): "the highest recall with precision at least \(target)"
        case .precisionAtRecall(let target): "the highest precision with recall at least \(target)"
        }
    }
}
