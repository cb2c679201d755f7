import Tuning

/// Random forest (Breiman 2001): trees on bootstrap samples, each split the best of a random
/// subset of features, probabilities or values averaged. Split search runs on each feature's bins
/// (at most 255, quantile cuts on large data; exact when a feature has fewer distinct values).
///
/// Hyperparameters are scikit-learn's `RandomForestClassifier` / `RandomForestRegressor` names and
/// defaults (see ``ForestSettings``), plus `max_bin`.
public struct RandomForest: Estimator {
    public static let name = "random_forest"
    public static let family = LearnerFamily.trees
    public static let relativeCost = 2.0

    public var settings = ForestSettings(bootstrap: true)

    public init() {}

    public init(assignment: Assignment) throws(LearnersError) {
        settings = try ForestSettings(assignment: assignment, learner: Self.name, defaults: settings, usesBins: true)
    }

    public var assignment: Assignment { settings.assignment(usesBins: true) }

    public static func supports(_ task: Task) -> Bool { true }

    public var relativeWork: Double { settings.relativeWork }

    public static func searchSpace(rows: Int, columns: Int, task: Task) -> SearchSpace {
        ForestSettings.searchSpace(columns: columns, task: task)
    }

    public func fit(_ training: Dataset, validation: Dataset?, seed: UInt64, threads: Int) throws(LearnersError) -> ForestModel {
        _ = try training.aligning(validation: validation)
        return try ForestBuilder(settings: settings, randomThresholds: false, learner: Self.name).fit(training, seed: seed, threads: threads)
    }
}
