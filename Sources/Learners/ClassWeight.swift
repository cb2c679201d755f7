import Tuning

/// How a classifier weighs its classes, the `class_weight` hyperparameter every classifier takes:
/// `none` keeps the rows' own weights; `balanced` multiplies them by W / (k · W_c), W the total
/// weight, k the number of classes and W_c the weight of the row's class (scikit-learn's
/// `class_weight="balanced"`, with sample weights), so every class carries the same total weight.
/// Applied by ``Catalog`` before any learner fits, so it means the same for every algorithm.
public enum ClassWeight: String, Sendable, CaseIterable {
    case none
    case balanced

    /// The hyperparameter's name.
    public static let parameterName = "class_weight"
    /// The linear learner's former name for it (`true` = balanced), still read from old job and
    /// candidate files.
    static let formerName = "balance_multiclass_weights"

    /// The tuned choice, starting at `none`.
    public static var searchParameter: Parameter {
        Parameter(parameterName, .categorical(allCases.map(\.rawValue)), initial: .label(ClassWeight.none.rawValue))
    }

    /// The class weighting an assignment asks for, and the assignment without it (what the learner
    /// itself reads).
    /// - Throws: ``LearnersError/invalidHyperparameter(learner:message:)`` for an unknown value, or
    ///   for balancing classes on a regression task.
    static func split(_ assignment: Assignment, learner: String, task: Task) throws(LearnersError) -> (ClassWeight, Assignment) {
        var rest = assignment.values
        var weighting = ClassWeight.none
        if let former = rest.removeValue(forKey: formerName) {
            guard case .label(let text) = former, ["true", "false"].contains(text) else {
                throw .invalidHyperparameter(
                    learner: learner,
                    message: "'\(formerName)' = '\(former)' must be true or false (it is now '\(parameterName)' = balanced or none).")
            }
            weighting = text == "true" ? .balanced : .none
        }
        if let value = rest.removeValue(forKey: parameterName) {
            guard case .label(let text) = value, let chosen = ClassWeight(rawValue: text) else {
                throw .invalidHyperparameter(
                    learner: learner, message: "'\(parameterName)' = '\(value)' must be one of \(allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            weighting = chosen
        }
        if weighting == .balanced, !task.isClassification {
            throw .invalidHyperparameter(learner: learner, message: "'\(parameterName)' = balanced needs classes; a regression target has none.")
        }
        return (weighting, Assignment(rest))
    }

    /// `data` with its row weights multiplied by this weighting's class factors (unchanged for `none`).
    func apply(to data: Dataset) throws(LearnersError) -> Dataset {
        guard self == .balanced, data.task.isClassification else { return data }
        var classWeight = [Double](repeating: 0, count: data.classes.count)
        var total = 0.0
        for i in 0..<data.rowCount {
            classWeight[Int(data.target[i])] += data.weight(i)
            total += data.weight(i)
        }
        let k = Double(data.classes.count)
        let weights = (0..<data.rowCount).map { i in
            let own = classWeight[Int(data.target[i])]
            return own > 0 ? data.weight(i) * total / (k * own) : 0
        }
        return try Dataset(features: data.features, target: data.target, task: data.task, classes: data.classes, weights: weights)
    }
}
