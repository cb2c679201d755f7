import Foundation

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
    /// The worker (``WorkerIdentity``) that holds or last held the trial; nil for trials run by a
    /// process that did not name itself.
    public var worker: String?
    /// When that worker last said it is alive while the trial ran.
    public var heartbeatAt: Date?

    public init(
        number: Int, assignment: Assignment, status: TrialStatus, value: Double? = nil,
        intermediateValues: [IntermediateValue] = [], error: String? = nil, seed: UInt64,
        attempts: Int = 0, startedAt: Date? = nil, finishedAt: Date? = nil, process: TrialProcess? = nil,
        samplerFallback: String? = nil, worker: String? = nil, heartbeatAt: Date? = nil
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
        self.worker = worker
        self.heartbeatAt = heartbeatAt
    }

    /// The trial's final value if it completed with a finite one.
    public var completedValue: Double? {
        guard status == .completed, let value, value.isFinite else { return nil }
        return value
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
