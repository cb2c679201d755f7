import AutoML
import Foundation
import TestSupport
import Testing
import Tuning

/// Job files (YAML/JSON) and SageMaker tuning JSON, read into job definitions; every error names
/// the file, line, column and key.
@Suite struct TuningJobFileTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("job-files") }

    func error(_ yaml: String) throws -> String {
        let path = try directory.write("job.yaml", yaml)
        do {
            _ = try TuningJobFile.read(path: path, outputRoot: directory.path("runs"))
            return ""
        } catch {
            return error.errorDescription ?? ""
        }
    }

    static let valid = """
        command: [./train.sh]
        parameters:
          - {name: x, type: continuous, min: 0, max: 1}
        objective: {metric: loss, goal: minimize}
        metrics: [{name: loss, regex: "loss=([0-9.]+)"}]
        """

    @Test func theShellExampleReadsInFull() throws {
        let path = Fixtures.packageRoot.appendingPathComponent("examples/shell/job.yaml").path
        let definition = try TuningJobFile.read(path: path, outputRoot: "/tmp/runs")
        #expect(definition.name == "shell-bowl")
        #expect(definition.command.arguments == ["./train.sh"])
        #expect(definition.command.workingDirectory == Fixtures.packageRoot.appendingPathComponent("examples/shell").path)
        #expect(definition.command.outputDirectory == "/tmp/runs/shell-bowl")
        #expect(definition.space.parameters.map(\.name) == ["rate", "width", "optimizer"])
        #expect(definition.space.parameters[0].domain == .continuous(lower: 0.001, upper: 1, scaling: .logarithmic))
        #expect(definition.space.parameters[2].domain == .categorical(["sgd", "adam", "rmsprop"]))
        #expect(definition.command.staticHyperparameters == ["epochs": "5"])
        #expect(definition.direction == .minimize && definition.command.objectiveMetric == "loss")
        #expect(definition.strategy == .bayesian && definition.maxTrials == 12 && definition.maxParallel == 2)
        #expect(definition.command.trialTimeout == 60 && definition.earlyStopping == .auto && definition.seed == 3)
        try definition.validate()
        #expect(try TuningJobDefinition.fromJSON(try definition.json()) == definition, "the store's copy reads back the same")
    }

    @Test func mistakesAreReportedWithFileLineColumnAndKey() throws {
        #expect(try error(Self.valid).isEmpty)
        #expect(
            try error(Self.valid.replacingOccurrences(of: "type: continuous", with: "type: decimal"))
                .hasSuffix("job.yaml:3:21: 'parameters[0].type': 'decimal' is not one of continuous, integer, categorical."))
        #expect(
            try error(Self.valid.replacingOccurrences(of: "max: 1}", with: "max: 1, scaling: cubic}"))
                .contains("job.yaml:3:58: 'parameters[0].scaling': 'cubic' is not one of Auto, Linear, Logarithmic, ReverseLogarithmic"))
        #expect(
            try error(Self.valid.replacingOccurrences(of: "min: 0, max: 1", with: "min: 2, max: 1"))
                .contains("job.yaml:3:46: 'parameters[0].max': max (1) must be greater than min (2)"))
        #expect(try error(Self.valid + "\nmax_trails: 10").contains("job.yaml:6:1: 'max_trails': unknown key; did you mean"))
        #expect(try error(Self.valid + "\nmax_trials: many").contains("'max_trials': expected a whole number, found 'many'"))
        #expect(
            try error(Self.valid.replacingOccurrences(of: "[./train.sh]", with: "./train.sh --fast"))
                .contains("'command': give the command as a list of arguments"))
        #expect(
            try error(Self.valid.replacingOccurrences(of: "objective: {metric: loss, goal: minimize}\n", with: ""))
                .contains("'(top level)': 'objective' is missing"))
        #expect(try error("command: [a\nparameters: {").contains("job.yaml is not valid YAML or JSON"))
        #expect(try error("- just\n- a list").contains("the file must be a mapping"))
        let missing = directory.path("nope.yaml")
        #expect(throws: AutoMLError.unreadableFile(path: missing, reason: "no such file")) {
            try TuningJobFile.read(path: missing, outputRoot: "runs")
        }
    }

    @Test func theSageMakerExampleReadsWithItsIgnoredKeysListed() throws {
        let path = Fixtures.packageRoot.appendingPathComponent("examples/sklearn-script-mode/sagemaker-tuning.json").path
        let reading = try SageMakerTuningJob.read(
            path: path, command: ["python3", "train.py"], workingDirectory: "/work", channels: ["train": "/data/train.csv"],
            outputRoot: "/tmp/runs", defaultName: "unused")
        let definition = reading.definition
        #expect(definition.name == "sklearn-churn-sagemaker")
        #expect(definition.direction == .maximize && definition.command.objectiveMetric == "validation:auc")
        #expect(definition.maxTrials == 30 && definition.maxParallel == 2 && definition.seed == 1)
        #expect(
            definition.space.parameters.map(\.name) == [
                "max_iter", "max_leaf_nodes", "min_samples_leaf", "learning_rate", "l2_regularization", "max_features",
            ])
        #expect(definition.space.parameter(named: "learning_rate")?.domain == .continuous(lower: 0.01, upper: 0.5, scaling: .logarithmic))
        #expect(definition.command.staticHyperparameters == ["target": "Exited"])
        #expect(definition.command.channels == ["train": "/data/train.csv"])
        #expect(definition.command.trialTimeout == 300)
        #expect(definition.command.metricDefinitions == [MetricDefinition(name: "validation:auc", regex: "validation:auc=([0-9.]+)")])
        #expect(reading.warnings.count == 2)
        #expect(reading.warnings[0].contains("TrainingJobDefinition.RoleArn") && reading.warnings[0].contains("TrainingJobDefinition.ResourceConfig"))
        #expect(reading.warnings[1].contains("sagemaker_program"))
        do {
            _ = try SageMakerTuningJob.read(
                path: path, command: ["python3"], workingDirectory: "/", channels: [:], outputRoot: "/tmp", defaultName: "x")
            Issue.record("an S3 channel without a local path was accepted")
        } catch {
            #expect(
                error.errorDescription?.contains(
                    "sagemaker-tuning.json:34:7: 'TrainingJobDefinition.InputDataConfig[0]': channel 'train' reads s3://") == true)
        }
    }

    @Test func durationsReadAsPeopleWriteThem() {
        #expect(TimeSpan.seconds("90s") == 90 && TimeSpan.seconds("10m") == 600 && TimeSpan.seconds("1.5h") == 5400)
        #expect(TimeSpan.seconds("45") == 45 && TimeSpan.seconds("250ms") == 0.25)
        #expect(TimeSpan.seconds("-5s") == nil && TimeSpan.seconds("soon") == nil && TimeSpan.seconds("0") == nil)
        // Past 100 years, or not finite: refused, never trapped on.
        for text in ["1e20s", "9999999999999999h", "5000000000000000000s", "101y", "36501d", "infs", "nan", "inf"] {
            #expect(TimeSpan.seconds(text) == nil, "\(text)")
        }
        #expect(TimeSpan.seconds("36500d") == Duration.longestSeconds)
    }

    @Test func anyNumberOfSecondsDescribesAndConvertsWithoutTrapping() {
        #expect(TimeSpan.describe(4.56) == "4.5 s" && TimeSpan.describe(65) == "1 min 5 s" && TimeSpan.describe(7_380) == "2 h 3 min")
        #expect(TimeSpan.describe(90_000) == "1 d 1 h" && TimeSpan.describe(86_400 * 3) == "3 d")
        #expect(TimeSpan.describe(1e20) == "1e+20 s" && TimeSpan.describe(.infinity) == "inf")
        #expect(Duration.saturating(seconds: 1e20) == .seconds(Int64(Duration.longestSeconds)))
        #expect(Duration.saturating(seconds: -3) == .zero && Duration.saturating(seconds: .nan) == .zero)
        #expect(Duration.saturating(seconds: 1.5) == .milliseconds(1500))
    }

    @Test func jobNamesAreOneSafeFolderAndFileNamesBecomeThem() {
        for bad in ["", ".", "..", "../x", "a/b", "a b", "a\nb", ".hidden", "-opt", "é", String(repeating: "x", count: 101)] {
            #expect(JobName.problem(bad) != nil, "\(bad.debugDescription)")
        }
        for good in ["titanic-20261207-040000", "a.b_c-1", "X", String(repeating: "x", count: 100)] {
            #expect(JobName.problem(good) == nil, "\(good)")
        }
        #expect(JobName.sanitized("my data (v2)-1") == "my-data--v2--1")
        #expect(JobName.sanitized(".secret") == "job-.secret" && JobName.sanitized("") == "job-")
        #expect(JobName.problem(JobName.sanitized("../ünïcode data")) == nil)
    }
}
