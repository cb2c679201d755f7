import Foundation
import Logging
import UnixSignals

/// Says when SIGTERM or SIGINT begins a graceful shutdown: the server then stops accepting
/// connections and finishes the requests in flight before the process ends.
///
/// It listens to the signals itself, beside Hummingbird's service group (which acts on them): the
/// group shuts its services down in reverse order, so a service of ours would hear of the shutdown
/// only after the server has drained.
enum ShutdownNotice {
    /// Watches for the first signal until the returned task is cancelled.
    static func watch(logger: Logger) async -> Task<Void, Never> {
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        return Task {
            for await signal in signals {
                logger.info("\(signal): no new connections; requests in flight are finished first")
                FileHandle.standardOutput.write(Data("automl serve: stopping on \(signal); finishing requests in flight\n".utf8))
                return
            }
        }
    }
}
