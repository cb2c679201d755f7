import Foundation
import Tuning

/// Every trial of an AutoML job sorted by how it ended: completed, failed, cut off (by the
/// one-trial time limit, or when the search's time ran out), or not started (like trials said it
/// could not finish before the search's end), with what a reviewer needs to see why.
public struct TrialOutcomes: Sendable {
    /// How a trial that did not complete ended.
    public enum Ending: String, Sendable {
        case failed = "failed"
        case cutOff = "cut off"
        case notStarted = "not started"
    }

    /// A trial that did not complete.
    public struct Unfinished: Sendable {
        public var trial: Int
        public var candidate: String
        public var hyperparameters: Assignment
        public var ending: Ending
        public var reason: String
        /// Seconds from its start to its end (nil when the store has no times).
        public var seconds: Double?
    }

    public var completed: Int
    public var unfinished: [Unfinished]
    /// Per candidate id: trials started and completed.
    public var byCandidate: [String: (started: Int, completed: Int)]
    /// The caveat for trials the Bayesian sampler drew at random (nil when none were).
    public var fallbackCaveat: String?

    public var failed: Int { unfinished.filter { $0.ending == .failed }.count }
    public var cutOff: Int { unfinished.filter { $0.ending == .cutOff }.count }
    public var notStarted: Int { unfinished.filter { $0.ending == .notStarted }.count }

    /// Sorts `trials` (finished ones; trials still pending or running are left out).
    public init(_ trials: [Trial]) {
        completed = 0
        unfinished = []
        byCandidate = [:]
        fallbackCaveat = TuningReport.fallbackCaveat(trials)
        for trial in trials.sorted(by: { $0.number < $1.number }) where trial.status.isFinished {
            let (id, hyperparameters) = CandidateGenerator.split(trial.assignment)
            var counts = byCandidate[id] ?? (0, 0)
            let error = trial.error.map(TuningReport.firstLine)
            let skipped = trial.completedValue == nil && error?.hasPrefix(TrialCosts.WouldNotFinish.prefix) == true
            if !skipped { counts.started += 1 }
            if trial.completedValue != nil {
                completed += 1
                counts.completed += 1
            } else {
                let ending: Ending
                let reason: String
                if skipped, let error {
                    (ending, reason) = (
                        .notStarted, String(error.dropFirst(TrialCosts.WouldNotFinish.prefix.count)).trimmingCharacters(in: .whitespaces)
                    )
                } else if trial.status == .stopped {
                    (ending, reason) = (.cutOff, "still running when the search's time ran out")
                } else if let error, error.hasSuffix("cut off") {
                    (ending, reason) = (.cutOff, error)
                } else {
                    (ending, reason) = (
                        .failed, error ?? (trial.status == .completed ? "its score was not a finite number" : "no error was recorded")
                    )
                }
                var seconds: Double?
                if let started = trial.startedAt, let finished = trial.finishedAt { seconds = finished.timeIntervalSince(started) }
                unfinished.append(
                    Unfinished(
                        trial: trial.number, candidate: id, hyperparameters: hyperparameters, ending: ending, reason: reason, seconds: seconds))
            }
            byCandidate[id] = counts
        }
    }

    /// "12 completed, 1 failed, 2 cut off" (and ", 3 not started" when any were not).
    public var tally: String {
        "\(completed) completed, \(failed) failed, \(cutOff) cut off" + (notStarted > 0 ? ", \(notStarted) not started" : "")
    }

    /// The Markdown section listing every trial that did not complete (nothing when all did).
    func section(into document: inout MarkdownDocument, level: Int) {
        document.heading(level, notStarted > 0 ? "Failed, cut-off and unstarted trials" : "Failed and cut-off trials")
        guard !unfinished.isEmpty else {
            document.paragraph("None: every trial completed.")
            return
        }
        document.paragraph(
            "Trial numbers missing from the pipeline table are these. A trial is cut off when it runs past the time one trial may take "
                + "(a quarter of the tuning time) or is still running when the search's time runs out; it failed when its learner or preprocessing raised an error."
                + (notStarted > 0
                    ? " A trial is not started when the same candidate's last trials, scaled by the work its settings ask for, say it would end after the search (it would be cut off, its time spent for nothing)."
                    : "")
        )
        document.table(
            ["trial", "algorithm", "ending", "seconds", "reason", "hyperparameters"],
            unfinished.map {
                [
                    String($0.trial), $0.candidate, $0.ending.rawValue, $0.seconds.map(NumberFormat.short) ?? "", $0.reason,
                    TuningReport.summary($0.hyperparameters),
                ]
            }, rightAligned: [0, 3])
    }
}
