import Foundation
import Learners
import Tabular
import Tuning

/// How a regression target is transformed before a learner fits it, and inverted on its
/// predictions. For a positive, right-skewed target (prices, counts, durations) a learner fitted to
/// log(1 + y) often predicts better even on the original scale, and often does not; so the choice
/// is a hyperparameter (`target_transform`) the search tunes for each regression candidate, not a
/// fixed step.
public enum TargetTransform: String, Codable, Sendable, CaseIterable {
    case none
    case log

    /// The hyperparameter's name in a candidate's space.
    public static let parameter = "target_transform"

    /// The least skewness for which the log is offered.
    public static let skewnessThreshold = 0.75

    /// Why the transform is offered for `target`'s profile, or nil when it is not (not a regression
    /// target, a non-positive value, or too little skew).
    public static func reasonToOffer(_ profile: ColumnProfile?, task: Task) -> String? {
        guard task == .regression, let numeric = profile?.numeric, numeric.minimum > 0,
            let skewness = numeric.skewness, skewness >= skewnessThreshold
        else { return nil }
        return "the target is positive and right-skewed (skewness \(NumberFormat.short(skewness))): a learner may fit log(1 + y) better; "
            + "the search tries both (`\(parameter)` none or log), and predictions are turned back with exp(p) − 1"
    }

    /// The search parameter: none or log, starting at none.
    static var searchParameter: Parameter {
        Parameter(parameter, .categorical(allCases.map(\.rawValue)), initial: .label(TargetTransform.none.rawValue))
    }

    /// The transform named in `hyperparameters`, and the learner's own hyperparameters without it.
    static func split(_ hyperparameters: Assignment) -> (TargetTransform, Assignment) {
        var values = hyperparameters.values
        let name = values.removeValue(forKey: parameter)
        let transform =
            name.flatMap { value -> TargetTransform? in
                if case .label(let label) = value { return TargetTransform(rawValue: label) }
                return nil
            } ?? .none
        return (transform, Assignment(values))
    }

    /// `dataset` with its target transformed, and the fitted transform that undoes it (nil for none).
    func fit(_ dataset: Dataset) throws(LearnersError) -> (FittedTargetTransform?, Dataset) {
        guard self == .log, !dataset.task.isClassification else { return (nil, dataset) }
        let target = dataset.target.map { Foundation.log1p($0) }
        let fitted = FittedTargetTransform(transform: self, lower: target.min() ?? 0, upper: target.max() ?? 0)
        return (
            fitted, try Dataset(features: dataset.features, target: target, task: dataset.task, classes: dataset.classes, weights: dataset.weights)
        )
    }
}

extension Optional where Wrapped == FittedTargetTransform {
    /// The prediction unchanged when there is no transform.
    func invert(_ prediction: Prediction) -> Prediction {
        map { $0.invert(prediction) } ?? prediction
    }
}
