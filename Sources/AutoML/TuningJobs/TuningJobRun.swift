import Foundation
import Tuning

/// Runs a tuning job for a custom script end to end: records the job in the store, runs its
/// trials through a ``ScriptExecutor`` with up to `maxParallel` at once, keeps the job's status and
/// elapsed time current after every trial, and writes `tuning.md` when it ends (also when it is
/// interrupted). A job resumed from the store keeps its finished trials, re-runs the ones that were
/// running, and has only what is left of its budget.
public struct TuningJobRun: Sendable {
    /// What a run ended with.
    public struct Outcome: Sendable {
        public var job: JobRecord
        public var reason: CompletionReason
        public var trials: [Trial]
        public var best: Trial?
        public var reportPath: String
    }

    public let definition: TuningJobDefinition
    public let store: any TrialStore & JobStore
    public var interruption: JobInterruption?
    /// Receives one line per event (trial finished, job ended).
    public var log: @Sendable (String) -> Void
    /// Seconds without a heartbeat after which a worker's running trials are re-queued (see
    /// ``Tuner/staleAfter``).
    public var staleAfter: Double = 60

    public init(
        definition: TuningJobDefinition, store: any TrialStore & JobStore, interruption: JobInterruption? = nil,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.definition = definition
        self.store = store
        self.interruption = interruption
        self.log = log
    }

    /// Starts a new job.
    /// - Throws: ``AutoMLError/jobExists(name:status:)`` when the name is taken, a ``TuningError``
    ///   for a definition that cannot run (checked before anything runs), or a store failure.
    public func start() async throws -> Outcome {
        try definition.validate()
        if try store.job(named: definition.name) == nil, try store.study(named: definition.name) != nil {
            throw AutoMLError.jobExists(name: definition.name, status: "a study of that name", kind: "with no job record")
        }
        try FileManager.default.createDirectory(atPath: definition.command.outputDirectory, withIntermediateDirectories: true)
        let job = JobRecord(
            name: definition.name, kind: .tuning, definition: try definition.json(), outputDirectory: definition.command.outputDirectory)
        return try await run(try await JobLifecycle.begin(job, store: store, heartbeat: JobLifecycle.heartbeat(staleAfter: staleAfter), log: log))
    }

    /// The definition of job `name` as the store keeps it, to resume it.
    /// - Throws: ``AutoMLError/unknownJob(name:store:)`` or ``AutoMLError/notResumable(name:reason:)``.
    public static func storedDefinition(_ name: String, store: any TrialStore & JobStore) throws -> (JobRecord, TuningJobDefinition) {
        guard let job = try store.job(named: name) else { throw AutoMLError.unknownJob(name: name, store: store.location) }
        guard job.kind == .tuning else {
            throw AutoMLError.notResumable(
                name: name,
                reason: "it is an `automl \(job.kind.command)` job, not a tuning job; resume it with `automl \(job.kind.command) --resume \(name)`")
        }
        return (job, try TuningJobDefinition.fromJSON(job.definition))
    }

    /// Resumes the stored job `definition.name`: finished trials are kept, running ones re-run (the
    /// processes a killed run left behind are killed first).
    /// - Throws: ``AutoMLError/notResumable(name:reason:)`` when the job has completed or still runs.
    public func resume() async throws -> Outcome {
        try definition.command.validate()
        return try await run(
            try await JobLifecycle.resume(
                definition.name, kind: .tuning, store: store, heartbeat: JobLifecycle.heartbeat(staleAfter: staleAfter), log: log))
    }

    private func run(_ lifecycle: JobLifecycle) async throws -> Outcome {
        do {
            return try await tune(lifecycle)
        } catch {
            await lifecycle.fail(error)
            throw error
        }
    }

    private func tune(_ lifecycle: JobLifecycle) async throws -> Outcome {
        // The job's own process is a worker like the others (``work(parallelism:)``): its trials are
        // held under its name, so that when it dies another worker re-queues them.
        let study = try Study(
            name: definition.name, space: definition.space, direction: definition.direction, seed: definition.seed,
            sampler: try definition.sampler(), stoppingRule: definition.stoppingRule, store: store, parents: definition.warmStartParents,
            worker: JobOwner.current.workerName)
        let counts = TrialTally(trials: try store.trials(study: definition.name), direction: definition.direction)
        let definition = self.definition
        let log = self.log
        var tuner = try Tuner(
            study: study, executor: try ScriptExecutor(command: definition.command),
            budget: try definition.budget(elapsed: lifecycle.elapsedBeforeThisSession),
            parallelism: definition.maxParallel, interruption: interruption
        ) { trial in
            let (finished, best) = await counts.add(trial, direction: definition.direction)
            await lifecycle.beat()
            log(Self.line(for: trial, finished: finished, of: definition, best: best))
        }
        tuner.staleAfter = staleAfter
        let summary = try await tuner.run()
        let job = try await lifecycle.end(Self.status(summary.reason), reason: summary.reason.description)
        let reportPath = try writeReport(job, trials: summary.trials)
        return Outcome(job: job, reason: summary.reason, trials: summary.trials, best: summary.best, reportPath: reportPath)
    }

