import Dispatch
import Synchronization

/// Runs loop bodies on an explicit number of threads; the one place parallel loops are spelled.
///
/// Worker threads block when idle (GCD), they do not spin: on these shared 2-core machines
/// spinning workers ran 3-5x slower under load (DESIGN.md).
public enum ParallelLoop {
    /// Calls `body(i)` for `i` in `0..<count`, spread over at most `threads` threads.
    public static func forEach(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        forEach(count, threads: threads, state: {}) { _, i in body(i) }
    }

    /// Calls `body(&state, i)` for `i` in `0..<count`, spread over at most `threads` threads, each
    /// with its own `state` from `makeState` (scratch memory reused from one index to the next).
    private static func forEach<State>(
        _ count: Int, threads: Int, state makeState: @Sendable () -> State, _ body: @Sendable (inout State, Int) -> Void
    ) {
        let workers = min(max(1, threads), count)
        if workers <= 1 {
            var state = makeState()
            for i in 0..<count { body(&state, i) }
            return
        }
        // Each worker takes the next index not yet taken, so a worker that drew cheap indices
        // is not left idle while the other finishes expensive ones (profiling columns of very
        // different cost, or a batch's chunks).
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var state = makeState()
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= count { break }
                body(&state, i)
            }
        }
    }

    /// `(0..<count).map(body)`, computed on at most `threads` threads.
    public static func map<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        forEach(count, threads: threads) { i in slots.set(i, body(i)) }
        return slots.take()
    }

    /// `(first(), second())`, the two computed at the same time when `threads` ≥ 2.
    public static func both<A: Sendable, B: Sendable>(
        threads: Int = 2, _ first: @Sendable () -> A, _ second: @Sendable () -> B
    ) -> (A, B) {
        let slots = Slots<(A?, B?)>(2)
        forEach(2, threads: threads) { k in slots.set(k, k == 0 ? (first(), nil) : (nil, second())) }
        let results = slots.take()
        guard let a = results[0].0, let b = results[1].1 else { preconditionFailure("parallel pair left a result empty") }
        return (a, b)
    }

    /// As ``map(_:threads:_:)``, where each thread first makes its own `State` (scratch memory
    /// reused from one index to the next) and passes it to `body`.
    public static func map<State, T: Sendable>(
        _ count: Int, threads: Int, state makeState: @Sendable () -> State, _ body: @Sendable (inout State, Int) -> T
    ) -> [T] {
        let slots = Slots<T>(count)
        forEach(count, threads: threads, state: makeState) { state, i in slots.set(i, body(&state, i)) }
        return slots.take()
    }
}

extension ParallelLoop {
    /// Result slots written by distinct loop iterations, each index exactly once.
    private final class Slots<T>: @unchecked Sendable {
        private let buffer: UnsafeMutablePointer<T?>
        private let count: Int

        init(_ count: Int) {
            self.count = count
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil, count: count)
        }

        func set(_ index: Int, _ value: T) { buffer[index] = value }

        func take() -> [T] {
            (0..<count).map { index in
                guard let value = buffer[index] else { preconditionFailure("parallel loop left slot \(index) empty") }
                return value
            }
        }

        deinit {
            buffer.deinitialize(count: count)
            buffer.deallocate()
        }
    }
}
