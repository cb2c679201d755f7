import Tabular
import Tuning

/// Gradient-boosted trees in the manner of XGBoost's `hist` method (Chen & Guestrin 2016): features
/// pre-binned into at most 255 quantile bins, gradient/hessian histograms with histogram
/// subtraction, second-order split gain with `lambda`, `alpha`, `gamma`, `min_child_weight`, a
/// learned default direction for missing values, depth-wise or loss-guided growth, row and column
/// subsampling, and early stopping on a validation set.
///
/// Hyperparameters carry XGBoost's names and defaults (`num_round` 100, `eta` 0.3, `max_depth` 6,
/// `max_bin` 256 → 255 value bins here, the missing bin aside).
public struct GradientBoostedTrees: Estimator {
    public static let name = "gbdt"
    public static let family = LearnerFamily.trees
    public static let relativeCost = 1.0

    public var numRound = 100
    public var eta = 0.3
    public var maxDepth = 6
    /// 0: no limit.
    public var maxLeaves = 0
    /// `depthwise` or `lossguide`.
    public var growPolicy = "depthwise"
    public var minChildWeight = 1.0
    public var lambda = 1.0
    public var alpha = 0.0
    public var gamma = 0.0
    public var subsample = 1.0
    public var colsampleByTree = 1.0
    public var scalePosWeight = 1.0
    public var maxBin = 256
    /// nil: the standard objective of the task.
    public var objective: Objective?
    /// Rounds without improvement on the validation set before stopping; 0: never stop early.
    public var earlyStoppingRounds = 0
    /// `constant` (the target's mean or log-odds) or `linear` (regression only: a ridge regression
    /// the trees correct, see ``LinearBase``).
    public var baseModel = "constant"

    public init() {}

    public init(assignment: Assignment) throws(LearnersError) {
        var reader = HyperparameterReader(learner: Self.name, assignment)
        numRound = try reader.integer("num_round", numRound, in: 1...100_000)
        eta = try reader.real("eta", eta, in: 1e-6...1)
        maxDepth = try reader.integer("max_depth", maxDepth, in: 0...30)
        maxLeaves = try reader.integer("max_leaves", maxLeaves, in: 0...65_536)
        growPolicy = try reader.label("grow_policy", growPolicy, in: ["depthwise", "lossguide"])
        minChildWeight = try reader.real("min_child_weight", minChildWeight, in: 0...1e9)
        lambda = try reader.real("lambda", lambda, in: 0...1e9)
        alpha = try reader.real("alpha", alpha, in: 0...1e9)
        gamma = try reader.real("gamma", gamma, in: 0...1e9)
        subsample = try reader.real("subsample", subsample, in: 1e-3...1)
        colsampleByTree = try reader.real("colsample_bytree", colsampleByTree, in: 1e-3...1)
        scalePosWeight = try reader.real("scale_pos_weight", scalePosWeight, in: 1e-6...1e6)
        maxBin = try reader.integer("max_bin", maxBin, in: 2...256)
        let objectiveName = try reader.label("objective", objective?.rawValue ?? "auto", in: ["auto"] + Objective.allCases.map(\.rawValue))
        objective = Objective(rawValue: objectiveName)
        earlyStoppingRounds = try reader.integer("early_stopping_rounds", earlyStoppingRounds, in: 0...100_000)
        baseModel = try reader.label(LinearBase.parameterName, baseModel, in: LinearBase.choices)
        try reader.finish()
        if maxDepth == 0, maxLeaves == 0 {
            throw .invalidHyperparameter(learner: Self.name, message: "'max_depth' = 0 (no depth limit) needs 'max_leaves' > 0 to bound the tree.")
        }
    }

