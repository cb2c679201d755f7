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
        return try await run(try await JobLifecycle.begin(job, store: store, log: log))
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
        return try await run(try await JobLifecycle.resume(definition.name, kind: .tuning, store: store, log: log))
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
        let study = try Study(
            name: definition.name, space: definition.space, direction: definition.direction, seed: definition.seed,
            sampler: try definition.sampler(), stoppingRule: definition.stoppingRule, store: store, parents: definition.warmStartParents)
        let counts = TrialTally(trials: try store.trials(study: definition.name), direction: definition.direction)
        let definition = self.definition
        let log = self.log
        let tuner = try Tuner(
            study: study, executor: try ScriptExecutor(command: definition.command),
            budget: try definition.budget(elapsed: lifecycle.elapsedBeforeThisSession),
            parallelism: definition.maxParallel, interruption: interruption
        ) { trial in
            let (finished, best) = await counts.add(trial, direction: definition.direction)
            await lifecycle.beat()
            log(Self.line(for: trial, finished: finished, of: definition, best: best))
        }
        let summary = try await tuner.run()
        let status: JobRecord.Status
        switch summary.reason {
        case .interrupted: status = .stopped
        case .consecutiveFailures: status = .failed
        default: status = .completed
        }
        let job = try await lifecycle.end(status, reason: summary.reason.description)
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

        func add(_ trial: Trial, direction: Direction) -> (finished: Int, best: Trial?) {
            finished += 1
            best = ([trial] + (best.map { [$0] } ?? [])).best(direction)
            return (finished, best)
        }
    }
}
