import Foundation
import Learners
import Tabular

/// What `automl run` was asked to do; stored with the job.
public struct RunConfiguration: Codable, Sendable, Equatable {
    public var data: String
    public var target: String
    public var problemType: ProblemType?
    public var metric: Metric?
    /// Seconds for the whole job, profiling included.
    public var timeLimit: Double
    /// Trials in all (nil: as many as the time allows).
    public var maxCandidates: Int?
    public var parallel: Int
    public var seed: UInt64
    public var output: String
    public var test: String?
    public var jobName: String
    public var algorithms: [String]?

    public init(
        data: String, target: String, problemType: ProblemType? = nil, metric: Metric? = nil, timeLimit: Double = 300,
        maxCandidates: Int? = nil, parallel: Int = 1, seed: UInt64 = 0, output: String, test: String? = nil, jobName: String,
        algorithms: [String]? = nil
    ) {
        self.data = data
        self.target = target
        self.problemType = problemType
        self.metric = metric
        self.timeLimit = timeLimit
        self.maxCandidates = maxCandidates
        self.parallel = parallel
        self.seed = seed
        self.output = output
        self.test = test
        self.jobName = jobName
        self.algorithms = algorithms
    }

    /// Autopilot's default objective: F1 for binary, accuracy for multiclass, and (its MSE) RMSE for
    /// regression.
    public static func defaultMetric(for task: Task) -> Metric {
        switch task {
        case .binary: .f1
        case .multiclass: .accuracy
        case .regression: .rmse
        }
    }
}
