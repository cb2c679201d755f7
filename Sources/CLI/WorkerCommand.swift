import ArgumentParser
import AutoML
import Foundation
import Tuning

/// `automl worker`: joins a running tuning job from any machine that reaches its store.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Join a running tuning job as one more worker: run its trials here, recorded in the shared store.",
        discussion: """
            The job was started by `automl tune` with a store every machine reaches (--store \
            postgresql://...). The worker asks the job's study for trials, runs each with the job's \
            command (its working directory and output folder must exist at the same paths here), \
            and records them; the job's trial limit holds for all workers together. A worker silent \
            for --stale-after (killed, its machine lost) has its running trials re-queued for the \
            others. When the search is over the worker exits 0; if the job's own process is gone by \
            then, it records the job's end and writes its report. Exit status: 0 done, 2 bad input \
            or options, 1 failure, 130/143 interrupted (its running trials are re-queued once it is \
            silent for --stale-after).
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The tuning job to join.")
    var job: String?

    @Flag(help: "Join the oldest tuning job in progress in the store.")
    var any = false

    @Option(help: "Trials run at once on this machine (default: the job's max parallel trials).")
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
        let definition = try TuningJobDefinition.fromJSON(record.definition)
        let interruption = JobInterruption()
        let signals = InterruptSignal(
            interruption,
            announce: { _ in
                FileHandle.standardError.write(
                    Data("\nautoml worker: interrupted; stopping this worker's trials (the job's other workers re-run them).\n".utf8))
            },
            beforeExit: {})
        defer { signals.restore() }
        let workers = parallel ?? definition.maxParallel
        print("Worker \(JobOwner.current.workerName) joins tuning job \(record.name) in \(storeOptions.shown): up to \(workers) trials at once.")
        var run = TuningJobRun(definition: definition, store: store, interruption: interruption, log: TuneCommand.printLine)
        run.staleAfter = stale
        let outcome = try await run.work(parallelism: workers)
        let total = try store.trials(study: record.name).filter { $0.status.isFinished }.count
        print(
            "Worker done: \(outcome.finished) trial\(outcome.finished == 1 ? "" : "s") finished here; the job has \(total) of \(definition.maxTrials) (\(outcome.reason))."
        )
        if outcome.reason == .interrupted { throw ExitCode(signals.exitStatus) }
    }

    /// The job to join: `--job`'s, or with `--any` the oldest tuning job in progress.
    func chosenJob(in store: any TrialStore & JobStore) throws -> JobRecord {
        if let job {
            guard let record = try store.job(named: job) else { throw AutoMLError.unknownJob(name: job, store: storeOptions.shown) }
            guard record.kind == .tuning else {
                throw InputError(
                    message: "job '\(job)' is an `automl run` job; `automl worker` joins tuning jobs (`automl tune`) only, for now.")
            }
            guard record.status == .inProgress else {
                throw InputError(
                    message:
                        "job '\(job)' is \(record.status.rawValue), not in progress; a worker joins a running job (resume it with `automl tune --resume \(job)`)."
                )
            }
            return record
        }
        guard let record = try store.jobs().first(where: { $0.kind == .tuning && $0.status == .inProgress }) else {
            throw InputError(message: "no tuning job is in progress in \(storeOptions.shown); start one with `automl tune --store ...` first.")
        }
        return record
    }
}
