import Foundation

/// A cancellation flag for fits that run on a thread of their own rather than in a Swift task
/// (where `Task.isCancelled` cannot reach them): ``bind(_:)`` makes it visible to the fits that run
/// in its body on that thread.
public final class CancellationToken: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private static let key = "automl.CancellationToken"

    public init() {}

    /// Asks the fits under this token to stop at their next check.
    public func cancel() {
        lock.withLock { cancelled = true }
    }

    public var isCancelled: Bool {
        lock.withLock { cancelled }
    }

    /// Runs `body` on the current thread with this token as the thread's token.
    public func bind<T>(_ body: () throws -> T) rethrows -> T {
        let dictionary = Thread.current.threadDictionary
        let previous = dictionary[Self.key]
        dictionary[Self.key] = self
        defer { dictionary[Self.key] = previous }
        return try body()
    }

    /// Throws `CancellationError` when the current task or the current thread's token is cancelled:
    /// the check for work between fits.
    public static func checkCancellation() throws {
        if _Concurrency.Task.isCancelled || current?.isCancelled == true { throw CancellationError() }
    }

    /// The token bound to the current thread, if any.
    static var current: CancellationToken? {
        Thread.current.threadDictionary[key] as? CancellationToken
    }
}
