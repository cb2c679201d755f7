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

    /// The metric's value for `prediction` of `truth` (class indices as Doubles, or values).
    public func evaluate(_ prediction: Prediction, truth: [Double]) -> Double {
        if !prediction.isClassification {
            switch self {
            case .rmse: return RegressionMetrics.rmse(truth: truth, predicted: prediction.values)
            case .mae: return RegressionMetrics.mae(truth: truth, predicted: prediction.values)
            case .r2: return RegressionMetrics.r2(truth: truth, predicted: prediction.values)
            case .mape: return RegressionMetrics.mape(truth: truth, predicted: prediction.values)
            default: return .nan
            }
        }
        let classes = prediction.classes.count
        let actual = truth.map { Int($0) }
        let average: ClassificationMetrics.Average = classes == 2 ? .binary : .macro
        switch self {
        case .accuracy: return ClassificationMetrics.accuracy(truth: actual, predicted: prediction.classIndices)
        case .balancedAccuracy: return ClassificationMetrics.balancedAccuracy(truth: actual, predicted: prediction.classIndices, classes: classes)
        case .precision: return ClassificationMetrics.precision(truth: actual, predicted: prediction.classIndices, classes: classes, average: average)
        case .recall: return ClassificationMetrics.recall(truth: actual, predicted: prediction.classIndices, classes: classes, average: average)
        case .f1: return ClassificationMetrics.f1(truth: actual, predicted: prediction.classIndices, classes: classes, average: average)
        case .auc: return ClassificationMetrics.rocAUC(truth: actual, probabilities: prediction)
        case .prAUC: return ClassificationMetrics.prAUC(truth: actual, probabilities: prediction)
        case .logLoss: return ClassificationMetrics.logLoss(truth: actual, probabilities: prediction)
        case .rmse, .mae, .r2, .mape: return .nan
        }
    }
}
