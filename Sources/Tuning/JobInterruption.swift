import Foundation

/// A flag a signal handler raises to end a tuning run at once (Ctrl-C). Trials cut off by it are
/// neither failed nor stopped: they stay running in the store and are re-run when the job resumes.
public final class JobInterruption: @unchecked Sendable {
    // A lock, not an actor: a signal source raises it and polling loops read it synchronously.
    private let lock = NSLock()
    private var raised = false

    public init() {}

    /// Ends the run: no new trial starts and running ones are cancelled.
    public func raise() { lock.withLock { raised = true } }

    public var isRaised: Bool { lock.withLock { raised } }
}
