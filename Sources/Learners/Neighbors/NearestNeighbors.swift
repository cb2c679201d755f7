import Tabular
import Tuning

/// k-nearest neighbours by brute force in Euclidean distance: a row's prediction is the (weighted)
/// class vote or mean target of the `k` training rows closest to it. Distances come in blocks
/// from BLAS `gemm` (‖q − x‖² = ‖q‖² + ‖x‖² − 2 q·x), as scikit-learn's brute-force search does.
///
/// Hyperparameters: `k` (SageMaker k-NN's name; scikit-learn's `n_neighbors`, default 5),
/// `weights` (`uniform` or `distance`, as scikit-learn), and `sample_size` (SageMaker's: keep at
/// most this many training rows, drawn at random; 0 keeps all). Features must be complete and
/// finite (the neighbours plan imputes and scales them).
public struct NearestNeighbors: Estimator {
    public static let name = "knn"
    public static let family = LearnerFamily.neighbors
    public static let relativeCost = 0.5

    public var k = 5
    /// `uniform` or `distance` (weight 1/d; rows at distance 0 outvote all others).
    public var weights = "uniform"
    /// 0: every training row.
    public var sampleSize = 0

    public init() {}

    public init(assignment: Assignment) throws(LearnersError) {
        var reader = HyperparameterReader(learner: Self.name, assignment)
        k = try reader.integer("k", k, in: 1...10_000)
        weights = try reader.label("weights", weights, in: ["uniform", "distance"])
        sampleSize = try reader.integer("sample_size", sampleSize, in: 0...1_000_000_000)
        try reader.finish()
    }

    public var assignment: Assignment {
        Assignment(["k": .integer(k), "weights": .label(weights), "sample_size": .integer(sampleSize)])
    }

    public static func supports(_ task: Task) -> Bool { true }

    /// k from 1 to 100 on a log scale (first: 5) and the vote weighting.
    public static func searchSpace(rows: Int, columns: Int, task: Task) -> SearchSpace {
        SearchSpace([
            Parameter("k", .integer(lower: 1, upper: max(2, min(100, rows / 2)), scaling: .logarithmic), initial: .integer(min(5, max(1, rows / 2)))),
            Parameter("weights", .categorical(["uniform", "distance"]), initial: .label("uniform")),
        ])
    }

    public func fit(_ training: Dataset, validation: Dataset?, seed: UInt64, threads: Int) throws(LearnersError) -> Model {
        _ = try training.aligning(validation: validation)
        if let name = training.features.firstNonFiniteFeature { throw .nonFiniteFeature(name: name, learner: Self.name) }
        var kept = training
        if sampleSize > 0, sampleSize < training.rowCount {
            var generator = SeededGenerator(seed: seed)
            var rows = Array(0..<training.rowCount)
            for i in 0..<sampleSize { rows.swapAt(i, Int.random(in: i..<rows.count, using: &generator)) }
            kept = try training.selecting(rows: Array(rows.prefix(sampleSize)).sorted())
        }
        return Model(
            featureNames: kept.features.names, task: kept.task, classes: kept.classes, k: min(k, kept.rowCount),
            distanceWeighted: weights == "distance", rowCount: kept.rowCount, features: PackedDoubles(kept.features.values),
            target: PackedDoubles(kept.target), weights: kept.weights.map(PackedDoubles.init))
    }
}
