import Foundation
import Tuning

/// The YAML (or JSON) job file of `automl tune --config JOB.yaml`. Every key, with its default:
///
/// ```yaml
/// name: my-job                  # job name (default: the file's name); names runs/<name>/
/// command: [python3, train.py]  # argv list, no shell (required)
/// working_directory: .          # relative to this file (default: its directory)
/// environment: {KEY: value}     # extra environment variables
/// parameters:                   # ranges to tune (required)
///   - {name: lr, type: continuous, min: 0.001, max: 0.3, scaling: logarithmic, initial: 0.1}
///   - {name: depth, type: integer, min: 2, max: 10}
///   - {name: kernel, type: categorical, values: [linear, rbf]}
/// static_hyperparameters: {epochs: 10}
/// objective: {metric: validation:loss, goal: minimize}     # goal: minimize | maximize
/// metrics:                      # name + regex with one capture group (the value)
///   - {name: validation:loss, regex: "val_loss=([0-9.eE+-]+)"}
/// strategy: bayesian            # bayesian | random | grid | hyperband
/// max_trials: 20
/// max_parallel: 1
/// trial_timeout: 10m            # per trial; 90s, 10m, 1h or seconds
/// max_runtime: 2h               # whole job
/// early_stopping: off           # off | auto (median rule)
/// warm_start: [parent-job]      # jobs whose completed trials seed this one
/// channels: {train: data/train.csv}   # SM_CHANNEL_TRAIN; relative to working_directory
/// seed: 0
/// max_consecutive_failures: 5
/// target_value: 0.95            # end when a trial reaches it
/// no_improvement_trials: 10     # end after this many trials without a new best
/// termination_grace_period: 10s # SIGTERM to SIGKILL
/// grid_resolution: 5            # values per numeric parameter (grid)
/// hyperband: {min_resource: 1, max_resource: 27}   # steps (epochs) a trial reports
/// ```
public enum TuningJobFile {
    static let keys = [
        "name", "command", "working_directory", "environment", "parameters", "static_hyperparameters", "objective",
        "metrics", "strategy", "max_trials", "max_parallel", "trial_timeout", "max_runtime", "early_stopping",
        "warm_start", "channels", "seed", "max_consecutive_failures", "target_value", "no_improvement_trials",
        "termination_grace_period", "grid_resolution", "hyperband",
    ]

