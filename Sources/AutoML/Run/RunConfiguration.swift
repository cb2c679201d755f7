import Foundation
import Learners
import Tabular
import Tuning

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
    /// Binary tasks: pick each pipeline's threshold for the highest recall with at least this
    /// precision, and rank pipelines by that recall.
    public var targetPrecision: Double?
    /// Binary tasks: pick each pipeline's threshold for the highest precision with at least this
    /// recall, and rank pipelines by that precision.
    public var targetRecall: Double?
    /// The command line that started the job, as typed (nil when started otherwise).
    public var commandLine: [String]?
    /// A candidate file to evaluate again instead of searching (`--candidate`).
    public var candidate: String?
    /// The column of row weights (`--sample-weight`), not a feature (see ``SampleWeights``).
    public var sampleWeight: String?
    /// The training file's SHA-256 when the job started (set by the job: a resume refuses a changed file).
    public var dataSHA256: String?
    /// The directory the job was started in, against which its relative paths are read on resume.
    public var workingDirectory: String?
    /// How the training and `--test` files are read (nil: the defaults, delimiter sniffed).
    public var csv: CSVSettings?

    /// The reader options for the job's files.
    public var csvOptions: CSVOptions { (csv ?? CSVSettings()).options }

    public init(
        data: String, target: String, problemType: ProblemType? = nil, metric: Metric? = nil, timeLimit: Double = 300,
        maxCandidates: Int? = nil, parallel: Int = 1, seed: UInt64 = 0, output: String, test: String? = nil, jobName: String,
        algorithms: [String]? = nil, targetPrecision: Double? = nil, targetRecall: Double? = nil,
        commandLine: [String]? = nil
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
        self.targetPrecision = targetPrecision
        self.targetRecall = targetRecall
        self.commandLine = commandLine
    }

    /// The configuration with its relative paths (data, test, output, candidate) made absolute
    /// against ``workingDirectory``, so that a job resumes from any directory.
    public func anchored() -> RunConfiguration {
        guard let base = workingDirectory else { return self }
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent(path).standardizedFileURL.path
        }
        var copy = self
        copy.data = absolute(data)
        copy.test = test.map(absolute)
        copy.output = absolute(output)
        copy.candidate = candidate.map(absolute)
        return copy
    }

    /// Checks the settings that need no data: the job name, the parallelism, the time limit and
    /// where the outputs go.
    /// - Throws: ``AutoMLError/invalidSetting(name:reason:)`` naming the option, what is wrong and
    ///   what would be right.
    public func check() throws {
        if let problem = JobName.problem(jobName) {
            throw AutoMLError.invalidSetting(name: "--job-name '\(jobName.debugDescription.dropFirst().dropLast())'", reason: problem)
        }
        guard parallel >= 1 else { throw AutoMLError.invalidSetting(name: "--parallel", reason: "must be at least 1, got \(parallel)") }
        guard timeLimit > 0, timeLimit <= Duration.longestSeconds else {
            throw AutoMLError.invalidSetting(name: "--time-limit", reason: "must be \(TimeSpan.accepted), got \(timeLimit) s")
        }
        if let maxCandidates, maxCandidates < 1 {
            throw AutoMLError.invalidSetting(name: "--max-candidates", reason: "must be at least 1, got \(maxCandidates)")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw AutoMLError.invalidSetting(
                name: "--output", reason: "\(output) is a file; name a directory (new or existing) for the job's reports and model")
        }
    }

    /// `automl run` with every setting of this job given explicitly (the seed and time limit included).
    public var equivalentCommand: [String] {
        var words = [
            "automl", "run", data, "--target", target, "--time-limit", "\(Self.plain(timeLimit))s", "--seed", String(seed),
            "--parallel", String(parallel), "--job-name", jobName, "--output", output,
        ]
        if let problemType { words += ["--problem-type", problemType.rawValue] }
        if let metric { words += ["--metric", metric.rawValue] }
        if let maxCandidates { words += ["--max-candidates", String(maxCandidates)] }
        if let algorithms { words += ["--algorithms", algorithms.joined(separator: ",")] }
        if let test { words += ["--test", test] }
        if let targetPrecision { words += ["--target-precision", Self.plain(targetPrecision)] }
        if let targetRecall { words += ["--target-recall", Self.plain(targetRecall)] }
        if let sampleWeight { words += ["--sample-weight", sampleWeight] }
        if let candidate { words += ["--candidate", candidate] }
        return words
    }

    /// The command that evaluates trial `trial` of this job again on its own (`--candidate`), into
    /// a job and folder named after it.
    public func replayCommand(trial: Int) -> [String] {
        var copy = self
        copy.maxCandidates = nil
        copy.test = nil
        copy.jobName = "\(jobName)-trial-\(trial)"
        copy.output = "\(output)-trial-\(trial)"
        copy.candidate = (output as NSString).appendingPathComponent(CandidateFile.path(trial: trial))
        return copy.equivalentCommand
    }

    /// A number without a needless ".0".
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The metric pipelines are ranked by and, for a binary task, what each pipeline's decision
    /// threshold is chosen for: a precision target ranks by recall, a recall target by precision;
    /// accuracy, balanced accuracy and F1 are taken at each pipeline's best threshold; other metrics
    /// label the most probable class.
    /// - Throws: ``AutoMLError/invalidSetting(name:reason:)`` for targets out of (0, 1], both targets
    ///   at once, a target on a task that is not binary, or a target beside a --metric it contradicts.
    public func decisionPolicy(for task: Task) throws -> (metric: Metric, objective: ThresholdObjective?) {
        for (name, value) in [("--target-precision", targetPrecision), ("--target-recall", targetRecall)] {
            guard let value else { continue }
            guard value > 0 && value <= 1 else { throw AutoMLError.invalidSetting(name: name, reason: "must be above 0 and at most 1, got \(value)") }
            guard task == .binary else {
                throw AutoMLError.invalidSetting(name: name, reason: "applies to binary tasks only; this is a \(task.rawValue) task")
            }
        }
        let target: (name: String, objective: ThresholdObjective)?
        switch (targetPrecision, targetRecall) {
        case (let precision?, nil): target = ("--target-precision", .recallAtPrecision(precision))
        case (nil, let recall?): target = ("--target-recall", .precisionAtRecall(recall))
        case (nil, nil): target = nil
        case (_?, _?): throw AutoMLError.invalidSetting(name: "--target-precision", reason: "give --target-precision or --target-recall, not both")
        }
        if let target {
            if let metric, metric != target.objective.metric {
                throw AutoMLError.invalidSetting(
                    name: target.name,
                    reason: "ranks pipelines by \(target.objective.metric.rawValue), but --metric asks for \(metric.rawValue); leave --metric out")
            }
            return (target.objective.metric, target.objective)
        }
        let chosen = metric ?? Self.defaultMetric(for: task)
        return (chosen, task == .binary && ThresholdObjective.tunes(chosen) ? .maximize(chosen) : nil)
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
