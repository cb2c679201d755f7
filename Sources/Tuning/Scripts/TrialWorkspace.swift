import Foundation

/// One trial's directory and the ways its hyperparameters reach the script, in the SageMaker
/// training toolkit's conventions: `--name value` arguments, `SM_*` environment variables and
/// `input/config/hyperparameters.json` (string values).
///
/// Layout under `trials/trial-N/`: `input/config/hyperparameters.json`, `model/` (`SM_MODEL_DIR`),
/// `output/data/` (`SM_OUTPUT_DATA_DIR`), `stdout.log`, `stderr.log` and, when the trial ends,
/// `metrics.json` (the last value of every metric).
public struct TrialWorkspace: Sendable {
    public let directory: String
    public let command: TrainingCommand
    /// Every hyperparameter as the script sees it (static ones and this trial's), in name order.
    public let hyperparameters: [(name: String, value: String, typed: ParameterValue)]
    public let trialNumber: Int
    /// The job (study) the trial belongs to.
    public let study: String
    public let seed: UInt64

    public init(command: TrainingCommand, request: TrialRequest) {
        self.command = command
        self.directory = Self.directory(for: request.number, in: command.outputDirectory)
        var all: [String: (String, ParameterValue)] = [:]
        for (name, value) in command.staticHyperparameters { all[name] = (value, Self.typed(value)) }
        for (name, value) in request.assignment.values { all[name] = (value.description, value) }
        self.hyperparameters = all.keys.sorted().map { name in
            let entry = all[name] ?? ("", .label(""))
            return (name, entry.0, entry.1)
        }
        self.trialNumber = request.number
        self.study = request.study
        self.seed = request.seed
    }

    /// Where trial `number` of a job writing to `outputDirectory` works.
    public static func directory(for number: Int, in outputDirectory: String) -> String {
        URL(fileURLWithPath: outputDirectory).appendingPathComponent(relativeDirectory(for: number)).path
    }

    /// A trial's directory relative to the job's output directory, the same on every machine.
    public static func relativeDirectory(for number: Int) -> String { "trials/trial-\(number)" }

    public var standardOutputLog: String { path("stdout.log") }
    public var standardErrorLog: String { path("stderr.log") }
    public var metricsFile: String { path("metrics.json") }
    var modelDirectory: String { path("model") }
    var outputDataDirectory: String { path("output/data") }
    var configDirectory: String { path("input/config") }

    func path(_ relative: String) -> String { URL(fileURLWithPath: directory).appendingPathComponent(relative).path }

    /// Empties the directory (a re-run starts clean) and writes the input files.
    /// - Throws: a file system error.
    public func prepare() throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: directory) { try fileManager.removeItem(atPath: directory) }
        for folder in [modelDirectory, outputDataDirectory, configDirectory] {
            try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var strings: [String: String] = [:]
        for entry in hyperparameters { strings[entry.name] = entry.value }
        let json = try Self.sortedJSON(strings)
        try json.write(to: URL(fileURLWithPath: path("input/config/hyperparameters.json")))
    }

    /// The command line: the command, then `--name value` for every hyperparameter.
    public var arguments: [String] {
        Array(command.arguments.dropFirst()) + userArguments
    }

    var userArguments: [String] { hyperparameters.flatMap { ["--\($0.name)", $0.value] } }

    /// The variables a SageMaker script-mode script reads, plus the job's own.
    public var environment: [String: String] {
        var variables = command.environment
        var typed: [String: Any] = [:]
        for entry in hyperparameters {
            variables["SM_HP_\(entry.name.uppercased())"] = entry.value
            switch entry.typed {
            case .real(let value): typed[entry.name] = value
            case .integer(let value): typed[entry.name] = value
            case .label(let value): typed[entry.name] = value
            }
        }
        variables["SM_HPS"] = Self.jsonText(typed)
        variables["SM_USER_ARGS"] = Self.jsonText(userArguments)
        variables["SM_MODEL_DIR"] = modelDirectory
        variables["SM_OUTPUT_DIR"] = path("output")
        variables["SM_OUTPUT_DATA_DIR"] = outputDataDirectory
        variables["SM_INPUT_DIR"] = path("input")
        variables["SM_INPUT_CONFIG_DIR"] = configDirectory
        let channelNames = command.channels.keys.sorted()
        for name in channelNames {
            variables["SM_CHANNEL_\(name.uppercased())"] = command.absolute(command.channels[name] ?? "")
        }
        variables["SM_CHANNELS"] = Self.jsonText(channelNames)
        variables["SM_NUM_CPUS"] = "\(command.cpusPerTrial)"
        variables["SM_NUM_GPUS"] = "0"
        variables["SM_HOSTS"] = #"["algo-1"]"#
        variables["SM_CURRENT_HOST"] = "algo-1"
        variables["AUTOML_TRIAL_NUMBER"] = "\(trialNumber)"
        variables[TrialProcess.jobVariable] = study
        variables["AUTOML_TRIAL_SEED"] = "\(seed % (1 << 31))"
        return variables
    }

    /// A static value as the toolkit would type it: a number when it reads as one, else text.
    static func typed(_ text: String) -> ParameterValue {
        if let whole = Int(text) { return .integer(whole) }
        if let real = Double(text), real.isFinite { return .real(real) }
        return .label(text)
    }

    static func sortedJSON(_ object: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    static func jsonText(_ object: Any) -> String {
        (try? sortedJSON(object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
