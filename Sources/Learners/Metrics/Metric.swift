/// A score of predictions against the truth, by the name users pass to `--metric`.
public enum Metric: String, Codable, Sendable, CaseIterable {
    case accuracy
    case balancedAccuracy = "balanced_accuracy"
    case precision
    case recall
    /// Binary: F1 of class 1; multiclass: macro F1.
    case f1
    /// Binary: ROC AUC; multiclass: one-vs-rest macro ROC AUC.
    case auc
    case prAUC = "pr_auc"
    case logLoss = "logloss"
    case rmse
    case mae
    case r2
    case mape

    /// Whether larger values are better.
    public var higherIsBetter: Bool {
        switch self {
        case .logLoss, .rmse, .mae, .mape: false
        default: true
        }
    }

    /// Whether the metric applies to `task`.
    public func applies(to task: Task) -> Bool {
        switch self {
        case .rmse, .mae, .r2, .mape: task == .regression
        default: task.isClassification
        }
    }

    /// The metric's value for `prediction` of `truth` (class indices as Doubles, or values), each
    /// row counting by its weight in `weights` (nil: all ones), as scikit-learn's `sample_weight`.
    public func evaluate(_ prediction: Prediction, truth: [Double], weights: [Double]? = nil) -> Double {
        if !prediction.isClassification {
            switch self {
            case .rmse: return RegressionMetrics.rmse(truth: truth, predicted: prediction.values, weights: weights)
            case .mae: return RegressionMetrics.mae(truth: truth, predicted: prediction.values, weights: weights)
            case .r2: return RegressionMetrics.r2(truth: truth, predicted: prediction.values, weights: weights)
            case .mape: return RegressionMetrics.mape(truth: truth, predicted: prediction.values, weights: weights)
            default: return .nan
            }
        }
        let classes = prediction.classes.count
        let actual = truth.map { Int($0) }
        let labels = prediction.classIndices
        let average: ClassificationMetrics.Average = classes == 2 ? .binary : .macro
        switch self {
        case .accuracy: return ClassificationMetrics.accuracy(truth: actual, predicted: labels, weights: weights)
        case .balancedAccuracy: return ClassificationMetrics.balancedAccuracy(truth: actual, predicted: labels, classes: classes, weights: weights)
        case .precision:
            return ClassificationMetrics.precision(truth: actual, predicted: labels, classes: classes, average: average, weights: weights)
        case .recall: return ClassificationMetrics.recall(truth: actual, predicted: labels, classes: classes, average: average, weights: weights)
        case .f1: return ClassificationMetrics.f1(truth: actual, predicted: labels, classes: classes, average: average, weights: weights)
        case .auc: return ClassificationMetrics.rocAUC(truth: actual, probabilities: prediction, weights: weights)
        case .prAUC: return ClassificationMetrics.prAUC(truth: actual, probabilities: prediction, weights: weights)
        case .logLoss: return ClassificationMetrics.logLoss(truth: actual, probabilities: prediction, weights: weights)
        case .rmse, .mae, .r2, .mape: return .nan
        }
    }
}
