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

    /// - Throws: ``TuningError/invalidSetting(name:reason:)`` unless `parallelism ≥ 1`.
    public init(study: Study, executor: any TrialExecutor, budget: Budget, parallelism: Int = 1) throws(TuningError) {
        guard parallelism >= 1 else {
            throw .invalidSetting(name: "max_parallel_trials", reason: "must be at least 1, got \(parallelism)")
        }
        self.study = study
        self.executor = executor
        self.budget = budget
        self.parallelism = parallelism
    }

    /// What a run did.
    public struct Summary: Sendable {
        public var reason: CompletionReason
        public var trials: [Trial]
        public var best: Trial?
    }

    private enum Event: Sendable {
        case finished
        case deadline
    }

    /// Runs until the budget is spent; every trial's end is in the store when this returns.
    /// - Throws: a store failure (trial errors only fail their trial).
    public func run() async throws -> Summary {
        let start = ContinuousClock.now
        let study = self.study, executor = self.executor, budget = self.budget
        var reason: CompletionReason?
        try await withThrowingTaskGroup(of: Event.self) { group in
            if let maxRuntime = budget.maxRuntime {
                group.addTask {
                    try? await Task.sleep(until: start + .milliseconds(Int64(maxRuntime * 1000)), clock: .continuous)
                    return .deadline
                }
            }
            var running = 0
            while true {
                while reason == nil, running < parallelism {
                    let trials = try await study.trials()
                    let elapsed = Self.seconds(ContinuousClock.now - start)
                    if let done = budget.completion(trials: trials, direction: study.record.direction, elapsed: elapsed) {
                        reason = done
                        break
                    }
                    let finished = trials.filter { $0.status.isFinished }.count
                    if finished + running >= budget.maxTrials { break }
                    let trial: Trial
                    do {
                        trial = try await study.ask()
                    } catch TuningError.searchSpaceExhausted {
                        reason = .searchSpaceExhausted
                        break
                    }
                    running += 1
                    group.addTask {
                        try await Self.evaluate(trial, study: study, executor: executor)
                        return .finished
                    }
                }
                if running == 0 { break }
                guard let event = try await group.next() else { break }
                switch event {
                case .finished:
                    running -= 1
                case .deadline:
                    reason = .maxRuntime
                    group.cancelAll()
                }
            }
            group.cancelAll()
        }
        let trials = try await study.trials()
        let final = reason ?? budget.completion(trials: trials, direction: study.record.direction, elapsed: Self.seconds(ContinuousClock.now - start)) ?? .maxTrials
        return Summary(reason: final, trials: trials, best: try await study.bestTrial())
    }

    /// Runs one trial and records how it ended.
    static func evaluate(_ trial: Trial, study: Study, executor: any TrialExecutor) async throws {
        let request = TrialRequest(
            study: study.record.name, number: trial.number, assignment: trial.assignment, seed: trial.seed, attempt: trial.attempts)
        let latest = LatestValue()
        let reporter = TrialReporter { step, value in
            await latest.set(value)
            return try await study.report(number: trial.number, step: step, value: value)
        }
        let outcome: TrialOutcome
        do {
            outcome = .completed(try await executor.execute(request, reporter: reporter))
        } catch is CancellationError {
            outcome = .stopped(await latest.value)
        } catch let error as any LocalizedError {
            outcome = .failed(error.errorDescription ?? "\(error)")
        } catch {
            outcome = .failed("\(error)")
        }
        try await study.tell(number: trial.number, outcome: outcome)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

/// The last value a running trial reported (kept for a trial cancelled mid-run).
private actor LatestValue {
    var value: Double?
    func set(_ newValue: Double) { value = newValue }
}
