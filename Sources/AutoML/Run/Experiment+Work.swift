import Foundation
import Learners
import LinearAlgebra
import Tabular
import Tuning

extension Experiment {
    /// What a worker did on an `automl run` job.
    public struct WorkOutcome: Sendable {
        /// The trials this worker finished.
        public var finished: Int
        public var reason: CompletionReason
        /// The job's end (final model, refit, reports), when this worker found the job's own process
        /// gone once the search was over and finished the job itself; nil when that process did.
        public var finishedJob: Outcome?
    }

    /// Joins the running `automl run` job ``configuration`` describes (its stored configuration) as
    /// one more worker (`automl worker`): reads the job's training file at the same path (refused
    /// unless its SHA-256 is the one the job recorded), then evaluates the shared search's pipelines
    /// here, at most `parallelism` at once, until the job's tuning time is spent or its process moves
    /// on to the final model. Scores go to the store, where the job's end finds them. The end
    /// (ensemble, refit, reports) runs once: on the job's own process, or, when that process is gone
    /// (silent for ``staleAfter``), on the first worker to take the job over.
    /// - Throws: ``AutoMLError/dataMismatch(job:file:reason:)``, ``AutoMLError/unknownJob(name:store:)``,
    ///   what ``prepare(cores:dataSHA256:)`` throws, or a store failure.
    public func work(parallelism: Int) async throws -> WorkOutcome {
        let config = configuration
        guard let job = try store.job(named: config.jobName) else { throw AutoMLError.unknownJob(name: config.jobName, store: store.location) }
        let digest = try Self.checkData(config)
        let cores = ProcessorCount.active
        let setup = try prepare(cores: cores, dataSHA256: digest)
        let reserve = max(2, config.timeLimit * Self.finalModelShare)
        let tuningSeconds = config.timeLimit - reserve
        let me = JobOwner.current.workerName
        var reason = CompletionReason.maxRuntime
        var finished = 0
        // The job's elapsed time now: what it recorded plus the time since its last heartbeat.
        let time = tuningSeconds - Self.elapsed(of: job)
        if time > 1 {
            let threadsPerTrial = max(1, cores / parallelism)
            if parallelism > 1 { BLASThreads.set(1) }
            let watch = JobWatch(store: store, name: config.jobName)
            let (summary, _) = try await tune(
                setup, time: time, reserve: reserve, threadsPerTrial: threadsPerTrial,
                archive: ScoreArchive(store: store, study: config.jobName, output: URL(fileURLWithPath: config.output)),
                role: .worker(tuningSeconds: tuningSeconds, jobGoesOn: { await watch.isSearching() }), parallelism: parallelism,
                refitSeconds: { _ in 0 })
            reason = summary.reason
            finished = summary.trials.filter { $0.worker == me && $0.status.isFinished }.count
        }
        if reason == .interrupted { return WorkOutcome(finished: finished, reason: reason, finishedJob: nil) }
        // The search is over. The job's process ends the job; if it is gone, this worker does.
        while interruption?.isRaised != true {
            guard let current = try store.job(named: config.jobName), current.status == .inProgress else { break }
            if JobLifecycle.isStale(current, silentFor: staleAfter) {
                log("the job's own process is gone (\(current.owner?.description ?? "unknown")): this worker finishes the job")
                do {
                    let outcome = try await resume(elapsedSeconds: Self.elapsed(of: current))
                    return WorkOutcome(finished: finished, reason: reason, finishedJob: outcome)
                } catch AutoMLError.notResumable {
                    // Another worker took it over first (or it ended meanwhile): that one finishes it.
                    break
                }
            }
            try? await _Concurrency.Task.sleep(for: .seconds(1))
        }
        return WorkOutcome(finished: finished, reason: interruption?.isRaised == true ? .interrupted : reason, finishedJob: nil)
    }

    /// The seconds job `job` has run by now: its recorded elapsed time, and the time since its last
    /// heartbeat (a job whose process died keeps running through its workers).
    static func elapsed(of job: JobRecord, now: Date = Date()) -> Double {
        job.elapsedSeconds + max(0, now.timeIntervalSince(job.heartbeatAt ?? job.updatedAt))
    }

    /// Refuses a worker whose copy of the training file is missing or differs from the job's;
    /// returns the file's SHA-256.
    static func checkData(_ config: RunConfiguration) throws -> String {
        guard FileManager.default.fileExists(atPath: config.data) else {
            throw AutoMLError.dataMismatch(job: config.jobName, file: config.data, reason: "is not on this machine")
        }
        let digest = try FileDigest.sha256(path: config.data)
        if let recorded = config.dataSHA256, recorded != digest {
            throw AutoMLError.dataMismatch(
                job: config.jobName, file: config.data,
                reason: "differs from the job's: its SHA-256 here is \(digest), the job recorded \(recorded)")
        }
        return digest
    }

    /// Whether a job is still searching, read from its store at most once a second.
    actor JobWatch {
        let store: any JobStore
        let name: String
        private var last: (at: ContinuousClock.Instant, searching: Bool)?

        init(store: any JobStore, name: String) {
            self.store = store
            self.name = name
        }

        /// False once the job has ended; a store that cannot be read counts as searching (the
        /// worker's own deadline still ends it).
        func isSearching() -> Bool {
            if let last, ContinuousClock.now - last.at < .seconds(1) { return last.searching }
            let searching = ((try? store.job(named: name)) ?? nil).map { $0.status == .inProgress } ?? true
            last = (ContinuousClock.now, searching)
            return searching
        }
    }
}
