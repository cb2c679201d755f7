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
    public let store: SQLiteTrialStore
    public var interruption: JobInterruption?
    /// Receives one line per event (trial finished, job ended).
    public var log: @Sendable (String) -> Void

    public init(definition: TuningJobDefinition, store: SQLiteTrialStore, interruption: JobInterruption? = nil, log: @escaping @Sendable (String) -> Void = { _ in }) {
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
        if let existing = try store.job(named: definition.name) {
            throw AutoMLError.jobExists(name: definition.name, status: existing.status.rawValue, kind: existing.kind.rawValue)
        }
        if try store.study(named: definition.name) != nil {
            throw AutoMLError.jobExists(name: definition.name, status: "a study of that name")
        }
        try FileManager.default.createDirectory(atPath: definition.command.outputDirectory, withIntermediateDirectories: true)
        let job = JobRecord(name: definition.name, kind: .tuning, definition: try definition.json(), outputDirectory: definition.command.outputDirectory)
        try store.saveJob(job)
        return try await run(job)
    }

    /// The definition of job `name` as the store keeps it, to resume it.
    /// - Throws: ``AutoMLError/unknownJob(name:store:)`` or ``AutoMLError/notResumable(name:reason:)``.
    public static func storedDefinition(_ name: String, store: SQLiteTrialStore) throws -> (JobRecord, TuningJobDefinition) {
        guard let job = try store.job(named: name) else { throw AutoMLError.unknownJob(name: name, store: store.path) }
        guard job.kind == .tuning else {
            throw AutoMLError.notResumable(name: name, reason: "it is an `automl \(job.kind == .automl ? "run" : job.kind.rawValue)` job, not a tuning job")
        }
        return (job, try TuningJobDefinition.fromJSON(job.definition))
    }

    /// Resumes the stored job `definition.name`: finished trials are kept, running ones re-run.
    /// - Throws: ``AutoMLError/notResumable(name:reason:)`` when the job has completed.
    public func resume() async throws -> Outcome {
        let (job, _) = try Self.storedDefinition(definition.name, store: store)
        guard job.status != .completed else {
            throw AutoMLError.notResumable(name: job.name, reason: "it has completed (\(job.reason)); start a new job, e.g. with --job-name and warm_start: [\(job.name)]")
        }
        try definition.command.validate()
        return try await run(job)
    }

    private func run(_ initial: JobRecord) async throws -> Outcome {
        let study = try Study(
            name: definition.name, space: definition.space, direction: definition.direction, seed: definition.seed,
            sampler: try definition.sampler(), stoppingRule: definition.stoppingRule, store: store, parents: definition.warmStartParents)
        var job = initial
        job.status = .inProgress
        job.reason = ""
        job.updatedAt = Date()
        try store.saveJob(job)
        let clock = ContinuousClock(), started = clock.now, elapsedBefore = job.elapsedSeconds
        let bookkeeping = JobBookkeeping(job: job, store: store, direction: definition.direction)
        let definition = self.definition, log = self.log
        let tuner = try Tuner(
            study: study, executor: try ScriptExecutor(command: definition.command), budget: try definition.budget(elapsed: elapsedBefore),
            parallelism: definition.maxParallel, interruption: interruption
        ) { trial in
            let elapsed = elapsedBefore + (clock.now - started).inSeconds
            let (finished, best) = await bookkeeping.trialFinished(trial, elapsed: elapsed, direction: definition.direction)
            log(Self.line(for: trial, finished: finished, of: definition, best: best))
        }
        let summary = try await tuner.run()
        job = await bookkeeping.job
        job.elapsedSeconds = elapsedBefore + (clock.now - started).inSeconds
        job.updatedAt = Date()
        switch summary.reason {
        case .interrupted:
            job.status = .stopped
        case .consecutiveFailures:
            job.status = .failed
        default:
            job.status = .completed
        }
        job.reason = summary.reason.description
        try store.saveJob(job)
        let report = TuningReport(job: job, definition: definition, trials: summary.trials)
        try report.write(to: definition.command.outputDirectory)
        let reportPath = URL(fileURLWithPath: definition.command.outputDirectory).appendingPathComponent("tuning.md").path
        return Outcome(job: job, reason: summary.reason, trials: summary.trials, best: summary.best, reportPath: reportPath)
    }

    /// A progress line for a finished trial.
    static func line(for trial: Trial, finished: Int, of definition: TuningJobDefinition, best: Trial?) -> String {
        let metric = definition.command.objectiveMetric
        var text = "trial \(trial.number) \(trial.status.rawValue)"
        if let value = trial.value { text += ": \(metric)=\(NumberFormat.short(value))" }
        if trial.status == .failed, let error = trial.error { text += ": " + TuningReport.firstLine(error) }
        text += " [\(finished)/\(definition.maxTrials) finished"
        if let best, let value = best.value { text += "; best \(NumberFormat.short(value)) (trial \(best.number))" }
        return text + "]"
    }

}

/// Keeps the job's row current as trials finish (one writer, so updates never interleave).
private actor JobBookkeeping {
    private(set) var job: JobRecord
    let store: SQLiteTrialStore
    private var finished = 0
    private var best: Trial?

    init(job: JobRecord, store: SQLiteTrialStore, direction: Direction) {
        self.job = job
        self.store = store
        let trials = (try? store.trials(study: job.name)) ?? []
        self.finished = trials.filter { $0.status.isFinished }.count
        self.best = trials.best(direction)
    }

    func trialFinished(_ trial: Trial, elapsed: Double, direction: Direction) -> (finished: Int, best: Trial?) {
        finished += 1
        best = ([trial] + (best.map { [$0] } ?? [])).best(direction)
        job.elapsedSeconds = elapsed
        job.updatedAt = Date()
        try? store.saveJob(job)
        return (finished, best)
    }
}
