import Foundation

/// Where studies and their trials live. Every method commits before it returns, so a caller may act
/// on a change as soon as the call is back: a crash after it loses nothing.
///
/// ``InMemoryTrialStore`` and ``SQLiteTrialStore`` pass one contract suite.
public protocol TrialStore: Sendable {
    /// The study named `record.name`, created from `record` if new.
    /// - Throws: ``TuningError/studyMismatch(study:detail:)`` when it exists with another space,
    ///   direction or seed.
    func openStudy(_ record: StudyRecord) throws(TuningError) -> StudyRecord
    /// The study named `name`, nil if none.
    func study(named name: String) throws(TuningError) -> StudyRecord?
    /// All studies, oldest first.
    func studies() throws(TuningError) -> [StudyRecord]
    /// A new trial with the next free number (assigned atomically, even across processes), in
    /// `status` (`.running` or `.pending`), its seed derived from the study's; `fallback` says why
    /// its sampler could not choose it as it meant to (see ``Suggestion``). Nil when the study
    /// already has `limit` trials, counted in the same transaction, so creators on any number of
    /// machines never pass it. A running trial is held by `worker`, its heartbeat now.
    func createTrial(study: String, assignment: Assignment, status: TrialStatus, fallback: String?, limit: Int?, worker: String?)
        throws(TuningError) -> Trial?
    /// The lowest-numbered pending trial, now running (attempts + 1) and held by `worker`; nil if
    /// none waits. Two workers never claim the same trial.
    func claimPendingTrial(study: String, worker: String?) throws(TuningError) -> Trial?
    /// Says `worker` is alive: the heartbeat of the running trials it holds is now. Returns their
    /// numbers (a trial missing from them was re-queued as stale and may run elsewhere).
    func beat(study: String, worker: String) throws(TuningError) -> [Int]
    /// Puts back to pending (same number, assignment and seed) every running trial held by a worker
    /// whose last heartbeat, or the trial's start, is more than `seconds` ago: its machine or
    /// process is taken for dead (Optuna's stale trials). Trials held by no worker are left alone.
    /// Returns their numbers.
    func requeueStaleTrials(study: String, silentFor seconds: Double) throws(TuningError) -> [Int]
    /// Puts back to pending (same number, assignment and seed) every running trial `worker` holds:
    /// a worker that stops hands its trials to the others at once. Returns their numbers.
    func releaseTrials(study: String, worker: String) throws(TuningError) -> [Int]
    /// Records a value reported at `step` (a later report at the same step replaces it).
    /// - Throws: ``TuningError/trialAlreadyFinished(study:number:status:)`` for a finished trial.
    func recordIntermediate(study: String, number: Int, step: Int, value: Double) throws(TuningError)
    /// Ends a trial.
    /// - Throws: ``TuningError/trialAlreadyFinished(study:number:status:)`` when it has ended already.
    func finishTrial(study: String, number: Int, outcome: TrialOutcome) throws(TuningError) -> Trial
    /// Records where an unfinished trial's processes run (cleared when the trial is claimed again).
    func recordProcess(study: String, number: Int, process: TrialProcess) throws(TuningError)
    /// The study's trials in number order.
    func trials(study: String) throws(TuningError) -> [Trial]
    /// Puts trials left `running` (their process died) back to pending; returns how many.
    func requeueRunningTrials(study: String) throws(TuningError) -> Int
    /// Keeps `data` with trial `number` (replacing what it had): what a trial produced that another
    /// process of the job needs, e.g. an AutoML trial's fold scores and out-of-fold predictions.
    /// - Throws: ``TuningError/unknownTrial(study:number:)`` when the trial does not exist.
    func saveAttachment(study: String, number: Int, data: Data) throws(TuningError)
    /// What ``saveAttachment(study:number:data:)`` kept with trial `number`; nil if nothing.
    func attachment(study: String, number: Int) throws(TuningError) -> Data?
    /// Removes every attachment of the study's trials (the trials stay).
    func removeAttachments(study: String) throws(TuningError)
}

extension TrialStore {
    /// A new trial its sampler chose as it meant to (or one enqueued by hand).
    public func createTrial(study: String, assignment: Assignment, status: TrialStatus) throws(TuningError) -> Trial {
        try createTrial(study: study, assignment: assignment, status: status, fallback: nil)
    }

    /// A new trial, with no limit on the study's trials and no worker.
    public func createTrial(study: String, assignment: Assignment, status: TrialStatus, fallback: String?) throws(TuningError) -> Trial {
        guard let trial = try createTrial(study: study, assignment: assignment, status: status, fallback: fallback, limit: nil, worker: nil)
        else { throw .storeFailure(path: "\(type(of: self))", message: "an unlimited trial creation returned no trial (a fault of automl)") }
        return trial
    }

    /// The lowest-numbered pending trial, now running and held by no worker.
    public func claimPendingTrial(study: String) throws(TuningError) -> Trial? {
        try claimPendingTrial(study: study, worker: nil)
    }

    /// The checks both stores make before creating a study: same space, direction and seed.
    func mismatch(between existing: StudyRecord, and requested: StudyRecord) -> TuningError? {
        if existing.direction != requested.direction {
            return .studyMismatch(study: existing.name, detail: "direction (\(existing.direction.rawValue), not \(requested.direction.rawValue))")
        }
        if existing.space != requested.space { return .studyMismatch(study: existing.name, detail: "search space") }
        if existing.seed != requested.seed {
            return .studyMismatch(study: existing.name, detail: "seed (\(existing.seed), not \(requested.seed))")
        }
        return nil
    }
}

extension TrialOutcome {
    /// The status, value and error a finished trial gets.
    var fields: (status: TrialStatus, value: Double?, error: String?) {
        switch self {
        case .completed(let value): (.completed, value, nil)
        case .failed(let message): (.failed, nil, message)
        case .stopped(let value): (.stopped, value, nil)
        }
    }
}
