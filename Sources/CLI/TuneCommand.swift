import ArgumentParser
import AutoML
import Foundation
import Tabular
import Tuning

/// `automl tune`: a hyperparameter tuning job whose trials run the user's command.
struct TuneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Tune anyone's training script: run its command as trials, read the metric from its output.",
        discussion: """
            A job comes from a YAML/JSON file (--config), SageMaker's CreateHyperParameterTuningJob JSON \
            (--sagemaker-config, with the command after --), or flags with the command after --; flags \
            override the file. Every trial gets its hyperparameters as `--name value` arguments, as \
            SM_HP_<NAME>, SM_HPS and the other SM_* variables of SageMaker script mode, and in \
            input/config/hyperparameters.json; it works in DIR/trials/trial-N, with stdout.log and \
            stderr.log. The objective is the last value the metric's regex captured in its output.

            Job file keys (YAML; JSON works too):
              name: my-job                   job name (default: the file's name)
              command: [python3, train.py]   argv list, no shell (required)
              working_directory: .           relative to the file (default: its directory)
              environment: {KEY: value}
              parameters:                    (required)
                - {name: lr, type: continuous, min: 0.001, max: 0.3, scaling: logarithmic, initial: 0.1}
                - {name: depth, type: integer, min: 2, max: 10}
                - {name: kernel, type: categorical, values: [linear, rbf]}
                scaling: auto | linear | logarithmic | reverse_logarithmic
              static_hyperparameters: {epochs: 10}
              objective: {metric: NAME, goal: minimize | maximize}      (required)
              metrics: [{name: NAME, regex: "loss=([0-9.]+)"}]          (required; one capture group,
                                             or (?<value>...) with an optional (?<step>...))
              strategy: bayesian | random | grid | hyperband            (default bayesian)
              max_trials: 20                 max_parallel: 1
              trial_timeout: 10m             max_runtime: 2h            (90s, 10m, 1h or seconds)
              early_stopping: off | auto     (auto: the median rule)
              warm_start: [parent-job]       channels: {train: data/train.csv}
              seed: 0                        max_consecutive_failures: 5
              target_value: 0.95             no_improvement_trials: 10
              termination_grace_period: 10s  grid_resolution: 5
              hyperband: {min_resource: 1, max_resource: 27}

            Ctrl-C stops the job cleanly (running trials are killed and re-run on --resume) and writes \
            DIR/tuning.md. Exit status: 0 done, 2 bad job definition, 1 failure, 130 interrupted.
            """
    )

    @Option(help: "A YAML or JSON job file (keys below).")
    var config: String?

    @Option(name: .customLong("sagemaker-config"), help: "The JSON of a SageMaker CreateHyperParameterTuningJob request; give the command after --.")
    var sagemakerConfig: String?

    @Option(help: "Resume the stored job NAME after Ctrl-C, a crash or kill -9.")
    var resume: String?

    @Option(name: .customLong("job-name"), help: "The job's name (default: the config's name, else tune-<time>).")
    var jobName: String?

    @Option(help: "The job's output directory (default: runs/<job name>).")
    var output: String?

    @OptionGroup var storeOptions: StoreOptions

    @Option(
        name: .customLong("range"),
        help: ArgumentHelp(
            "A hyperparameter to tune (repeatable).",
            discussion: "NAME:continuous:MIN:MAX[:SCALING], NAME:integer:MIN:MAX[:SCALING] or NAME:categorical:A,B,C"))
    var ranges: [String] = []

    @Option(name: .customLong("metric"), help: "A metric definition NAME=REGEX (repeatable); the regex captures the value.")
    var metrics: [String] = []

    @Option(help: "The metric to optimize (one of the metric definitions).")
    var objective: String?

    @Option(help: "minimize or maximize the objective.")
    var goal: String?

    @Option(help: "bayesian, random, grid or hyperband.")
    var strategy: String?

    @Option(name: .customLong("max-trials"), help: "Trials in all.")
    var maxTrials: Int?

    @Option(name: .customLong("max-parallel"), help: "Trials run at once.")
    var maxParallel: Int?

    @Option(name: .customLong("trial-timeout"), parsing: .unconditional, help: "Longest a trial may run (90s, 10m, 1h).")
    var trialTimeout: String?

    @Option(name: .customLong("max-runtime"), parsing: .unconditional, help: "Longest the whole job may run (90s, 10m, 1h).")
    var maxRuntime: String?

    @Option(name: .customLong("early-stopping"), help: "off or auto (stop trials worse than the median at the same step).")
    var earlyStopping: String?

    @Option(name: .customLong("static"), help: "A fixed hyperparameter NAME=VALUE (repeatable).")
    var statics: [String] = []

    @Option(name: .customLong("channel"), help: "An input channel NAME=PATH (repeatable): SM_CHANNEL_<NAME>.")
    var channels: [String] = []

    @Option(name: .customLong("env"), help: "An environment variable NAME=VALUE for every trial (repeatable).")
    var environment: [String] = []

    @Option(name: .customLong("warm-start"), help: "A finished job whose trials seed this one (repeatable).")
    var warmStart: [String] = []

    @Option(help: "The job's random seed.")
    var seed: UInt64?

    @OptionGroup var staleTrials: StaleTrialOptions

    @Option(name: .customLong("working-directory"), help: "Where the command runs (default: the current directory, or the config file's).")
    var workingDirectory: String?

    @Argument(parsing: .postTerminator, help: "The training command, after --.")
    var command: [String] = []

    func run() async throws {
        let stale = try staleTrials.seconds()
        let store = try storeOptions.open()
        let interruption = JobInterruption()
        func job(_ definition: TuningJobDefinition) -> TuningJobRun {
            var run = TuningJobRun(definition: definition, store: store, interruption: interruption, log: Self.printLine)
            run.staleAfter = stale
            return run
        }
        // The job's definition first (a new job's is checked before anything runs), so that a second
        // signal knows which job to record as stopped.
        var stored: TuningJobDefinition?
        var fresh: TuningJobDefinition?
        if let resume {
            stored = try TuningJobRun.storedDefinition(resume, store: store).1
        } else {
            let definition = try jobDefinition()
            try definition.validate()
            fresh = definition
        }
        let name = resume ?? fresh?.name ?? ""
        let signals = InterruptSignal(
            interruption,
            announce: { _ in
                FileHandle.standardError.write(
                    Data("\nautoml: interrupted; stopping the running trials (they re-run on --resume). Press Ctrl-C again to quit at once.\n".utf8))
            },
            beforeExit: { StoreOptions.markStopped(store, job: name, reason: "ended by a second signal; resume it to re-run its unfinished trials") })
        defer { signals.restore() }
        let outcome: TuningJobRun.Outcome
        if let definition = stored {
            print(
                "Resuming tuning job \(name) (\(try store.trials(study: name).filter { $0.status.isFinished }.count) of \(definition.maxTrials) trials finished)."
            )
            outcome = try await job(definition).resume()
        } else if let definition = fresh {
            print(
                "Tuning job \(definition.name): \(definition.maxTrials) trials, up to \(definition.maxParallel) at once, \(definition.strategy.rawValue) search; output \(definition.command.outputDirectory)"
            )
            outcome = try await job(definition).start()
        } else {
            return
        }
        print(Self.summary(outcome))
        if outcome.reason == .interrupted { throw ExitCode(signals.exitStatus) }
        // A job that ended Failed (e.g. too many consecutive failed trials) is a failure: exit 1.
        if outcome.job.status == .failed { throw ExitCode(1) }
    }

    static func printLine(_ line: String) {
        print(line)
        fflush(nil)
    }

    static func summary(_ outcome: TuningJobRun.Outcome) -> String {
        var lines = ["Job \(outcome.job.name) \(outcome.job.status.rawValue.lowercased()): \(outcome.reason)."]
        if let best = outcome.best, let value = best.value {
            lines.append("Best trial \(best.number): objective \(value) with \(best.assignment.summary)")
        } else {
            lines.append("No trial completed.")
        }
        lines.append("Report: \(outcome.reportPath)")
        if outcome.reason == .interrupted { lines.append("Resume with: automl tune --resume \(outcome.job.name)") }
        return lines.joined(separator: "\n")
    }

    /// The job these options describe: the file's, with flags on top.
    func jobDefinition() throws -> TuningJobDefinition {
        let outputRoot = "runs"
        let currentDirectory = FileManager.default.currentDirectoryPath
        let fallbackName = JobName.sanitized("tune-" + Self.timestamp())
        var definition: TuningJobDefinition
        if config != nil, sagemakerConfig != nil {
            throw InputError(message: "Give --config or --sagemaker-config, not both.")
        }
        if let config {
            definition = try TuningJobFile.read(path: config, outputRoot: outputRoot)
            if !command.isEmpty { definition.command.arguments = command }
        } else if let sagemakerConfig {
            guard !command.isEmpty else {
                throw InputError(
                    message:
                        "--sagemaker-config needs the local training command after --, e.g. automl tune --sagemaker-config tuning.json -- python3 train.py"
                )
            }
            let reading = try SageMakerTuningJob.read(
                path: sagemakerConfig, command: command, workingDirectory: absolute(workingDirectory ?? currentDirectory),
                channels: try Self.pairs(channels, flag: "--channel"), outputRoot: outputRoot, defaultName: fallbackName)
            for warning in reading.warnings { FileHandle.standardError.write(Data("warning: \(sagemakerConfig): \(warning)\n".utf8)) }
            definition = reading.definition
        } else {
            guard !command.isEmpty else {
                throw InputError(
                    message:
                        "Give a job: --config JOB.yaml, --sagemaker-config tuning.json -- COMMAND, or --range/--metric/--objective flags with the command after --. See automl tune --help."
                )
            }
            guard let objective else { throw InputError(message: "--objective NAME is required without a config file (the metric to optimize).") }
            let command = TrainingCommand(
                arguments: command, workingDirectory: absolute(workingDirectory ?? currentDirectory), metricDefinitions: [],
                objectiveMetric: objective, outputDirectory: "")
            definition = TuningJobDefinition(name: fallbackName, command: command, space: SearchSpace([]), direction: .minimize)
            if goal == nil { throw InputError(message: "--goal minimize|maximize is required without a config file.") }
        }
        try applyFlags(to: &definition)
        if let jobName {
            if let problem = JobName.problem(jobName) {
                throw InputError(message: "--job-name '\(jobName.debugDescription.dropFirst().dropLast())': \(problem).")
            }
            definition.name = jobName
        }
        definition.command.outputDirectory = absolute(output ?? URL(fileURLWithPath: outputRoot).appendingPathComponent(definition.name).path)
        let cores = ProcessorCount.active
        definition.command.cpusPerTrial = max(1, cores / max(1, definition.maxParallel))
        definition.commandLine = StoreOptions.commandAsTyped
        return definition
    }

    private func applyFlags(to definition: inout TuningJobDefinition) throws {
        if !ranges.isEmpty {
            var parameters = definition.space.parameters.filter { existing in !ranges.contains { $0.hasPrefix(existing.name + ":") } }
            for spec in ranges { parameters.append(try RangeFlag.parameter(spec)) }
            definition.space = SearchSpace(parameters)
        }
        for (name, regex) in try Self.pairs(metrics, flag: "--metric").sorted(by: { $0.key < $1.key }) {
            definition.command.metricDefinitions.removeAll { $0.name == name }
            definition.command.metricDefinitions.append(MetricDefinition(name: name, regex: regex))
        }
        if let objective { definition.command.objectiveMetric = objective }
        if let goal {
            switch goal.lowercased() {
            case "minimize": definition.direction = .minimize
            case "maximize": definition.direction = .maximize
            default: throw InputError(message: "--goal must be minimize or maximize (got '\(goal)').")
            }
        }
        if let strategy {
            guard let chosen = TuningJobDefinition.Strategy.allCases.first(where: { $0.rawValue.lowercased() == strategy.lowercased() }) else {
                throw InputError(message: "--strategy must be one of bayesian, random, grid, hyperband (got '\(strategy)').")
            }
            definition.strategy = chosen
        }
        if let maxTrials { definition.maxTrials = maxTrials }
        if let maxParallel { definition.maxParallel = maxParallel }
        if let trialTimeout { definition.command.trialTimeout = try Self.duration(trialTimeout, flag: "--trial-timeout") }
        if let maxRuntime { definition.maxRuntime = try Self.duration(maxRuntime, flag: "--max-runtime") }
        if let earlyStopping {
            switch earlyStopping.lowercased() {
            case "off": definition.earlyStopping = .off
            case "auto": definition.earlyStopping = .auto
            default: throw InputError(message: "--early-stopping must be off or auto (got '\(earlyStopping)').")
            }
        }
        for (name, value) in try Self.pairs(statics, flag: "--static") { definition.command.staticHyperparameters[name] = value }
        for (name, path) in try Self.pairs(channels, flag: "--channel") { definition.command.channels[name] = absolute(path) }
        for (name, value) in try Self.pairs(environment, flag: "--env") { definition.command.environment[name] = value }
        definition.warmStartParents += warmStart
        if let seed { definition.seed = seed }
        if let workingDirectory, config != nil { definition.command.workingDirectory = absolute(workingDirectory) }
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/")
            ? path : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path).standardizedFileURL.path
    }

    static func pairs(_ items: [String], flag: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for item in items {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw InputError(message: "\(flag) takes NAME=VALUE (got '\(item)').")
            }
            result[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        return result
    }

    static func duration(_ text: String, flag: String) throws -> Double {
        guard let seconds = TimeSpan.seconds(text) else {
            throw InputError(message: "\(flag) takes \(TimeSpan.accepted) (got '\(text)').")
        }
        return seconds
    }

    static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date())
    }
}
