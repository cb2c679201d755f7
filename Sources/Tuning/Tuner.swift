import Foundation

/// Runs a study's loop: up to `parallelism` trials at once through an executor, until the budget
/// says stop.
///
/// With `parallelism` 1 and a deterministic objective, a run is exactly reproducible from the
/// study's seed: suggestions and trial seeds depend only on it and on the finished trials.
public struct Tuner: Sendable {
    public var study: Study
    public var executor: any TrialExecutor
    public var budget: Budget
    public var parallelism: Int
    /// Raised (by a SIGINT handler, say) to end the run at once, leaving its running trials to be
    /// re-run when the job resumes.
    public var interruption: JobInterruption?
    /// Called with each trial as it finishes (progress lines, bookkeeping).
    public var onTrialFinished: (@Sendable (Trial) async -> Void)?
    /// Seconds from the start after which the search ends like at its maximum runtime, re-read
    /// every ``deadlinePoll`` while it runs (nil: the budget's maximum runtime alone). A job can
    /// end its search earlier as what it must do after it grows (refitting its best pipeline).
    public var deadline: (@Sendable () async -> Double)?

    /// How often a dynamic ``deadline`` is re-read.
    public static let deadlinePoll = Duration.milliseconds(100)

    /// A study shared by workers (``Study/worker`` set): seconds without a heartbeat after which a
    /// worker's running trials are taken for lost and re-queued. Workers beat every sixth of it, and
    /// at least once a second: processes of one job may be given different values, and a judge's
    /// shortest (3 s, see ``minimumStaleAfter``) must still see three beats.
    public var staleAfter: Double = 60

    /// The shortest silence after which a worker may be taken for lost: three beats of a worker
    /// whose own `staleAfter` is long.
    public static let minimumStaleAfter = 3.0

    /// Seconds between a shared study's heartbeats for a process whose `staleAfter` is given.
    static func beatInterval(staleAfter: Double) -> Double { max(0.2, min(1, staleAfter / 6)) }

    /// A worker that joined another process's job (``Study/worker`` set): when interrupted, its
    /// running trials go back to pending at once, for the job's other workers, instead of waiting
    /// to be found silent. The job's own process keeps them running, for its resume.
    public var releasesTrialsWhenInterrupted = false

    /// - Throws: ``TuningError/invalidSetting(name:reason:)`` unless `parallelism ≥ 1`.
    public init(
        study: Study, executor: any TrialExecutor, budget: Budget, parallelism: Int = 1,
        interruption: JobInterruption? = nil, onTrialFinished: (@Sendable (Trial) async -> Void)? = nil
    ) throws(TuningError) {
        guard parallelism >= 1 else {
            throw .invalidSetting(name: "max_parallel_trials", reason: "must be at least 1, got \(parallelism)")
        }
        self.study = study
        self.executor = executor
        self.budget = budget
        self.parallelism = parallelism
        self.interruption = interruption
        self.onTrialFinished = onTrialFinished
    }

    /// What a run did.
    public struct Summary: Sendable {
        public var reason: CompletionReason
        public var trials: [Trial]
        public var best: Trial?

        public init(reason: CompletionReason, trials: [Trial], best: Trial?) {
            self.reason = reason
            self.trials = trials
            self.best = best
        }
    }

    private enum Event: Sendable {
        case trial
        case finished
        case deadline
        case interrupted
        /// Time to look again at trials other workers run.
        case tick
    }

