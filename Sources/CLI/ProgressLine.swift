import AutoML
import Foundation
import Tuning

/// The live status line `automl run` keeps at the bottom of a terminal: trials finished, the best
/// score so far and the time left, redrawn every second and after every trial. Other lines are
/// printed above it. Used only when standard output is a terminal; otherwise each trial is a log line.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let deadline: ContinuousClock.Instant
    private var progress: RunProgress?
    private var visible = false
    private var ticker: _Concurrency.Task<Void, Never>?

    /// Whether standard output is a terminal.
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// - Parameter timeLimit: seconds from now to the job's deadline.
    init(timeLimit: Double) {
        deadline = .now + .milliseconds(Int64(timeLimit * 1000))
    }

    /// Starts the once-a-second redraw.
    func start() {
        let task = _Concurrency.Task { [weak self] in
            while !_Concurrency.Task.isCancelled {
                try? await _Concurrency.Task.sleep(for: .seconds(1))
                self?.redraw()
            }
        }
        lock.withLock { ticker = task }
        redraw()
    }

    /// Records the search's state and redraws.
    func update(_ progress: RunProgress) {
        lock.withLock { self.progress = progress }
        redraw()
    }

    /// Prints `line` above the status line.
    func print(_ line: String) {
        lock.withLock {
            write("\r\u{1B}[2K" + line + "\n")
            visible = false
        }
        redraw()
    }

    /// Removes the status line for good.
    func finish() {
        lock.withLock {
            ticker?.cancel()
            ticker = nil
            if visible { write("\r\u{1B}[2K") }
            visible = false
            progress = nil
        }
    }

    /// The status text for `progress` with `secondsLeft` to go.
    static func text(_ progress: RunProgress?, secondsLeft: Double) -> String {
        let left = "\(TimeSpan.describe(max(0, secondsLeft))) left"
        guard let progress else { return "profiling and preparing; \(left)" }
        let best = progress.best.map { "best \(progress.metric.rawValue) \(NumberFormat.short($0))" } ?? "no pipeline scored yet"
        let failed = progress.finished - progress.completed
        return "\(progress.completed) pipeline\(progress.completed == 1 ? "" : "s") evaluated" + (failed > 0 ? " (\(failed) failed or stopped)" : "")
            + "; \(best); \(left)"
    }

    private func redraw() {
        lock.withLock {
            guard ticker != nil else { return }
            write("\r\u{1B}[2K" + Self.text(progress, secondsLeft: (deadline - .now).inSeconds))
            visible = true
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
