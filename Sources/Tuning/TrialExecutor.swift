/// One trial handed to an executor.
public struct TrialRequest: Sendable, Equatable {
    public var study: String
    public var number: Int
    public var assignment: Assignment
    public var seed: UInt64
    /// 1 on the first run; more when a resumed job re-runs a trial its crashed process left running.
    public var attempt: Int

    public init(study: String, number: Int, assignment: Assignment, seed: UInt64, attempt: Int) {
        self.study = study
        self.number = number
        self.assignment = assignment
        self.seed = seed
        self.attempt = attempt
    }
}

/// How a running trial reports intermediate values and learns whether to stop.
public struct TrialReporter: Sendable {
    let send: @Sendable (Int, Double) async throws -> Bool
    let started: @Sendable (Int32) async throws -> Void

    /// - Parameters:
    ///   - send: records an intermediate value; returns whether to stop.
    ///   - processStarted: records the process group a command-running executor started.
    public init(
        _ send: @escaping @Sendable (Int, Double) async throws -> Bool,
        processStarted: @escaping @Sendable (Int32) async throws -> Void = { _ in }
    ) {
        self.send = send
        self.started = processStarted
    }

    /// Records that the trial's command runs as process group `group` on this host, so that a job
    /// resumed after this process is killed can find and end what it left behind.
    public func processStarted(group: Int32) async throws {
        try await started(group)
    }

    /// Records `value` at `step` (an epoch, a boosting round); returns `true` when the trial should
    /// stop now (its executor then returns its latest value).
    public func report(step: Int, value: Double) async throws -> Bool {
        try await send(step, value)
    }
}

/// Runs trials: in process (``ClosureExecutor``) or as a user's command.
///
/// A thrown error becomes a failed trial with the error's message and the job goes on.
/// Executors honour task cancellation (the job's maximum runtime).
public protocol TrialExecutor: Sendable {
    /// Evaluates the objective for `request`, reporting intermediate values through `reporter`.
    func execute(_ request: TrialRequest, reporter: TrialReporter) async throws -> Double
}

/// An executor that calls a closure in this process.
public struct ClosureExecutor: TrialExecutor {
    let body: @Sendable (TrialRequest, TrialReporter) async throws -> Double

    public init(_ body: @escaping @Sendable (TrialRequest, TrialReporter) async throws -> Double) {
        self.body = body
    }

    /// An executor for an objective without intermediate values.
    public init(objective: @escaping @Sendable (Assignment) throws -> Double) {
        self.body = { request, _ in try objective(request.assignment) }
    }

    public func execute(_ request: TrialRequest, reporter: TrialReporter) async throws -> Double {
        try await body(request, reporter)
    }
}
