/// Runs trials: in process (``ClosureExecutor``) or as a user's command.
///
/// A thrown error becomes a failed trial with the error's message and the job goes on.
/// Executors honour task cancellation (the job's maximum runtime).
public protocol TrialExecutor: Sendable {
    /// Evaluates the objective for `request`, reporting intermediate values through `reporter`.
    func execute(_ request: TrialRequest, reporter: TrialReporter) async throws -> Double
}