    /// Reads the job file at `path`; its outputs go under `outputRoot/<name>`.
    /// - Throws: ``AutoMLError`` naming the file, line, column and key of the first problem.
    public static func read(path: String, outputRoot: String) throws(AutoMLError) -> TuningJobDefinition {
        let text = try readText(path)
        let root = try ConfigNode.parse(text, file: path)
        try root.rejectUnknownKeys(keys)
        let fileDirectory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let defaultName = JobName.sanitized(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        let name = try root.child("name")?.string() ?? defaultName

        let workingDirectory =
            try root.child("working_directory").map { node throws(AutoMLError) in
                let value = try node.string()
                return value.hasPrefix("/") ? value : URL(fileURLWithPath: fileDirectory).appendingPathComponent(value).standardizedFileURL.path
            } ?? fileDirectory
        let commandNode = try root.require("command", hint: "give the training command as a list, e.g. [python3, train.py]")
        guard commandNode.node.sequence != nil else {
            throw commandNode.error("give the command as a list of arguments, e.g. [python3, train.py] (no shell is used)")
        }
        let arguments = try commandNode.stringList()
        guard !arguments.isEmpty else { throw commandNode.error("the command is empty") }

        let objective = try root.require("objective", hint: "give {metric: NAME, goal: minimize|maximize}")
        try objective.rejectUnknownKeys(["metric", "goal"])
        let objectiveMetric = try objective.require("metric", hint: "name the metric to optimize").string()
        let direction = try objective.require("goal", hint: "say minimize or maximize").choice([
            ("minimize", Direction.minimize), ("maximize", .maximize),
        ])

        let metricsNode = try root.require("metrics", hint: "define at least the objective metric with a regex")
        var metrics: [MetricDefinition] = []
        for item in try metricsNode.list() {
            try item.rejectUnknownKeys(["name", "regex"])
            metrics.append(
                MetricDefinition(
                    name: try item.require("name", hint: "name the metric").string(),
                    regex: try item.require("regex", hint: "give a regex with one capture group around the value").string()))
        }

        let parametersNode = try root.require("parameters", hint: "list the hyperparameters to tune")
        var parameters: [Parameter] = []
        for item in try parametersNode.list() { parameters.append(try parameter(item)) }

        var command = TrainingCommand(
            arguments: arguments, workingDirectory: workingDirectory,
            environment: try root.child("environment")?.stringMap() ?? [:],
            staticHyperparameters: try root.child("static_hyperparameters")?.stringMap() ?? [:],
            channels: try root.child("channels")?.stringMap() ?? [:],
            metricDefinitions: metrics, objectiveMetric: objectiveMetric,
            trialTimeout: try root.child("trial_timeout")?.seconds(),
            outputDirectory: URL(fileURLWithPath: outputRoot).appendingPathComponent(name).path)
        if let grace = root.child("termination_grace_period") { command.terminationGracePeriod = try grace.seconds() }

        var definition = TuningJobDefinition(name: name, command: command, space: SearchSpace(parameters), direction: direction)
        if let node = root.child("strategy") {
            definition.strategy = try node.choice(TuningJobDefinition.Strategy.allCases.map { ($0.rawValue, $0) })
        }
        if let node = root.child("max_trials") { definition.maxTrials = try node.positiveInteger() }
        if let node = root.child("max_parallel") { definition.maxParallel = try node.positiveInteger() }
        if let node = root.child("max_runtime") { definition.maxRuntime = try node.seconds() }
        if let node = root.child("early_stopping") {
            definition.earlyStopping = try node.choice([("off", .off), ("auto", .auto), ("false", .off), ("true", .auto)])
        }
        if let node = root.child("warm_start") { definition.warmStartParents = try node.stringList() }
        if let node = root.child("seed") {
            let seed = try node.integer()
            guard seed >= 0 else { throw node.error("must not be negative") }
            definition.seed = UInt64(seed)
        }
        if let node = root.child("max_consecutive_failures") { definition.maxConsecutiveFailures = try node.positiveInteger() }
        if let node = root.child("target_value") { definition.targetValue = try node.double() }
        if let node = root.child("no_improvement_trials") { definition.noImprovementTrials = try node.positiveInteger() }
        if let node = root.child("grid_resolution") { definition.gridResolution = try node.positiveInteger() }
        if let node = root.child("hyperband") {
            try node.rejectUnknownKeys(["min_resource", "max_resource"])
            if let value = node.child("min_resource") { definition.hyperbandMinResource = try value.positiveInteger() }
            if let value = node.child("max_resource") { definition.hyperbandMaxResource = try value.positiveInteger() }
        }
        return definition
    }

    /// One entry of `parameters`.
    static func parameter(_ node: ConfigNode) throws(AutoMLError) -> Parameter {
        try node.rejectUnknownKeys(["name", "type", "min", "max", "scaling", "values", "initial"])
        let name = try node.require("name", hint: "name the hyperparameter as the script's argument (--NAME)").string()
        let typeNode = try node.require("type", hint: "say continuous, integer or categorical")
        let type = try typeNode.choice([("continuous", "continuous"), ("integer", "integer"), ("categorical", "categorical")])
        switch type {
        case "categorical":
            for key in ["min", "max", "scaling"] where node.child(key) != nil {
                throw node.error("'\(key)' does not apply to a categorical parameter; list its 'values'")
            }
            let valuesNode = try node.require("values", hint: "list the categories")
            let values = try valuesNode.stringList()
            guard !values.isEmpty else { throw valuesNode.error("list at least one value") }
            let initial = try node.child("initial")?.string() ?? values[0]
            return Parameter(name, .categorical(values), initial: .label(initial))
        default:
            if node.child("values") != nil { throw node.error("'values' applies to categorical parameters; give 'min' and 'max'") }
            let minNode = try node.require("min", hint: "give the smallest value")
            let maxNode = try node.require("max", hint: "give the largest value")
            let scaling = try node.child("scaling")?.choice(scalings) ?? .auto
            let isInteger = type == "integer"
            let (lower, upper) =
                isInteger ? (Double(try minNode.integer()), Double(try maxNode.integer())) : (try minNode.double(), try maxNode.double())
            var parameter: Parameter
            do {
                parameter = try NumericRange.parameter(name, lower: lower, upper: upper, integer: isInteger, scaling: scaling)
            } catch .notIncreasing {
                throw maxNode.error("max (\(try maxNode.string())) must be greater than min (\(try minNode.string()))")
            } catch {
                throw minNode.error("logarithmic scaling needs a positive min, found \(try minNode.string())")
            }
            if let value = node.child("initial") {
                parameter.initial = isInteger ? .integer(try value.integer()) : .real(try value.double())
            }
            return parameter
        }
    }

    /// Scaling names, SageMaker's spelling and snake case alike.
    public static let scalings: [(String, Scaling)] = [
        ("Auto", .auto), ("Linear", .linear), ("Logarithmic", .logarithmic), ("ReverseLogarithmic", .reverseLogarithmic),
        ("log", .logarithmic), ("reverse_log", .reverseLogarithmic),
    ]

    /// The scaling called `name` in any of the accepted spellings (case, `-` and `_` ignored).
    public static func scaling(named name: String) -> Scaling? {
        scalings.first { ConfigNode.normalized($0.0) == ConfigNode.normalized(name) }?.1
    }

    static func readText(_ path: String) throws(AutoMLError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw .unreadableFile(path: path, reason: exists ? "permission denied or not a regular file" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadableFile(path: path, reason: "it is not UTF-8 text") }
        return text
    }
}
