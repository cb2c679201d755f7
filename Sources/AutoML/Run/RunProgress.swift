import Learners
import Tuning

/// What `automl run` reports after each finished trial.
public struct RunProgress: Sendable, Equatable {
    /// Trials finished (completed, failed or stopped) and completed.
    public var finished: Int
    public var completed: Int
    /// The metric and its best value so far (nil before the first completed trial).
    public var metric: Metric
    public var best: Double?
}
