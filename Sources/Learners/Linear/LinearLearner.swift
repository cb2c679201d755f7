import Tuning

/// The linear learner: least squares (regression) or logistic / softmax regression (classes),
/// with L1 (`l1`) and L2 (`wd`) penalties, in the manner of SageMaker's linear learner.
///
/// Objective, over rows with weights vᵢ (V = Σvᵢ), coefficients W and unpenalized intercepts b:
/// (1/V) Σ vᵢ loss(xᵢW + b, yᵢ) + l1 ‖W‖₁ + (wd/2) ‖W‖², loss = ½(s − y)² for regression and the
/// negative log-likelihood of σ(s) (binary) or softmax(s) (multiclass).
/// Solvers (`optimizer` = `auto` picks): regression without l1, the closed form
/// (XᵀVX/V + wd·I) W = XᵀVy/V on centred data, by Cholesky through LAPACKE; regression with l1,
/// cyclic coordinate descent (elastic net); classes without l1, L-BFGS; with l1, mini-batch Adam
/// with a proximal soft-threshold step (`learning_rate`, `mini_batch_size`, `epochs`).
/// Class balancing is ``ClassWeight`` (`class_weight`), common to every classifier. `wd` = `auto` (the
/// default) is 1/V (1/n unweighted), the strength of scikit-learn's default `C = 1` on the mean loss.
/// Features must be finite: the preprocessing plan imputes and scales them.
public struct LinearLearner: Estimator {
    public static let name = "linear"
    public static let family = LearnerFamily.linear
    public static let relativeCost = 0.2

    public var l1 = 0.0
    /// nil (`auto`): 1/V (V the total row weight, n without weights), the L2 strength of scikit-learn's `C = 1` on the mean loss.
    public var wd: Double?
    /// `auto`, `closed_form`, `coordinate_descent`, `lbfgs` or `adam`.
    public var optimizer = "auto"
    public var learningRate = 0.01
    public var miniBatchSize = 1000
    public var epochs = 15

    public init() {}

    public init(assignment: Assignment) throws(LearnersError) {
        var reader = HyperparameterReader(learner: Self.name, assignment)
        l1 = try reader.real("l1", l1, in: 0...1e6)
        wd = try reader.realOrAuto("wd", in: 0...1e6)
        optimizer = try reader.label("optimizer", optimizer, in: ["auto", "closed_form", "coordinate_descent", "lbfgs", "adam"])
        learningRate = try reader.real("learning_rate", learningRate, in: 1e-8...10)
        miniBatchSize = try reader.integer("mini_batch_size", miniBatchSize, in: 1...10_000_000)
        epochs = try reader.integer("epochs", epochs, in: 1...10_000)
        try reader.finish()
    }

    public var assignment: Assignment {
        Assignment([
            "l1": .real(l1), "wd": wd.map { .real($0) } ?? .label("auto"), "optimizer": .label(optimizer), "learning_rate": .real(learningRate),
            "mini_batch_size": .integer(miniBatchSize), "epochs": .integer(epochs),
        ])
    }

    public static func supports(_ task: Task) -> Bool { true }

    /// SageMaker linear learner's tunable penalties; a ridge-like first look.
    public static func searchSpace(rows: Int, columns: Int, task: Task) -> SearchSpace {
        SearchSpace([
            Parameter("wd", .continuous(lower: 1e-7, upper: 1, scaling: .logarithmic), initial: .real(max(1e-7, min(1, 1 / Double(max(rows, 1)))))),
            Parameter("l1", .continuous(lower: 0, upper: 0.1, scaling: .linear), initial: .real(0)),
        ])
    }

    public func fit(_ training: Dataset, validation: Dataset?, seed: UInt64, threads: Int) throws(LearnersError) -> Model {
        // No early stopping here, but a validation set that cannot match is still a mistake to report.
        _ = try training.aligning(validation: validation)
        if let name = training.features.firstNonFiniteFeature {
            throw .nonFiniteFeature(name: name, learner: "the linear learner")
        }
        let weights = training.weights ?? [Double](repeating: 1, count: training.rowCount)
        // `auto` is 1/V, V the total weight: a row of weight 2 then counts exactly as the row twice.
        let wd = self.wd ?? 1 / max(weights.reduce(0, +), .leastNormalMagnitude)
        let solver = LinearSolver(
            features: training.features, target: training.target, weights: weights, task: training.task, classes: training.classes.count)
        let chosen =
            optimizer != "auto"
            ? optimizer : (training.task == .regression ? (l1 > 0 ? "coordinate_descent" : "closed_form") : (l1 > 0 ? "adam" : "lbfgs"))
        let (coefficients, intercepts): ([Double], [Double])
        switch (chosen, training.task) {
        case ("closed_form", .regression):
            (coefficients, intercepts) = try solver.closedForm(wd: wd, l1: l1)
        case ("coordinate_descent", .regression):
            (coefficients, intercepts) = solver.coordinateDescent(wd: wd, l1: l1)
        case ("adam", _):
            (coefficients, intercepts) = solver.adam(wd: wd, l1: l1, learningRate: learningRate, batch: miniBatchSize, epochs: epochs, seed: seed)
        case ("lbfgs", _):
            guard l1 == 0 else {
                throw .invalidHyperparameter(
                    learner: Self.name, message: "optimizer 'lbfgs' has no L1 penalty; use adam (or coordinate_descent for regression) when l1 > 0.")
            }
            (coefficients, intercepts) = solver.lbfgs(wd: wd)
        default:
            throw .invalidHyperparameter(learner: Self.name, message: "optimizer '\(chosen)' solves regression only; use lbfgs or adam for classes.")
        }
        return Model(
            featureNames: training.features.names, task: training.task, classes: training.classes,
            outputs: solver.outputs, coefficients: coefficients, intercepts: intercepts)
    }
}
