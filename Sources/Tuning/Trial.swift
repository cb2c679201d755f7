import Foundation

/// Whether a study seeks the smallest or the largest objective value.
public enum Direction: String, Codable, Sendable, CaseIterable {
    case minimize
    case maximize

    /// `value` turned into a loss (smaller is better).
    public func loss(_ value: Double) -> Double { self == .minimize ? value : -value }

    /// Whether `candidate` is strictly better than `incumbent`.
    public func isBetter(_ candidate: Double, than incumbent: Double) -> Bool {
        self == .minimize ? candidate < incumbent : candidate > incumbent
    }
}

/// Where a trial is in its life.
///
/// `pending` trials wait for a worker (a trial that was running when its process died is put back
/// to pending on resume); `running` ones have a worker; the other three are final.
public enum TrialStatus: String, Codable, Sendable, CaseIterable {
    case pending
    case running
    case completed
    case failed
    case stopped

    /// Whether the trial is being evaluated or waits for a worker (running or pending).
    public var isUnderWay: Bool { self == .running || self == .pending }

    /// Whether the trial has ended (completed, failed or stopped).
    public var isFinished: Bool { self == .completed || self == .failed || self == .stopped }
}

/// A value a trial reported while running (a validation score after an epoch or boosting round).
public struct IntermediateValue: Codable, Sendable, Equatable {
    public var step: Int
    public var value: Double

    public init(step: Int, value: Double) {
        self.step = step
        self.value = value
    }
}

/// One evaluation of the objective at one assignment, as the store holds it.
public struct Trial: Codable, Sendable, Equatable {
    /// 0, 1, 2, … within its study, assigned by the store.
    public var number: Int
    public var assignment: Assignment
    public var status: TrialStatus
    /// The final objective value (completed trials; stopped trials keep their last reported value).
    public var value: Double?
    /// Values reported while running, in step order.
    public var intermediateValues: [IntermediateValue]
    /// Why a failed trial failed.
    public var error: String?
    /// The seed the trial's evaluation receives (derived from the study seed and the number).
    public var seed: UInt64
    /// How many times a worker started it (more than 1 after a resume re-ran it).
    public var attempts: Int
    public var startedAt: Date?
    public var finishedAt: Date?
    /// Where the current attempt's processes run (trials whose executor starts a command).
    public var process: TrialProcess?
    /// Why the sampler could not choose this trial as it meant to and drew it at random instead
    /// (a Gaussian process that could not be fitted); nil when it did.
    public var samplerFallback: String?

    public init(
        number: Int, assignment: Assignment, status: TrialStatus, value: Double? = nil,
        intermediateValues: [IntermediateValue] = [], error: String? = nil, seed: UInt64,
        attempts: Int = 0, startedAt: Date? = nil, finishedAt: Date? = nil, process: TrialProcess? = nil,
        samplerFallback: String? = nil
    ) {
        self.number = number
        self.assignment = assignment
        self.status = status
        self.value = value
        self.intermediateValues = intermediateValues
        self.error = error
        self.seed = seed
        self.attempts = attempts
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.process = process
        self.samplerFallback = samplerFallback
    }

    /// The trial's final value if it completed with a finite one.
    public var completedValue: Double? {
        guard status == .completed, let value, value.isFinite else { return nil }
        return value
    }
}

/// How a trial ended, as its worker reports it.
public enum TrialOutcome: Sendable, Equatable {
    /// The objective value.
    case completed(Double)
    /// The evaluation failed with this message.
    case failed(String)
    /// An early-stopping rule stopped it; the last reported value, if any.
    case stopped(Double?)
}

/// A study as the store holds it: its name, space, direction and seed.
public struct StudyRecord: Codable, Sendable, Equatable {
    public var name: String
    public var space: SearchSpace
    public var direction: Direction
    public var seed: UInt64
    /// Studies whose completed trials seed this one's model (warm start).
    public var parents: [String]
    public var createdAt: Date

    public init(name: String, space: SearchSpace, direction: Direction, seed: UInt64, parents: [String] = [], createdAt: Date = Date()) {
        self.name = name
        self.space = space
        self.direction = direction
        self.seed = seed
        self.parents = parents
        self.createdAt = createdAt
    }

    /// The seed of trial `number`: a splitmix64 mix of the study seed and the number, so trials get
    /// unrelated streams and a rerun gets the same ones.
    public func trialSeed(_ number: Int) -> UInt64 {
        SeedMixer.mix(seed, UInt64(number))
    }
}

/// Derives independent seeds from a base seed and an index.
public enum SeedMixer {
    /// splitmix64 of `seed + (index + 1) · golden gamma`.
    public static func mix(_ seed: UInt64, _ index: UInt64) -> UInt64 {
        var z = seed &+ (index &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Sequence where Element == Trial {
    /// The completed trial with the best value for `direction` (the lowest number on ties).
    public func best(_ direction: Direction) -> Trial? {
        filter { $0.completedValue != nil }.min { a, b in
            let (x, y) = (direction.loss(a.value ?? 0), direction.loss(b.value ?? 0))
            return x < y || (x == y && a.number < b.number)
        }
    }
}
