import Foundation

/// The longest one AutoML trial may run: a quarter of the tuning time, at least 5 s. One slow
/// pipeline (a wide MLP on a small batch size took 45 s of a 51 s search) must not hold a worker for
/// the whole search; a trial cut off fails with the reason, and the search moves on.
struct TrialTimeLimit: Sendable {
    var seconds: Double

    init(tuningSeconds: Double) {
        seconds = max(5, tuningSeconds / 4)
    }

    /// The error of a trial that ran past the limit.
    struct Exceeded: LocalizedError {
        var seconds: Double
        var errorDescription: String? {
            "took longer than the \(TimeSpan.describe(seconds)) one trial may run (a quarter of the tuning time); cut off"
        }
    }

    /// Runs `operation`, cancelling it when it runs past the limit.
    /// - Throws: ``Exceeded`` when cut off, else what `operation` throws.
    func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let limit = seconds
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await _Concurrency.Task.sleep(for: .saturating(seconds: limit))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            guard let value = first else {
                // The limit passed first. Cancel the operation and wait for it to stop; an
                // operation that finished in the meantime still counts.
                group.cancelAll()
                while let next = try? await group.next() {
                    if let value = next { return value }
                }
                throw Exceeded(seconds: limit)
            }
            return value
        }
    }
}
