import Learners
import Tuning

/// Scores of completed trials, by trial number, the tally of finished ones, and the estimated refit
/// seconds of the best so far.
actor ScoreBook {
    private var scores: [Int: CandidateScore] = [:]
    private var state: RunProgress
    private let refitSeconds: @Sendable (Double) -> Double
    private var best: (mean: Double, refit: Double)?

    init(metric: Metric, refitSeconds: @escaping @Sendable (Double) -> Double = { _ in 0 }) {
        state = RunProgress(finished: 0, completed: 0, metric: metric, best: nil)
        self.refitSeconds = refitSeconds
    }

    func record(_ number: Int, _ score: CandidateScore) {
        scores[number] = score
        let mean = score.mean
        guard mean.isFinite else { return }
        if best.map({ state.metric.direction.isBetter(mean, than: $0.mean) }) ?? true { best = (mean, refitSeconds(score.fitSeconds)) }
    }

    /// The estimated seconds to refit the best-scoring pipeline so far on all rows (0 before any).
    var bestRefitSeconds: Double { best?.refit ?? 0 }

    /// Counts `trial` and returns the tally.
    func finish(_ trial: Trial) -> RunProgress {
        state.finished += 1
        if let value = trial.completedValue {
            state.completed += 1
            if state.best.map({ state.metric.direction.isBetter(value, than: $0) }) ?? true { state.best = value }
        }
        return state
    }

    var all: [Int: CandidateScore] { scores }
}
