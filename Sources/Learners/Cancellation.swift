/// Lets a long fit stop when the task running it is cancelled (a job's time limit, Ctrl-C). Fits
/// call ``check()`` between rounds, epochs or sweeps: a cheap read of the current task's flag.
enum Cancellation {
    /// - Throws: ``LearnersError/cancelled`` when the current task is cancelled.
    static func check() throws(LearnersError) {
        if _Concurrency.Task.isCancelled { throw .cancelled }
    }
}
