import Foundation

/// A user's training job as a tuning trial runs it: the command, where, with which fixed
/// hyperparameters, data channels and metric definitions, and how long it may take.
public struct TrainingCommand: Codable, Sendable, Equatable {
    /// The program and its fixed arguments (no shell: each element reaches the program as is).
    public var arguments: [String]
    /// The directory the command runs in (absolute).
    public var workingDirectory: String
    /// Extra environment variables for every trial.
    public var environment: [String: String]
    /// Hyperparameters every trial gets unchanged (SageMaker's `StaticHyperParameters`).
    public var staticHyperparameters: [String: String]
    /// Input data channels: name to a path (`SM_CHANNEL_<NAME>`).
    public var channels: [String: String]
    public var metricDefinitions: [MetricDefinition]
    /// The metric the job optimizes; one of `metricDefinitions`.
    public var objectiveMetric: String
    /// Seconds a trial may run before it is killed and failed; nil for no limit.
    public var trialTimeout: Double?
    /// Seconds between SIGTERM and SIGKILL when a trial is ended early.
    public var terminationGracePeriod: Double
    /// The job's output directory; trial `n` works in `trials/trial-n` below it.
    public var outputDirectory: String
    /// CPUs each trial is told it has (`SM_NUM_CPUS`).
    public var cpusPerTrial: Int

    public init(
        arguments: [String], workingDirectory: String, environment: [String: String] = [:],
        staticHyperparameters: [String: String] = [:], channels: [String: String] = [:],
        metricDefinitions: [MetricDefinition], objectiveMetric: String, trialTimeout: Double? = nil,
        terminationGracePeriod: Double = 10, outputDirectory: String, cpusPerTrial: Int = 1
    ) {
        self.arguments = arguments
        self.workingDirectory = workingDirectory
        self.environment = environment
        self.staticHyperparameters = staticHyperparameters
        self.channels = channels
        self.metricDefinitions = metricDefinitions
        self.objectiveMetric = objectiveMetric
        self.trialTimeout = trialTimeout
        self.terminationGracePeriod = terminationGracePeriod
        self.outputDirectory = outputDirectory
        self.cpusPerTrial = cpusPerTrial
    }

    /// Checks everything that can be checked before a trial runs, and returns the program's path.
    /// - Throws: ``TuningError/commandNotFound(command:detail:)``,
    ///   ``TuningError/invalidMetricDefinition(metric:regex:reason:)`` or
    ///   ``TuningError/invalidSetting(name:reason:)``.
    @discardableResult
    public func validate() throws(TuningError) -> String {
        let parser = try MetricParser(metricDefinitions)
        guard parser.names.contains(objectiveMetric) else {
            let known = parser.names.isEmpty ? "there are none" : "defined: " + parser.names.joined(separator: ", ")
            throw .invalidSetting(
                name: "objective metric",
                reason:
                    "'\(objectiveMetric)' is not among the metric definitions (\(known)); add a definition named '\(objectiveMetric)' with a regex that captures its value"
            )
        }
        if let trialTimeout, !(trialTimeout > 0) {
            throw .invalidSetting(name: "trial timeout", reason: "must be a positive number of seconds, got \(trialTimeout)")
        }
        guard terminationGracePeriod >= 0 else {
            throw .invalidSetting(name: "termination grace period", reason: "must not be negative, got \(terminationGracePeriod)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: workingDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .invalidSetting(name: "working directory", reason: "\(workingDirectory) is not a directory")
        }
        for (name, path) in channels.sorted(by: { $0.key < $1.key }) where !FileManager.default.fileExists(atPath: absolute(path)) {
            throw .invalidSetting(name: "channel \(name)", reason: "\(absolute(path)) does not exist; give an existing file or directory")
        }
        return try executablePath()
    }

    /// `path` made absolute against the working directory.
    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: workingDirectory).appendingPathComponent(path).standardizedFileURL.path
    }

    /// The program's absolute path: a path containing `/` is taken against the working directory,
    /// a bare name is looked up on PATH (the job's environment first).
    /// - Throws: ``TuningError/commandNotFound(command:detail:)``.
    public func executablePath() throws(TuningError) -> String {
        guard let program = arguments.first, !program.isEmpty else {
            throw .commandNotFound(command: "", detail: "the command is empty")
        }
        let fileManager = FileManager.default
        if program.contains("/") {
            let path = absolute(program)
            guard fileManager.fileExists(atPath: path) else { throw .commandNotFound(command: program, detail: "\(path) does not exist") }
            guard fileManager.isExecutableFile(atPath: path) else {
                throw .commandNotFound(
                    command: program, detail: "\(path) is not executable (chmod +x it, or run it through its interpreter, e.g. python3 \(program))")
            }
            return path
        }
        let searchPath = environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(program).path
            if fileManager.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw .commandNotFound(command: program, detail: "no executable of that name is on PATH (\(searchPath))")
    }
}
