import Foundation
import Learners

/// Runs CPU-bound work (a trial's fits) on a thread of its own instead of a Swift concurrency
/// thread. The cooperative pool has one thread per core: two trials computing on it left no thread
/// to wake the timers that end a trial or the search, so a slow trial ran on for 45 s. Task
/// cancellation reaches the work through a ``CancellationToken``.
enum DedicatedThread {
    /// The stack of the work's thread (tree growing and the CSV reader recurse little, but the
    /// default secondary-thread stack is small).
    static let stackSize = 16 << 20

    /// `body`'s result, computed on a new thread; cancelling the calling task cancels the token
    /// bound to that thread.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let token = CancellationToken()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let thread = Thread {
                    continuation.resume(with: Result { try token.bind(body) })
                }
                thread.stackSize = stackSize
                thread.start()
            }
        } onCancel: {
            token.cancel()
        }
    }
}
