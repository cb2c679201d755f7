import Foundation
import Tabular
import Tuning

/// A multilayer perceptron trained by mini-batch Adam: scikit-learn's `MLPClassifier` /
/// `MLPRegressor` names and defaults (`hidden_layer_sizes` "100", `activation` relu, `alpha`
/// 1e-4, `batch_size` 200, `learning_rate_init` 1e-3, `max_iter` 200, `tol` 1e-4,
/// `n_iter_no_change` 10), plus `dropout` (default 0). With a validation set, training stops on
/// the validation loss and keeps the best epoch's weights. Regression targets are standardized for
/// training (scikit-learn's regressor is not, and stalls on targets in the thousands).
/// Features must be complete and finite (the neural-network plan imputes and scales them).
public struct MultilayerPerceptron: Estimator {
    public static let name = "mlp"
    public static let family = LearnerFamily.neuralNetwork
    public static let relativeCost = 3.0

    /// Units per hidden layer.
    public var hiddenLayers = [100]
    /// `relu` or `tanh`.
    public var activation = "relu"
    /// L2 penalty (scikit-learn's `alpha`).
    public var alpha = 1e-4
    public var batchSize = 200
    public var learningRate = 1e-3
    public var maxEpochs = 200
    public var tolerance = 1e-4
    public var patience = 10
    /// Fraction of hidden units dropped in each training batch.
    public var dropout = 0.0

    public init() {}

    public init(assignment: Assignment) throws(LearnersError) {
        var reader = HyperparameterReader(learner: Self.name, assignment)
        let layers = reader.value("hidden_layer_sizes")?.description ?? hiddenLayers.map(String.init).joined(separator: ",")
        let sizes = layers.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !sizes.isEmpty, sizes.allSatisfy({ $0.map { (1...100_000).contains($0) } ?? false }) else {
            throw .invalidHyperparameter(
                learner: Self.name,
                message: "'hidden_layer_sizes' = '\(layers)' must list units per layer, like \"100\" or \"64,32\" (each 1...100000).")
        }
        hiddenLayers = sizes.compactMap { $0 }
        activation = try reader.label("activation", activation, in: ["relu", "tanh"])
        alpha = try reader.real("alpha", alpha, in: 0...1e3)
        batchSize = try reader.integer("batch_size", batchSize, in: 1...1_000_000)
        learningRate = try reader.real("learning_rate_init", learningRate, in: 1e-7...1)
        maxEpochs = try reader.integer("max_iter", maxEpochs, in: 1...100_000)
        tolerance = try reader.real("tol", tolerance, in: 0...1e3)
        patience = try reader.integer("n_iter_no_change", patience, in: 1...100_000)
        dropout = try reader.real("dropout", dropout, in: 0...0.9)
        try reader.finish()
    }

    /// Epochs × hidden units: the most passes early stopping allows, each as wide as the network.
    public var relativeWork: Double { Double(maxEpochs) * Double(hiddenLayers.reduce(1, +)) }

    public var assignment: Assignment {
        Assignment([
            "hidden_layer_sizes": .label(hiddenLayers.map(String.init).joined(separator: ",")), "activation": .label(activation),
            "alpha": .real(alpha), "batch_size": .integer(batchSize), "learning_rate_init": .real(learningRate),
            "max_iter": .integer(maxEpochs), "tol": .real(tolerance), "n_iter_no_change": .integer(patience), "dropout": .real(dropout),
        ])
    }

    public static func supports(_ task: Task) -> Bool { true }

    /// Width and depth, the L2 penalty, the step size, the batch size and dropout; the first
    /// configuration is scikit-learn's default network.
    public static func searchSpace(rows: Int, columns: Int, task: Task) -> SearchSpace {
        SearchSpace([
            Parameter("hidden_layer_sizes", .categorical(["100", "32", "64", "256", "64,32", "128,64"]), initial: .label("100")),
            Parameter("activation", .categorical(["relu", "tanh"]), initial: .label("relu")),
            Parameter("alpha", .continuous(lower: 1e-6, upper: 1e-1, scaling: .logarithmic), initial: .real(1e-4)),
            Parameter("learning_rate_init", .continuous(lower: 1e-4, upper: 3e-2, scaling: .logarithmic), initial: .real(1e-3)),
            Parameter("batch_size", .integer(lower: 32, upper: 512, scaling: .logarithmic), initial: .integer(200)),
            Parameter("dropout", .continuous(lower: 0, upper: 0.5, scaling: .linear), initial: .real(0)),
            // Epochs are searched too, from scikit-learn's 200 on small data down to 10 on large:
            // about 200,000 rows' worth of passes, so the first look at a network stays cheap (at
            // 15 s on 5,000 rows a 200-epoch trial was cut off) without starving small data.
            Parameter(
                "max_iter", .integer(lower: 10, upper: 300, scaling: .logarithmic), initial: .integer(max(10, min(200, 200_000 / max(1, rows))))),
        ])
    }

