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
