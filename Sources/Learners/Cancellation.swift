import Foundation

/// Lets a long fit stop when the work it belongs to is cancelled (a job's time limit, a trial's
/// time limit, Ctrl-C). Fits call ``check()`` between rounds, epochs or chunks of trees: a cheap read
/// of the current task's flag and of the ``CancellationToken`` bound to the current thread.
enum Cancellation {
    /// - Throws: ``LearnersError/cancelled`` when the current task or the thread's token is cancelled.
    static func check() throws(LearnersError) {
        if _Concurrency.Task.isCancelled || CancellationToken.current?.isCancelled == true { throw .cancelled }
    }
}
