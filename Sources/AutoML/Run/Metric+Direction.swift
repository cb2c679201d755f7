import Learners
import Tuning

extension Metric {
    /// Whether the search maximizes or minimizes this metric: the one place "better" is decided
    /// for leaderboards, ensembles, progress and job summaries.
    public var direction: Direction { higherIsBetter ? .maximize : .minimize }
}
