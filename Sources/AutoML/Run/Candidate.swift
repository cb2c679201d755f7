import Learners
import Tuning

/// One candidate pipeline of an AutoML job: a preprocessing plan paired with a built-in algorithm
/// and the algorithm's search space.
public struct Candidate: Codable, Sendable, Equatable {
    /// Stable id, the algorithm's name (`gbdt`, `linear`, ...): the value of the joint space's
    /// `algorithm` parameter.
    public var id: String
    public var algorithm: String
    public var plan: PreprocessingPlan
    /// The algorithm's own search space (its hyperparameters under the names users know).
    public var space: SearchSpace
    public var relativeCost: Double
    /// Why the space has a `target_transform` choice (nil when it has none).
    public var targetTransformReason: String?

    public init(
        id: String, algorithm: String, plan: PreprocessingPlan, space: SearchSpace, relativeCost: Double, targetTransformReason: String? = nil
    ) {
        self.id = id
        self.algorithm = algorithm
        self.plan = plan
        self.space = space
        self.relativeCost = relativeCost
        self.targetTransformReason = targetTransformReason
    }
}
