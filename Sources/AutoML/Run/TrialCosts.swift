import Foundation
import Learners
import Tuning

/// What the search's trials cost, learned from the ones that ran: per candidate, the seconds per
/// unit of ``Estimator/relativeWork``. A trial predicted to take longer than the search has left,
/// or than one trial may run, is not started (it would be cancelled at the deadline or cut off,
/// its time spent for nothing), so its slot goes to a proposal that can finish. When proposals keep asking for such trials, the next one
/// runs all the same, as it would without this check: ending the search instead gave away the
/// time cheaper candidates could still use (a taxis job ended 16 s early after six proposals in a
/// row for slow networks), and skipping on would only spin.
actor TrialCosts {
    /// Per candidate id, seconds per unit of work of its finished trials, newest last.
    private var rates: [String: [Double]] = [:]
    private var skippedInARow = 0
    /// Trials skipped in a row after which the next is started regardless.
    nonisolated let skipLimit: Int

    init(parallelism: Int) {
        skipLimit = 2 * max(1, parallelism) + 2
    }

    /// Notes that a trial of `candidate` doing `work` ran `seconds`.
    func record(candidate: String, work: Double, seconds: Double) {
        guard work > 0, seconds.isFinite, seconds >= 0 else { return }
        rates[candidate, default: []].append(seconds / work)
        skippedInARow = 0
    }

    /// What the completed trials among `trials` cost (oldest first), for a search that starts
    /// where others left off: a resumed job's, or a worker joining a job whose trials have run.
    /// Each trial's seconds run from its start to its end as the store recorded them; `work` gives
    /// a trial's candidate and its ``Estimator/relativeWork`` (nil: nothing to learn from it).
    static func history(
        of trials: [Trial], work: (Trial) -> (candidate: String, work: Double)?
    ) -> [(candidate: String, work: Double, seconds: Double)] {
        trials.sorted { ($0.finishedAt ?? .distantPast) < ($1.finishedAt ?? .distantPast) }.compactMap { trial in
            guard trial.status == .completed, let started = trial.startedAt, let finished = trial.finishedAt, finished >= started,
                let (candidate, units) = work(trial)
            else { return nil }
            return (candidate, units, finished.timeIntervalSince(started))
        }
    }

    /// The seconds a trial of `candidate` doing `work` should take: the median rate of its last
    /// five trials times `work`; nil before any of its trials ran.
    func predictedSeconds(candidate: String, work: Double) -> Double? {
        guard let recent = rates[candidate]?.suffix(5), !recent.isEmpty else { return nil }
        let sorted = recent.sorted()
        return sorted[sorted.count / 2] * work
    }

    /// Decides whether a trial predicted to take `predicted` seconds may start with `left`
    /// seconds of search remaining, when one trial may run at most `cap` seconds: not when it
    /// would end after the search or be cut off at the cap, unless the last ``skipLimit``
    /// proposals were all skipped.
    /// - Throws: ``WouldNotFinish`` when it may not (and counts the skip).
    func admit(predicted: Double?, left: Double, cap: Double = .infinity) throws(WouldNotFinish) {
        guard let predicted, predicted > min(left, cap), skippedInARow < skipLimit else { return }
        skippedInARow += 1
        throw WouldNotFinish(predicted: predicted, left: max(0, left), cap: cap < left ? cap : nil)
    }

    /// The failure of a trial that was not started because it could not finish in time.
    struct WouldNotFinish: LocalizedError {
        /// How its error begins: what reports sort such trials by.
        static let prefix = "not started:"
        var predicted: Double
        var left: Double
        /// The most one trial may run, when that is what it would pass first.
        var cap: Double?
        var errorDescription: String? {
            if let cap {
                return
                    "\(Self.prefix) like trials took about \(TimeSpan.describe(predicted)), longer than the \(TimeSpan.describe(cap)) one trial may run"
            }
            return "\(Self.prefix) like trials took about \(TimeSpan.describe(predicted)), and the search had \(TimeSpan.describe(left)) left"
        }
    }
}
