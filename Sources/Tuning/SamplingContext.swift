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
