/// SageMaker's `Auto` early stopping: after each step, a trial whose objective is worse than the
/// median of the running averages of earlier trials up to the same step is stopped.
///
/// "Earlier trials" are those with a smaller number that have reported a value at this step or a
/// later one; a trial's running average up to step `s` is the mean of its values at steps ≤ `s`.
/// The rule waits until `minimumTrials` such trials exist and the step is at least `warmupSteps`.
public struct MedianStoppingRule: StoppingRule {
    public var minimumTrials: Int
    public var warmupSteps: Int

    public var name: String { "Auto" }

    public init(minimumTrials: Int = 3, warmupSteps: Int = 0) {
        self.minimumTrials = minimumTrials
        self.warmupSteps = warmupSteps
    }

    public func shouldStop(_ trial: Trial, among trials: [Trial], direction: Direction) -> Bool {
        guard let current = trial.intermediateValues.last, current.step >= warmupSteps else { return false }
        let step = current.step
        let averages: [Double] = trials.compactMap { other in
            guard other.number < trial.number,
                other.intermediateValues.contains(where: { $0.step >= step })
            else { return nil }
            let upTo = other.intermediateValues.filter { $0.step <= step && $0.value.isFinite }
            guard !upTo.isEmpty else { return nil }
            return upTo.reduce(0) { $0 + $1.value } / Double(upTo.count)
        }
        guard averages.count >= max(1, minimumTrials) else { return false }
        let sorted = averages.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        guard current.value.isFinite else { return true }
        return direction.isBetter(median, than: current.value)
    }
}
