import ArgumentParser
import AutoML
import Foundation
import Tuning

/// `automl worker`: joins a running tuning job from any machine that reaches its store.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Join a running job as one more worker: run its trials here, recorded in the shared store.",
        discussion: """
            The job was started by `automl tune` or `automl run` with a store every machine reaches \
            (--store postgresql://...). The worker asks the job's study for trials, runs them here \
            and records them; the job's budget (trials, time) holds for all workers together. A \
            tuning job's trials run the job's command (its working directory and output folder must \
            exist at the same paths here). An AutoML job's trials are pipelines evaluated in this \
            process on the job's training file, read at the same path, which must be the very file \
            the job started on (same SHA-256). A worker silent for --stale-after (killed, its machine \
            lost) has its running trials re-queued for the others. When the search is over the \
            worker exits 0; if the job's own process is gone by then, the worker ends the job: a \
            tuning job's report; an AutoML job's final model, refit and reports (in the job's output \
            folder, at the same path here). Exit status: 0 done, 2 bad input or options, 1 failure \
            (the store unreachable for longer than its retry window, among others), 130/143 \
            interrupted (its running trials go back to the job at once, for the other workers).
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The job to join (an `automl tune` or `automl run` job).")
    var job: String?

    @Flag(help: "Join the oldest job in progress in the store.")
    var any = false

    @Option(help: "Trials run at once on this machine (default: the job's own, its max parallel trials or --parallel).")
    var parallel: Int?

    @OptionGroup var staleTrials: StaleTrialOptions

    func validate() throws {
        if job == nil, !any { throw ValidationError("Name the job to join with --job NAME, or join any job in progress with --any.") }
        if job != nil, any { throw ValidationError("Give --job NAME or --any, not both.") }
        if let parallel, !(1...1024).contains(parallel) { throw ValidationError("--parallel must be from 1 to 1024 (got \(parallel)).") }
    }

    func run() async throws {
        let stale = try staleTrials.seconds()
        let store = try storeOptions.open()
        let record = try chosenJob(in: store)
        let interruption = JobInterruption()
        let signals = InterruptSignal(
            interruption,
            announce: { _ in
                FileHandle.standardError.write(
                    Data("\nautoml worker: interrupted; stopping this worker's trials (the job's other workers re-run them).\n".utf8))
            },
            beforeExit: {})
        defer { signals.restore() }
        let reason: CompletionReason
        switch record.kind {
        case .tuning: reason = try await tune(record, store: store, interruption: interruption, staleAfter: stale)
        case .automl: reason = try await automl(record, store: store, interruption: interruption, staleAfter: stale)
        }
        if reason == .interrupted { throw ExitCode(signals.exitStatus) }
    }

    /// Works on tuning job `record` (script trials).
    private func tune(
        _ record: JobRecord, store: any TrialStore & JobStore, interruption: JobInterruption, staleAfter: Double
    ) async throws -> CompletionReason {
        let definition = try TuningJobDefinition.fromJSON(record.definition)
        let workers = parallel ?? definition.maxParallel
        print("Worker \(JobOwner.current.workerName) joins tuning job \(record.name) in \(storeOptions.shown): up to \(workers) trials at once.")
        var run = TuningJobRun(definition: definition, store: store, interruption: interruption, log: TuneCommand.printLine)
        run.staleAfter = staleAfter
        let outcome = try await run.work(parallelism: workers)
        let total = try store.trials(study: record.name).filter { $0.status.isFinished }.count
        print(
            "Worker done: \(outcome.finished) trial\(outcome.finished == 1 ? "" : "s") finished here; the job has \(total) of \(definition.maxTrials) (\(outcome.reason))."
        )
        return outcome.reason
    }

    /// Works on `automl run` job `record` (pipeline trials in this process).
    private func automl(
        _ record: JobRecord, store: any TrialStore & JobStore, interruption: JobInterruption, staleAfter: Double
    ) async throws -> CompletionReason {
        let configuration = try Experiment.storedConfiguration(record.name, store: store)
        let workers = parallel ?? configuration.parallel
        print(
            "Worker \(JobOwner.current.workerName) joins AutoML job \(record.name) in \(storeOptions.shown): \(configuration.data), up to \(workers) pipelines at once."
        )
        fflush(nil)
        var experiment = Experiment(configuration: configuration, store: store, interruption: interruption, log: TuneCommand.printLine)
        experiment.staleAfter = staleAfter
        let outcome = try await experiment.work(parallelism: workers)
        print("Worker done: \(outcome.finished) pipeline\(outcome.finished == 1 ? "" : "s") evaluated here (\(outcome.reason)).")
        if let finished = outcome.finishedJob {
            print("The job's own process was gone: this worker finished the job.")
            print(RunCommand.summary(finished, directory: configuration.output))
        }
        return outcome.reason
    }

    /// The job to join: `--job`'s, or with `--any` the oldest job in progress.
    func chosenJob(in store: any TrialStore & JobStore) throws -> JobRecord {
        if let job {
            guard let record = try store.job(named: job) else { throw AutoMLError.unknownJob(name: job, store: storeOptions.shown) }
            guard record.status == .inProgress else {
                throw InputError(
                    message:
                        "job '\(job)' is \(record.status.rawValue), not in progress; a worker joins a running job (resume it with `automl \(record.kind.command) --resume \(job)`)."
                )
            }
            return record
        }
        guard let record = try store.jobs().first(where: { $0.status == .inProgress }) else {
            throw InputError(
                message: "no job is in progress in \(storeOptions.shown); start one with `automl tune --store ...` or `automl run --store ...` first."
            )
        }
        return record
    }
}
