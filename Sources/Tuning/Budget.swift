import Foundation

/// When a tuning job ends (SageMaker's completion criteria and resource limits).
public struct Budget: Sendable, Equatable {
    /// Trials that may finish (completed, failed or stopped) in all.
    public var maxTrials: Int
    /// Wall-clock seconds from the start of this run; running trials are cancelled when it passes.
    public var maxRuntime: Double?
    /// End as soon as a completed trial reaches this objective value (or better).
    public var targetValue: Double?
    /// End after this many completed trials in a row fail to improve on the best.
    public var noImprovementTrials: Int?
    /// End after this many trials in a row fail (a broken script should not burn the whole budget).
    public var maxConsecutiveFailures: Int?

    /// - Throws: ``TuningError/invalidSetting(name:reason:)`` for a non-positive limit.
    public init(
        maxTrials: Int, maxRuntime: Double? = nil, targetValue: Double? = nil, noImprovementTrials: Int? = nil, maxConsecutiveFailures: Int? = nil
    ) throws(TuningError) {
        guard maxTrials >= 1 else { throw .invalidSetting(name: "max_trials", reason: "must be at least 1, got \(maxTrials)") }
        if let maxRuntime, !(maxRuntime > 0) {
            throw .invalidSetting(name: "max_runtime", reason: "must be a positive number of seconds, got \(maxRuntime)")
        }
        if let noImprovementTrials, noImprovementTrials < 1 {
            throw .invalidSetting(name: "no_improvement_trials", reason: "must be at least 1, got \(noImprovementTrials)")
        }
        if let maxConsecutiveFailures, maxConsecutiveFailures < 1 {
            throw .invalidSetting(name: "max_consecutive_failures", reason: "must be at least 1, got \(maxConsecutiveFailures)")
        }
        if let targetValue, !targetValue.isFinite {
            throw .invalidSetting(name: "target_value", reason: "must be a finite number")
        }
        self.maxTrials = maxTrials
        self.maxRuntime = maxRuntime
        self.targetValue = targetValue
        self.noImprovementTrials = noImprovementTrials
        self.maxConsecutiveFailures = maxConsecutiveFailures
    }

    /// Why the job must stop launching trials, given its trials and the seconds elapsed; nil to go on.
    public func completion(trials: [Trial], direction: Direction, elapsed: Double) -> CompletionReason? {
        let finished = trials.filter { $0.status.isFinished }.count
        if finished >= maxTrials { return .maxTrials }
        if let maxRuntime, elapsed >= maxRuntime { return .maxRuntime }
        if let maxConsecutiveFailures {
            let byFinish = trials.filter { $0.status.isFinished }.sorted {
                ($0.finishedAt ?? .distantPast, $0.number) < ($1.finishedAt ?? .distantPast, $1.number)
            }
            let failures = byFinish.reversed().prefix { $0.status == .failed }
            if failures.count >= maxConsecutiveFailures, let last = failures.first {
                return .consecutiveFailures(trials: failures.count, lastError: last.error ?? "no reason recorded")
            }
        }
        let completed = trials.filter { $0.completedValue != nil }.sorted {
            ($0.finishedAt ?? .distantPast, $0.number) < ($1.finishedAt ?? .distantPast, $1.number)
        }
        if let targetValue, let hit = completed.first(where: { $0.value == targetValue || direction.isBetter($0.value ?? 0, than: targetValue) }) {
            return .targetReached(trial: hit.number)
        }
        if let noImprovementTrials, completed.count > noImprovementTrials {
            var best = Double.infinity
            var since = 0
            for trial in completed {
                let loss = direction.loss(trial.value ?? 0)
                if loss < best {
                    best = loss
                    since = 0
                } else {
                    since += 1
                }
            }
            if since >= noImprovementTrials { return .noImprovement(trials: since) }
        }
        return nil
    }
}
