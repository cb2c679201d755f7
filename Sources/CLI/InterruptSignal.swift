import Dispatch
import Foundation
import Tuning

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a raised ``JobInterruption`` so the job ends
/// cleanly with its state and reports written, then exits 130 (SIGINT) or 143 (SIGTERM); a second
/// signal runs `beforeExit` (record the job's state) and exits at once with the same status.
final class InterruptSignal: @unchecked Sendable {
    static let handled: [Int32] = [SIGINT, SIGTERM]

    // Only touched on the signal sources' queue after init.
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "automl.signals")
    private var received: Int32?
    private var count = 0

    init(_ interruption: JobInterruption, announce: @escaping @Sendable (Int32) -> Void, beforeExit: (@Sendable () -> Void)? = nil) {
        for number in Self.handled {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [unowned self] in
                self.count += 1
                if self.received == nil { self.received = number }
                if self.count > 1 {
                    beforeExit?()
                    Foundation.exit(128 + (self.received ?? number))
                }
                announce(number)
                interruption.raise()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The status the command exits with after an interruption: 128 + the first signal's number.
    var exitStatus: Int32 { queue.sync { 128 + (received ?? SIGINT) } }

    /// Gives the signals back their default meaning.
    func restore() {
        for source in sources { source.cancel() }
        for number in Self.handled { signal(number, SIG_DFL) }
    }
}
