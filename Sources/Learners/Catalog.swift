import Tuning

/// The built-in algorithms by stable name: what `--algorithms`, candidate generation and model
/// files refer to.
public enum Catalog {
    /// Every built-in estimator type.
    public static let estimators: [any Estimator.Type] = [
        GradientBoostedTrees.self, LinearLearner.self, RandomForest.self, ExtraTrees.self, NearestNeighbors.self, MultilayerPerceptron.self,
    ]

    /// Their names, in catalog order.
    public static var names: [String] { estimators.map { $0.name } }

    /// The estimator type named `name`.
    /// - Throws: ``LearnersError/unknownAlgorithm(name:known:)``.
    public static func estimator(named name: String) throws(LearnersError) -> any Estimator.Type {
        guard let type = estimators.first(where: { $0.name == name }) else { throw .unknownAlgorithm(name: name, known: names) }
        return type
    }

    /// The learner family of the algorithm named `name`.
    public static func family(of name: String) throws(LearnersError) -> LearnerFamily {
        try estimator(named: name).family
    }

    /// The ``Estimator/relativeWork`` of the algorithm `name` configured by `assignment` (its
    /// own hyperparameters; `class_weight` costs nothing); nil when they do not configure it.
    public static func relativeWork(of name: String, assignment: Assignment) -> Double? {
        guard let type = try? estimator(named: name) else { return nil }
        return relativeWork(type, assignment: assignment)
    }

    private static func relativeWork<E: Estimator>(_ type: E.Type, assignment: Assignment) -> Double? {
        var own = assignment.values
        own[ClassWeight.parameterName] = nil
        own[ClassWeight.formerName] = nil
        return (try? E(assignment: Assignment(own)))?.relativeWork
    }

    /// Fits the algorithm `name` configured by `assignment` (absent hyperparameters at defaults;
    /// `class_weight`, see ``ClassWeight``, is applied to the training rows' weights here).
    public static func fit(
        _ name: String, assignment: Assignment, training: Dataset, validation: Dataset? = nil, seed: UInt64, threads: Int
    ) throws(LearnersError) -> any Predictor {
        try fit(estimator(named: name), assignment: assignment, training: training, validation: validation, seed: seed, threads: threads)
    }

    private static func fit<E: Estimator>(
        _ type: E.Type, assignment: Assignment, training: Dataset, validation: Dataset?, seed: UInt64, threads: Int
    ) throws(LearnersError) -> any Predictor {
        let (classWeight, own) = try ClassWeight.split(assignment, learner: E.name, task: training.task)
        return try E(assignment: own).fit(classWeight.apply(to: training), validation: validation, seed: seed, threads: threads)
    }
}