    /// How a job whose search ended for `reason` is recorded.
    static func status(_ reason: CompletionReason) -> JobRecord.Status {
        switch reason {
        case .interrupted: .stopped
        case .consecutiveFailures: .failed
        default: .completed
        }
    }

    /// Writes `tuning.md` for `job`; returns its path.
    private func writeReport(_ job: JobRecord, trials: [Trial]) throws -> String {
        try TuningReport(job: job, definition: definition, trials: trials).write(to: definition.command.outputDirectory)
        return URL(fileURLWithPath: definition.command.outputDirectory).appendingPathComponent("tuning.md").path
    }

    /// What a worker did.
    public struct WorkOutcome: Sendable {
        /// The trials this worker finished.
        public var finished: Int
        public var reason: CompletionReason
        /// The job as this worker recorded its end, when the job's own process was gone and this
        /// worker found the search over (nil when the job's process ends it).
        public var endedJob: JobRecord?
    }

    /// Joins the running job as one more worker (`automl worker`): asks the shared study for
    /// trials, at most `parallelism` at once, until its budget is spent, every worker's trials
    /// counted (the store holds `max_trials` for all). Running trials of other workers are left to
    /// them, unless their worker falls silent for ``staleAfter`` seconds. When the search is over
    /// and the job's own process is gone, this worker records the job's end and writes its report.
    public func work(parallelism: Int) async throws -> WorkOutcome {
        try definition.command.validate()
        let study = try Study(
            name: definition.name, space: definition.space, direction: definition.direction, seed: definition.seed,
            sampler: try definition.sampler(), stoppingRule: definition.stoppingRule, store: store, parents: definition.warmStartParents,
            worker: JobOwner.current.workerName, requeueRunning: false)
        let elapsed = try store.job(named: definition.name)?.elapsedSeconds ?? 0
        let counts = TrialTally(trials: try store.trials(study: definition.name), direction: definition.direction)
        let mine = TrialTally(trials: [], direction: definition.direction)
        let definition = self.definition
        let log = self.log
        var tuner = try Tuner(
            study: study, executor: try ScriptExecutor(command: definition.command), budget: try definition.budget(elapsed: elapsed),
            parallelism: parallelism, interruption: interruption
        ) { trial in
            _ = await mine.add(trial, direction: definition.direction)
            let (finished, best) = await counts.add(trial, direction: definition.direction)
            log(Self.line(for: trial, finished: finished, of: definition, best: best))
        }
        tuner.staleAfter = staleAfter
        tuner.releasesTrialsWhenInterrupted = true
        let summary = try await tuner.run()
        let finished = await mine.count
        guard summary.reason != .interrupted, var job = try store.job(named: definition.name), job.status != .completed,
            job.status != .failed, job.status == .stopped || JobLifecycle.isStale(job, silentFor: staleAfter)
        else { return WorkOutcome(finished: finished, reason: summary.reason, endedJob: nil) }
        let seen = job.updatedAt
        job.status = Self.status(summary.reason)
        job.reason = summary.reason.description
        job.updatedAt = Date()
        job.heartbeatAt = Date()
        // Workers finishing at once: one records the end and writes the report.
        guard try store.replaceJob(job, ifUpdatedAt: seen) else { return WorkOutcome(finished: finished, reason: summary.reason, endedJob: nil) }
        _ = try writeReport(job, trials: summary.trials)
        log("the job's own process is gone: this worker recorded the job \(job.status.rawValue) and wrote its report")
        return WorkOutcome(finished: finished, reason: summary.reason, endedJob: job)
    }

    /// A progress line for a finished trial.
    static func line(for trial: Trial, finished: Int, of definition: TuningJobDefinition, best: Trial?) -> String {
        let metric = definition.command.objectiveMetric
        var text = "trial \(trial.number) \(trial.status.rawValue)"
        if let value = trial.value { text += ": \(metric)=\(NumberFormat.short(value))" }
        if trial.status == .failed, let error = trial.error { text += ": " + TuningReport.firstLine(error) }
        if let fallback = trial.samplerFallback { text += " (drawn at random: \(fallback))" }
        text += " [\(finished)/\(definition.maxTrials) finished"
        if let best, let value = best.value { text += "; best \(NumberFormat.short(value)) (trial \(best.number))" }
        return text + "]"
    }

}

extension TuningJobRun {
    /// The finished trials and the best one so far, counted as trials end.
    private actor TrialTally {
        private var finished: Int
        private var best: Trial?

        init(trials: [Trial], direction: Direction) {
            finished = trials.filter { $0.status.isFinished }.count
            best = trials.best(direction)
        }

        var count: Int { finished }

        func add(_ trial: Trial, direction: Direction) -> (finished: Int, best: Trial?) {
            finished += 1
            best = ([trial] + (best.map { [$0] } ?? [])).best(direction)
            return (finished, best)
        }
    }
}