    public func fit(_ training: Dataset, validation: Dataset?, seed: UInt64, threads: Int) throws(LearnersError) -> Model {
        let validation = try training.aligning(validation: validation)
        for data in [training] + (validation.map { [$0] } ?? []) {
            if let name = data.features.firstNonFiniteFeature { throw .nonFiniteFeature(name: name, learner: Self.name) }
        }
        let task = training.task
        let outputs = task == .multiclass ? training.classes.count : 1
        var (mean, deviation) = (0.0, 1.0)
        if task == .regression {
            let weights = training.weights ?? [Double](repeating: 1, count: training.rowCount)
            let total = max(weights.reduce(0, +), 1e-300)
            mean = zip(training.target, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
            let variance = zip(training.target, weights).reduce(0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) } / total
            deviation = variance > 0 ? variance.squareRoot() : 1
        }
        func targets(_ data: Dataset) -> NetworkTrainer.Targets {
            let values = task == .regression ? data.target.map { ($0 - mean) / deviation } : data.target
            return NetworkTrainer.Targets(outputs: outputs, task: task, values: values, weights: data.weights)
        }
        var generator = SeededGenerator(seed: seed)
        let network = DenseNetwork(
            sizes: [training.features.columnCount] + hiddenLayers + [outputs],
            activation: DenseNetwork.Activation(rawValue: activation) ?? .relu, generator: &generator)
        let trainer = NetworkTrainer(
            learningRate: learningRate, batchSize: batchSize, l2: alpha, dropout: dropout, maxEpochs: maxEpochs,
            patience: patience, tolerance: tolerance)
        let (trained, epochs) = try trainer.train(
            network, features: training.features, targets: targets(training),
            validation: validation.map { ($0.features, targets($0)) }, generator: &generator)
        guard trained.weights.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw .invalidHyperparameter(
                learner: Self.name, message: "training diverged (weights became infinite); lower 'learning_rate_init' (now \(learningRate)).")
        }
        return Model(
            featureNames: training.features.names, task: task, classes: training.classes, network: trained,
            targetMean: mean, targetDeviation: deviation, epochs: epochs)
    }
}

extension MultilayerPerceptron {
    /// A trained network with its output transform (identity rescaled, logistic or softmax).
    public struct Model: Predictor, Equatable {
        public let featureNames: [String]
        public let task: Task
        public let classes: [String]
        let network: DenseNetwork
        /// Regression: the network predicts (y − mean) / deviation.
        let targetMean: Double
        let targetDeviation: Double
        /// Epochs trained.
        public let epochs: Int

        public func predict(_ features: FeatureMatrix, threads: Int) throws(LearnersError) -> Prediction {
            let aligned = try features.aligned(to: featureNames)
            if let name = aligned.firstNonFiniteFeature { throw .nonFiniteFeature(name: name, learner: MultilayerPerceptron.name) }
            let n = aligned.rowCount
            let k = network.sizes.last ?? 1
            let blockRows = 2048
            let blocks = (n + blockRows - 1) / blockRows
            // Each block's rows copied out (column-major), run through the network.
            let parts = ParallelLoop.map(blocks, threads: threads) { block -> [Double] in
                let rows = (block * blockRows)..<min(n, (block + 1) * blockRows)
                let input = aligned.selecting(rows: Array(rows))
                return input.values.withUnsafeBufferPointer { network.outputs($0.baseAddress.unsafelyUnwrapped, rows: rows.count, ld: rows.count) }
            }
            switch task {
            case .regression:
                return Prediction(regression: parts.flatMap { $0.map { $0 * targetDeviation + targetMean } })
            case .binary:
                return Prediction(
                    classes: classes,
                    probabilities: parts.flatMap {
                        $0.flatMap { s in
                            let p = 1 / (1 + exp(-s))
                            return [1 - p, p]
                        }
                    })
            case .multiclass:
                var probabilities: [Double] = []
                probabilities.reserveCapacity(n * k)
                for part in parts {
                    let rows = part.count / k
                    for r in 0..<rows {
                        var highest = -Double.infinity
                        for c in 0..<k { highest = max(highest, part[r + c * rows]) }
                        let exps = (0..<k).map { exp(part[r + $0 * rows] - highest) }
                        let sum = exps.reduce(0, +)
                        probabilities.append(contentsOf: exps.map { $0 / sum })
                    }
                }
                return Prediction(classes: classes, probabilities: probabilities)
            }
        }
    }
}
