import Foundation
import Tuning

/// The one owner of a running job's record, for both kinds of job: it records the job as this
/// process's with a heartbeat every few seconds (and the elapsed time with it), and writes how the
/// job ended: Completed, Stopped (a signal) or Failed (any thrown error).
///
/// A job whose process died without a word (`kill -9`, a dead machine) is found by ``settle(_:in:)``
/// when it is next looked at: its trials' leftover processes are killed and it is recorded Stopped,
/// ready for `--resume`.
public actor JobLifecycle {
    public nonisolated let store: any TrialStore & JobStore
    /// The job as last written.
    public private(set) var job: JobRecord
    private nonisolated let elapsedBefore: Double
    private nonisolated let started = ContinuousClock.now
    private var heartbeat: Task<Void, Never>?
    private var ended = false
    /// The first error a heartbeat met, told once through `log`.
    private var heartbeatFailed = false
    private let log: @Sendable (String) -> Void

    /// How often a running job writes its heartbeat (by default).
    public static let heartbeatInterval = Duration.seconds(5)

    /// How often a job that workers may join writes its heartbeat: at least once a second, so that a
    /// worker judging by its own shortest `--stale-after` (``Tuner/minimumStaleAfter``, 3 s) sees
    /// three beats whatever the job's own process was given; a third of `staleAfter` when shorter.
    public static func heartbeat(staleAfter: Double) -> Duration {
        .saturating(seconds: max(0.1, min(1, staleAfter / 3)))
    }
    /// A job on another host whose last heartbeat is older than this is taken to have died.
    public static let staleAfter: TimeInterval = 60

    private init(job: JobRecord, store: any TrialStore & JobStore, log: @escaping @Sendable (String) -> Void) {
        self.job = job
        self.store = store
        self.elapsedBefore = job.elapsedSeconds
        self.log = log
    }

    /// Seconds the job has run, over all its sessions.
    public nonisolated var elapsed: Double { elapsedBefore + (ContinuousClock.now - started).inSeconds }

    /// Seconds the job ran before this session (0 for a new job).
    public nonisolated var elapsedBeforeThisSession: Double { elapsedBefore }

    /// Records the new job `record` as this process's and starts its heartbeat.
    /// - Throws: ``AutoMLError/jobExists(name:status:kind:)`` when the name is taken (a job whose
    ///   process died is first recorded Stopped, so the message tells how it stands), or a store failure.
    public static func begin(
        _ record: JobRecord, store: any TrialStore & JobStore, heartbeat: Duration = heartbeatInterval,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> JobLifecycle {
        if let existing = try store.job(named: record.name) {
            let settled = try settle(existing, in: store)
            throw AutoMLError.jobExists(name: record.name, status: settled.status.rawValue, kind: settled.kind.rawValue)
        }
        var job = record
        job.status = .inProgress
        job.owner = .current
        job.heartbeatAt = Date()
        try store.saveJob(job)
        let lifecycle = JobLifecycle(job: job, store: store, log: log)
        await lifecycle.startHeartbeat(every: heartbeat)
        return lifecycle
    }

    /// Takes over the stored job `name` of kind `kind` to continue it in this process. With
    /// `elapsedSeconds`, the job has run that long so far (a worker that finishes a job whose
    /// process died counts the time the workers went on searching without it). Of processes that
    /// try to take the same job at once, one succeeds.
    /// - Throws: ``AutoMLError/unknownJob(name:store:)``; ``AutoMLError/notResumable(name:reason:)``
    ///   when it is another kind, has completed, its process still runs, or another process took
    ///   it over first.
    public static func resume(
        _ name: String, kind: JobRecord.Kind, store: any TrialStore & JobStore, heartbeat: Duration = heartbeatInterval,
        elapsedSeconds: Double? = nil, log: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> JobLifecycle {
        guard let stored = try store.job(named: name) else { throw AutoMLError.unknownJob(name: name, store: store.location) }
        guard stored.kind == kind else {
            throw AutoMLError.notResumable(
                name: name, reason: "it is an `automl \(stored.kind.command)` job; resume it with `automl \(stored.kind.command) --resume \(name)`")
        }
        var job = try settle(stored, in: store)
        switch job.status {
        case .inProgress:
            throw AutoMLError.notResumable(
                name: name,
                reason: "it is running (\(job.owner?.description ?? "another process")); wait for it, or stop it first (Ctrl-C, or kill its process)")
        case .completed:
            let advice =
                kind == .tuning
                ? "start a new job, e.g. with --job-name and warm_start: [\(name)]" : "start a new run with another --job-name"
            throw AutoMLError.notResumable(name: name, reason: "it has completed (\(job.reason)); \(advice)")
        case .stopped, .failed:
            break
        }
        let seen = job.updatedAt
        job.status = .inProgress
        job.reason = ""
        job.owner = .current
        job.heartbeatAt = Date()
        job.updatedAt = Date()
        if let elapsedSeconds { job.elapsedSeconds = elapsedSeconds }
        guard try store.replaceJob(job, ifUpdatedAt: seen) else {
            throw AutoMLError.notResumable(name: name, reason: "another process took it over just now; wait for it")
        }
        let lifecycle = JobLifecycle(job: job, store: store, log: log)
        await lifecycle.startHeartbeat(every: heartbeat)
        return lifecycle
    }

    /// Whether `job` is InProgress but its process is gone: ended on this host (or the host
    /// rebooted), or silent for longer than ``staleAfter``.
    /// `silentFor` is the silence after which a process on another host is taken for dead.
    public static func isStale(_ job: JobRecord, now: Date = Date(), silentFor: TimeInterval = staleAfter) -> Bool {
        guard job.status == .inProgress else { return false }
        if let ended = job.owner?.hasEnded { return ended }
        return now.timeIntervalSince(job.heartbeatAt ?? job.updatedAt) > silentFor
    }

    /// `job` as it really stands: a stale job (see ``isStale(_:now:)``) has its trials' leftover
    /// processes on this host killed and is recorded Stopped, with the command that resumes it.
    @discardableResult
    public static func settle(_ job: JobRecord, in store: any TrialStore & JobStore) throws -> JobRecord {
        guard isStale(job) else { return job }
        let killed = try killRunningTrials(of: job.name, in: store)
        var settled = job
        settled.status = .stopped
        let who = job.owner?.description ?? "its process"
        settled.reason =
            "interrupted: \(who) ended without recording it (killed?)"
            + (killed > 0 ? "; the processes \(killed == 1 ? "its running trial" : "its \(killed) running trials") left were killed" : "")
            + "; resume it with `automl \(job.kind.command) --resume \(job.name)`"
        settled.updatedAt = Date()
        // Another process may settle or take over the same job at once: one write wins.
        guard try store.replaceJob(settled, ifUpdatedAt: job.updatedAt) else { return try store.job(named: job.name) ?? settled }
        return settled
    }

    /// Kills the process groups, on this host, of job `name`'s running trials (and of trials already
    /// recorded stopped whose processes may still be ending), except those a live worker on this
    /// host holds; returns how many trials had any.
    @discardableResult
    public static func killRunningTrials(of name: String, in store: any TrialStore & JobStore) throws -> Int {
        guard try store.study(named: name) != nil else { return 0 }
        var killed = 0
        let me = JobOwner.current.workerName
        for trial in try store.trials(study: name) where trial.status == .running || trial.status == .stopped {
            // A trial another live worker on this host still runs is that worker's (`automl worker`).
            if let worker = trial.worker, trial.status == .running, worker != me, JobOwner.isLiveWorker(worker) { continue }
            if trial.process?.killIfLeftBehind(job: name).isEmpty == false { killed += 1 }
        }
        return killed
    }

    /// Every job in `store`, stale ones settled first (see ``settle(_:in:)``).
    public static func settledJobs(in store: any TrialStore & JobStore) throws -> [JobRecord] {
        try store.jobs().map { try settle($0, in: store) }
    }

    private func startHeartbeat(every interval: Duration) {
        heartbeat = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self else { return }
                await self.beat()
            }
        }
    }

    /// Writes the heartbeat and the elapsed time now (also called as trials finish).
    public func beat() {
        guard !ended else { return }
        job.heartbeatAt = Date()
        job.elapsedSeconds = elapsed
        job.updatedAt = Date()
        do {
            let job = self.job
            try JobRecordGate.ifOpen { try store.saveJob(job) }
        } catch {
            if !heartbeatFailed { log("warning: could not record job '\(job.name)''s heartbeat in \(store.location): \(error.localizedDescription)") }
            heartbeatFailed = true
        }
    }

    /// Records how the job ended and stops the heartbeat; later calls change nothing.
    /// - Throws: a store failure.
    @discardableResult
    public func end(_ status: JobRecord.Status, reason: String) throws -> JobRecord {
        guard !ended else { return job }
        ended = true
        heartbeat?.cancel()
        job.status = status
        job.reason = reason
        job.elapsedSeconds = elapsed
        job.updatedAt = Date()
        job.heartbeatAt = Date()
        let job = self.job
        try JobRecordGate.ifOpen { try store.saveJob(job) }
        return job
    }

    /// Records the job Failed with `error`'s message (unless it has ended already); a store failure
    /// here is told through `log`, as the original error is the one to throw.
    public func fail(_ error: any Error) {
        guard !ended else { return }
        let message = (error as? any LocalizedError)?.errorDescription ?? "\(error)"
        do {
            try end(.failed, reason: message)
        } catch let storeError {
            log("warning: could not record job '\(job.name)' as failed in \(store.location): \(storeError.localizedDescription)")
        }
    }
}

extension JobRecord.Kind {
    /// The `automl` subcommand that runs (and resumes) this kind of job.
    public var command: String {
        switch self {
        case .tuning: "tune"
        case .automl: "run"
        }
    }
}
