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