    public var assignment: Assignment {
        var values: [String: ParameterValue] = [
            "num_round": .integer(numRound), "eta": .real(eta), "max_depth": .integer(maxDepth),
            "max_leaves": .integer(maxLeaves), "grow_policy": .label(growPolicy),
            "min_child_weight": .real(minChildWeight), "lambda": .real(lambda), "alpha": .real(alpha),
            "gamma": .real(gamma), "subsample": .real(subsample), "colsample_bytree": .real(colsampleByTree),
            "scale_pos_weight": .real(scalePosWeight), "max_bin": .integer(maxBin),
            "early_stopping_rounds": .integer(earlyStoppingRounds), LinearBase.parameterName: .label(baseModel),
        ]
        if let objective { values["objective"] = .label(objective.rawValue) }
        return Assignment(values)
    }

    public static func supports(_ task: Task) -> Bool { true }

    /// Rounds × depth: each level of a tree passes over the sampled rows once.
    public var relativeWork: Double {
        let depth = maxDepth > 0 ? maxDepth : Int(Double(max(2, maxLeaves)).squareRoot())
        return Double(numRound) * Double(max(1, depth)) * (baseModel == "linear" ? 1.1 : 1)
    }

    /// SageMaker XGBoost's tunable ranges, narrowed to where good models live; a 50-round,
    /// depth-6 first look.
    /// A slower-learning start beside the cheap initial one: eta 0.1 over 200 rounds with row and
    /// column subsampling 0.8, the usual stronger default of boosted trees (LightGBM's and
    /// scikit-learn's learning rate, with more rounds).
    /// For regression, the same start again from a linear base (``LinearBase``), so the search
    /// sees early whether the target has a trend the trees cannot carry past the training range.
    public static func portfolio(rows: Int, columns: Int, task: Task) -> [Assignment] {
        let stronger: [String: ParameterValue] = [
            "eta": .real(0.1), "num_round": .integer(200), "subsample": .real(0.8), "colsample_bytree": .real(0.8),
        ]
        guard task == .regression else { return [Assignment(stronger)] }
        return [Assignment(stronger), Assignment(stronger.merging([LinearBase.parameterName: .label("linear")]) { $1 })]
    }

    public static func searchSpace(rows: Int, columns: Int, task: Task) -> SearchSpace {
        var parameters = [
            Parameter("num_round", .integer(lower: 10, upper: 1000, scaling: .logarithmic), initial: .integer(50)),
            Parameter("eta", .continuous(lower: 0.01, upper: 0.5, scaling: .logarithmic), initial: .real(0.3)),
            Parameter("max_depth", .integer(lower: 2, upper: 10, scaling: .linear), initial: .integer(6)),
            Parameter("min_child_weight", .continuous(lower: 0.01, upper: 100, scaling: .logarithmic), initial: .real(1)),
            Parameter("subsample", .continuous(lower: 0.5, upper: 1, scaling: .linear), initial: .real(1)),
            Parameter("colsample_bytree", .continuous(lower: 0.3, upper: 1, scaling: .linear), initial: .real(1)),
            Parameter("lambda", .continuous(lower: 0.001, upper: 100, scaling: .logarithmic), initial: .real(1)),
            Parameter("alpha", .continuous(lower: 0.001, upper: 10, scaling: .logarithmic), initial: .real(0.001)),
            Parameter("gamma", .continuous(lower: 0, upper: 5, scaling: .linear), initial: .real(0)),
        ]
        if task == .regression { parameters.append(LinearBase.searchParameter) }
        return SearchSpace(parameters)
    }

    public func fit(_ training: Dataset, validation: Dataset?, seed: UInt64, threads: Int) throws(LearnersError) -> Model {
        let task = training.task
        let objective = self.objective ?? Objective.standard(for: task)
        guard objective.fits(task) else {
            throw .invalidHyperparameter(learner: Self.name, message: "objective '\(objective.rawValue)' does not fit a \(task.rawValue) task.")
        }
        if baseModel == "linear", task != .regression { throw LinearBase.refusal(learner: Self.name) }
        let aligned = try training.aligning(validation: validation)
        var booster = Booster(settings: self, objective: objective, training: training, seed: seed, threads: threads)
        return try booster.run(validation: aligned)
    }
}
