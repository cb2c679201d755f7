/// What a sampler sees when asked for the next assignment.
public struct SamplingContext: Sendable {
    public var space: SearchSpace
    public var direction: Direction
    /// This study's trials so far, any status.
    public var trials: [Trial]
    /// Completed trials of parent studies (warm start) whose assignments fit this space.
    public var priorTrials: [Trial]
    /// The number the new trial will get.
    public var trialNumber: Int
    /// The study's seed (for designs shared by all trials, such as an initial Latin hypercube).
    public var studySeed: UInt64

    public init(
        space: SearchSpace, direction: Direction, trials: [Trial], priorTrials: [Trial] = [], trialNumber: Int,
        studySeed: UInt64
    ) {
        self.space = space
        self.direction = direction
        self.trials = trials
        self.priorTrials = priorTrials
        self.trialNumber = trialNumber
        self.studySeed = studySeed
    }

    /// The seed of this suggestion: mixed from the study seed and the trial number.
    public var seed: UInt64 { SeedMixer.mix(studySeed, UInt64(trialNumber)) }

    /// Assignments being evaluated right now (running or waiting trials).
    public var pending: [Assignment] {
        trials.filter(\.status.isUnderWay).map(\.assignment)
    }

    /// Completed trials of this study and its parents with a finite value, as (assignment, loss):
    /// losses are values for minimization, negated values for maximization.
    public var observations: [(assignment: Assignment, loss: Double)] {
        (priorTrials + trials).compactMap { trial in
            trial.completedValue.map { (trial.assignment, direction.loss($0)) }
        }
    }
}

/// A search strategy: from the history and the pending trials, the next assignment to evaluate.
///
/// Samplers are stateless and deterministic: the same context gives the same assignment. Failed
/// trials are never modelled, but their assignments are not proposed again; pending ones are taken
/// into account so parallel workers do not duplicate each other.
public protocol Sampler: Sendable {
    /// The strategy's name as reports and the store show it (`Bayesian`, `Random`, ...).
    var name: String { get }
    /// The next assignment: a full point of `context.space` (see ``SearchSpace/validateComplete(_:)``).
    /// - Throws: ``TuningError/searchSpaceExhausted(points:)`` when a finite space has no new point.
    func suggest(_ context: SamplingContext) throws(TuningError) -> Assignment
    /// ``suggest(_:)`` with how the assignment was chosen (Study records a fallback with the trial).
    func suggestion(_ context: SamplingContext) throws(TuningError) -> Suggestion
    /// The early-stopping rule the strategy brings (Hyperband's brackets), if any.
    var stoppingRule: (any StoppingRule)? { get }
}

extension Sampler {
    public var stoppingRule: (any StoppingRule)? { nil }

    /// The next assignment and how it was chosen; samplers that can fall back override it.
    public func suggestion(_ context: SamplingContext) throws(TuningError) -> Suggestion {
        Suggestion(assignment: try suggest(context))
    }
}

/// An assignment a sampler proposes, and, when it could not choose it as it meant to (a Gaussian
/// process that could not be fitted, every ranked point taken), why it drew it at random instead.
public struct Suggestion: Sendable, Equatable {
    public var assignment: Assignment
    public var fallback: String?

    public init(assignment: Assignment, fallback: String? = nil) {
        self.assignment = assignment
        self.fallback = fallback
    }
}
