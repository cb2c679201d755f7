import Foundation

/// One tuning job's ask/tell interface over a ``TrialStore``: the only writer of its trials.
///
/// `ask` hands out a trial that is already committed as running (a re-queued one first, else a new
/// suggestion of the sampler); `report` records an intermediate value and consults the stopping
/// rule; `tell` ends a trial. Opening a study that exists resumes it: trials its crashed process left
/// running are re-queued.
public actor Study {
    public nonisolated let record: StudyRecord
    public nonisolated let store: any TrialStore
    public nonisolated let sampler: any Sampler
    public nonisolated let stoppingRule: (any StoppingRule)?
    /// Completed trials of the parent studies that fit this space (warm start).
    public nonisolated let priorTrials: [Trial]
    /// The name this process's trials are held under (``JobOwner/workerName``), so that a shared
    /// study can tell its workers apart and re-queue the trials of one that went silent; nil for a
    /// process that does not share its study.
    public nonisolated let worker: String?
    private var stopRequested: Set<Int> = []

    /// Opens (or creates) the study `name` in `store`.
    /// - Parameters:
    ///   - stoppingRule: early stopping; the sampler's own rule (Hyperband) when nil.
    ///   - parents: studies whose completed trials seed the sampler's model (warm start).
    ///   - worker: the name this process holds its trials under (see ``worker``).
    ///   - requeueRunning: put the trials left running by processes that are gone back to pending,
    ///     as the job's own process does when it starts or resumes (see
    ///     ``requeueOrphanedTrials(study:in:)``); a worker joining a running job leaves them all to
    ///     their workers (and to ``TrialStore/requeueStaleTrials(study:silentFor:)``).
    /// - Throws: ``TuningError/invalidSpace(parameter:reason:)`` for a bad space,
    ///   ``TuningError/studyMismatch(study:detail:)``, ``TuningError/unknownStudy(name:)`` for a missing
    ///   parent, or a store failure.
    public init(
        name: String, space: SearchSpace, direction: Direction, seed: UInt64, sampler: any Sampler,
        stoppingRule: (any StoppingRule)? = nil, store: any TrialStore, parents: [String] = [], worker: String? = nil,
        requeueRunning: Bool = true
    ) throws(TuningError) {
        try space.validateDefinition()
        var prior: [Trial] = []
        for parent in parents {
            guard let parentRecord = try store.study(named: parent) else { throw .unknownStudy(name: parent) }
            guard parentRecord.direction == direction else {
                throw .studyMismatch(
                    study: parent,
                    detail: "direction (\(parentRecord.direction.rawValue)) from this job's (\(direction.rawValue)), so it cannot warm-start it")
            }
            prior += try store.trials(study: parent).filter { trial in
                guard trial.completedValue != nil else { return false }
                return (try? space.validate(trial.assignment)) != nil
            }
        }
        record = try store.openStudy(StudyRecord(name: name, space: space, direction: direction, seed: seed, parents: parents))
        if requeueRunning { try Self.requeueOrphanedTrials(study: name, in: store) }
        self.worker = worker
        self.store = store
        self.sampler = sampler
        self.stoppingRule = stoppingRule ?? sampler.stoppingRule
        self.priorTrials = prior
    }

    /// The next trial to evaluate, committed as running before it is returned.
    /// - Throws: ``TuningError/searchSpaceExhausted(points:)`` when the sampler has nothing new.
    public func ask() throws(TuningError) -> Trial {
        guard let trial = try ask(limit: nil) else {
            throw .storeFailure(path: "\(type(of: store))", message: "a trial asked for without a limit was not given (a fault of automl)")
        }
        return trial
    }

    /// The next trial to evaluate, held by ``worker`` and committed as running before it is
    /// returned: a pending one (re-queued), else a new suggestion, unless the study already has
    /// `limit` trials (nil then: the limit holds across every worker on every machine).
    /// - Throws: ``TuningError/searchSpaceExhausted(points:)`` when the sampler has nothing new.
    public func ask(limit: Int?) throws(TuningError) -> Trial? {
        if let waiting = try store.claimPendingTrial(study: record.name, worker: worker) { return waiting }
        let trials = try store.trials(study: record.name)
        if let limit, trials.count >= limit { return nil }
        let context = SamplingContext(
            space: record.space, direction: record.direction, trials: trials, priorTrials: priorTrials,
            trialNumber: (trials.map(\.number).max() ?? -1) + 1, studySeed: record.seed)
        let suggestion = try sampler.suggestion(context)
        return try store.createTrial(
            study: record.name, assignment: suggestion.assignment, status: .running, fallback: suggestion.fallback, limit: limit, worker: worker)
    }

    /// Says this worker is alive (its running trials' heartbeat is now) and re-queues the trials of
    /// workers silent for more than `staleAfter` seconds. Returns the numbers re-queued.
    func keepAlive(staleAfter: Double) throws(TuningError) -> [Int] {
        if let worker { _ = try store.beat(study: record.name, worker: worker) }
        return try store.requeueStaleTrials(study: record.name, silentFor: staleAfter)
    }

    /// Hands this worker's running trials back to pending (see ``TrialStore/releaseTrials(study:worker:)``);
    /// returns their numbers.
    func release() throws(TuningError) -> [Int] {
        guard let worker else { return [] }
        return try store.releaseTrials(study: record.name, worker: worker)
    }

    /// Queues `assignment` to be evaluated before any suggestion (a known good or cheap start).
    /// - Throws: what ``SearchSpace/validate(_:)`` throws, or a store failure.
    @discardableResult
    public func enqueue(_ assignment: Assignment) throws(TuningError) -> Trial {
        try record.space.validate(assignment)
        return try store.createTrial(study: record.name, assignment: assignment, status: .pending)
    }

    /// Records `value` at `step` for trial `number`; returns whether the trial should stop now.
    public func report(number: Int, step: Int, value: Double) throws(TuningError) -> Bool {
        try store.recordIntermediate(study: record.name, number: number, step: step, value: value)
        guard let rule = stoppingRule else { return false }
        let trials = try store.trials(study: record.name)
        guard let trial = trials.first(where: { $0.number == number }) else { return false }
        if rule.shouldStop(trial, among: trials, direction: record.direction) {
            stopRequested.insert(number)
            return true
        }
        return stopRequested.contains(number)
    }

    /// Records where trial `number`'s processes run.
    public func recordProcess(number: Int, process: TrialProcess) throws(TuningError) {
        try store.recordProcess(study: record.name, number: number, process: process)
    }

    /// Ends trial `number`. A completed trial whose value is not finite is recorded as failed; a
    /// trial the stopping rule stopped is recorded as stopped with its value.
    @discardableResult
    public func tell(number: Int, outcome: TrialOutcome) throws(TuningError) -> Trial {
        var final = outcome
        if case .completed(let value) = outcome {
            if !value.isFinite {
                final = .failed("the objective value is \(value), not a finite number")
            } else if stopRequested.contains(number) {
                final = .stopped(value)
            }
        }
        stopRequested.remove(number)
        return try store.finishTrial(study: record.name, number: number, outcome: final)
    }

    /// The study's trials in number order.
    public func trials() throws(TuningError) -> [Trial] {
        try store.trials(study: record.name)
    }

    /// The completed trial with the best value (the lowest number on ties), if any.
    public func bestTrial() throws(TuningError) -> Trial? {
        try trials().best(record.direction)
    }
}

extension Study {
    /// Puts back to pending the running trials of `study` whose process is gone: those of a
    /// worker on this host that no longer runs, and those held by no worker (stores of older
    /// versions) unless a live worker holds trials too. A live worker's trials stay its own
    /// (re-queued, they would run twice), and so do those of workers on other hosts, whose
    /// liveness only their heartbeats tell: the ``Tuner`` re-queues them once they fall silent
    /// for its `staleAfter`.
    static func requeueOrphanedTrials(study: String, in store: any TrialStore) throws(TuningError) {
        let running = try store.trials(study: study).filter { $0.status == .running }
        var othersLive = false
        for worker in Set(running.compactMap(\.worker)) {
            if JobOwner.isOnThisHost(worker), !JobOwner.isLiveWorker(worker) {
                _ = try store.releaseTrials(study: study, worker: worker)
            } else {
                othersLive = true
            }
        }
        if !othersLive, running.contains(where: { $0.worker == nil }) { _ = try store.requeueRunningTrials(study: study) }
    }
}
