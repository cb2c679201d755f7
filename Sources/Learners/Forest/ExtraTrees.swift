import Tuning

/// Extremely randomized trees (Geurts, Ernst & Wehenkel 2006): every row in every tree (no
/// bootstrap by default), each split the best of one uniformly drawn threshold per feature in a
/// random subset. Missing values go to the side that scores better; infinite values are an error.
///
/// Hyperparameters are scikit-learn's `ExtraTreesClassifier` / `ExtraTreesRegressor` names and
/// defaults (see ``ForestSettings``).
public struct ExtraTrees: Estimator {
    public static let name = "extra_trees"
    public static let family = LearnerFamily.trees
    public static let relativeCost = 1.5

    public var settings = ForestSettings(bootstrap: false)

    public init() {}

    public init(assignment: Assignment) throws(LearnersError) {
        settings = try ForestSettings(assignment: assignment, learner: Self.name, defaults: settings, usesBins: false)
    }

    public var assignment: Assignment { settings.assignment(usesBins: false) }

    public static func supports(_ task: Task) -> Bool { true }

    public var relativeWork: Double { settings.relativeWork }

    public static func searchSpace(rows: Int, columns: Int, task: Task) -> SearchSpace {
        ForestSettings.searchSpace(columns: columns, task: task)
    }

    public func fit(_ training: Dataset, validation: Dataset?, seed: UInt64, threads: Int) throws(LearnersError) -> ForestModel {
        _ = try training.aligning(validation: validation)
        return try ForestBuilder(settings: settings, randomThresholds: true, learner: Self.name).fit(training, seed: seed, threads: threads)
    }
}
