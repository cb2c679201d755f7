import Dispatch
import Foundation
import Tuning

/// Turns the first Ctrl-C (SIGINT) into a raised ``JobInterruption`` so the job ends cleanly with
/// its reports written; a second Ctrl-C exits at once with status 130.
final class InterruptSignal: @unchecked Sendable {
    // Only touched on the signal source's queue after init.
    private var source: DispatchSourceSignal?
    private var count = 0

    init(_ interruption: JobInterruption, announce: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "automl.sigint"))
        source.setEventHandler { [unowned self] in
            self.count += 1
            if self.count > 1 { Foundation.exit(130) }
            announce()
            interruption.raise()
        }
        source.resume()
        self.source = source
    }

    /// Gives SIGINT back its default meaning.
    func restore() {
        source?.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