    /// Runs until the budget is spent; every trial's end is in the store when this returns.
    /// - Throws: a store failure (trial errors only fail their trial).
    public func run() async throws -> Summary {
        let start = ContinuousClock.now
        let study = self.study
        let executor = self.executor
        let budget = self.budget
        let interruption = self.interruption
        let onTrialFinished = self.onTrialFinished
        var reason: CompletionReason?
        try await withThrowingTaskGroup(of: Event.self) { group in
            if let interruption {
                group.addTask {
                    while !interruption.isRaised {
                        try? await Task.sleep(for: .milliseconds(50))
                        if Task.isCancelled, !interruption.isRaised { return .finished }
                    }
                    return .interrupted
                }
            }
            if budget.maxRuntime != nil || deadline != nil {
                let deadline = self.deadline
                group.addTask {
                    while !Task.isCancelled {
                        var limit = budget.maxRuntime ?? Duration.longestSeconds
                        if let deadline { limit = min(limit, await deadline()) }
                        let left = limit - (ContinuousClock.now - start).inSeconds
                        if left <= 0 { return .deadline }
                        // A cancelled sleep ends too; the event is then ignored (see .deadline below).
                        try? await Task.sleep(for: deadline == nil ? .saturating(seconds: left) : min(.saturating(seconds: left), Self.deadlinePoll))
                    }
                    return .deadline
                }
            }
            let shared = study.worker != nil
            let staleAfter = self.staleAfter
            if shared {
                // The heartbeat: this worker's trials stay its own, a silent worker's go back to pending.
                group.addTask {
                    while !Task.isCancelled {
                        _ = try await study.keepAlive(staleAfter: staleAfter)
                        try? await Task.sleep(for: .saturating(seconds: Self.beatInterval(staleAfter: staleAfter)))
                    }
                    return .finished
                }
            }
            var running = 0
            var ticking = false
            while true {
                var othersRunning = false
                while reason == nil, running < parallelism, interruption?.isRaised != true {
                    let trials = try await study.trials()
                    let elapsed = (ContinuousClock.now - start).inSeconds
                    if let done = budget.completion(trials: trials, direction: study.record.direction, elapsed: elapsed) {
                        reason = done
                        break
                    }
                    let finished = trials.filter { $0.status.isFinished }.count
                    othersRunning = shared && trials.contains { $0.status == .running && $0.worker != study.worker }
                    if finished + running >= budget.maxTrials, !shared { break }
                    let trial: Trial
                    do {
                        // The store holds the limit for every worker; nil: every trial is taken.
                        guard let next = try await study.ask(limit: budget.maxTrials) else { break }
                        trial = next
                    } catch TuningError.searchSpaceExhausted {
                        reason = .searchSpaceExhausted
                        break
                    }
                    running += 1
                    group.addTask {
                        if let finished = try await Self.evaluate(trial, study: study, executor: executor, interruption: interruption) {
                            await onTrialFinished?(finished)
                        }
                        return .trial
                    }
                }
                if running == 0 {
                    // Nothing of ours runs; other workers' trials may still end, or be re-queued
                    // for us when their worker falls silent.
                    guard shared, othersRunning, reason == nil, interruption?.isRaised != true else { break }
                    if !ticking {
                        ticking = true
                        group.addTask {
                            try? await Task.sleep(for: .milliseconds(250))
                            return .tick
                        }
                    }
                }
                guard let event = try await group.next() else { break }
                switch event {
                case .trial:
                    running -= 1
                case .tick:
                    ticking = false
                case .finished:
                    break
                case .deadline:
                    // A cancelled deadline sleep also ends: it must not overwrite an interruption.
                    if reason == nil { reason = .maxRuntime }
                    group.cancelAll()
                case .interrupted:
                    if reason == nil || reason == .maxRuntime { reason = .interrupted }
                    group.cancelAll()
                }
            }
            group.cancelAll()
        }
        // The last running trial can end (cut off by the interruption) before the watcher's next
        // poll reports it: the interruption still ends the search.
        if interruption?.isRaised == true, reason == nil || reason == .maxRuntime { reason = .interrupted }
        if reason == .interrupted, releasesTrialsWhenInterrupted { _ = try await study.release() }
        let trials = try await study.trials()
        let final =
            reason ?? budget.completion(trials: trials, direction: study.record.direction, elapsed: (ContinuousClock.now - start).inSeconds)
            ?? .maxTrials
        return Summary(reason: final, trials: trials, best: try await study.bestTrial())
    }

    /// Runs one trial and records how it ended; returns it finished, or nil when an interruption
    /// cut it off (it stays running in the store, to be re-queued when the job resumes).
    static func evaluate(_ trial: Trial, study: Study, executor: any TrialExecutor, interruption: JobInterruption?) async throws -> Trial? {
        let request = TrialRequest(
            study: study.record.name, number: trial.number, assignment: trial.assignment, seed: trial.seed, attempt: trial.attempts)
        let latest = LatestValue()
        let reporter = TrialReporter(
            { step, value in
                await latest.set(value)
                return try await study.report(number: trial.number, step: step, value: value)
            },
            processStarted: { group in
                try await study.recordProcess(number: trial.number, process: TrialProcess(host: .current, processGroup: group))
            })
        let outcome: TrialOutcome
        do {
            outcome = .completed(try await executor.execute(request, reporter: reporter))
        } catch is CancellationError {
            if interruption?.isRaised == true { return nil }
            outcome = .stopped(await latest.value)
        } catch let error as any LocalizedError {
            outcome = .failed(error.errorDescription ?? "\(error)")
        } catch {
            outcome = .failed("\(error)")
        }
        let told: Result<Trial, TuningError>
        do {
            told = .success(try await study.tell(number: trial.number, outcome: outcome))
        } catch {
            told = .failure(error)
        }
        switch told {
        case .success(let trial): return trial
        // Re-queued as stale while this worker was silent, and finished by another: that record
        // stands, this one is dropped.
        case .failure(.trialAlreadyFinished): return nil
        case .failure(let error): throw error
        }
    }

}

extension Tuner {
    /// The last value a running trial reported (kept for a trial cancelled mid-run).
    private actor LatestValue {
        var value: Double?
        func set(_ newValue: Double) { value = newValue }
    }
}
