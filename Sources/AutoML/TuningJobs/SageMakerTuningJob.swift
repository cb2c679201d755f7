import Foundation
import Tuning

/// Reads the JSON of SageMaker's `CreateHyperParameterTuningJob` request (as the AWS CLI's
/// `--cli-input-json` or the SDK writes it) into a local tuning job: strategy, objective, resource
/// limits, parameter ranges, early stopping, completion criteria, random seed, Hyperband settings,
/// static hyperparameters, metric definitions, input channels, the training stopping condition and
/// warm-start parents. What has no local meaning (roles, images, instance types, VPCs, tags...) is
/// listed in ``Reading/warnings``, never silently dropped.
public enum SageMakerTuningJob {
    /// A job read from SageMaker JSON, and what was ignored.
    public struct Reading: Sendable {
        public var definition: TuningJobDefinition
        public var warnings: [String]
    }

    /// Key paths understood (list items as `[]`); a path's whole subtree is understood.
    static let supported: Set<String> = [
        "HyperParameterTuningJobName",
        "HyperParameterTuningJobConfig.Strategy",
        "HyperParameterTuningJobConfig.HyperParameterTuningJobObjective.Type",
        "HyperParameterTuningJobConfig.HyperParameterTuningJobObjective.MetricName",
        "HyperParameterTuningJobConfig.ResourceLimits.MaxNumberOfTrainingJobs",
        "HyperParameterTuningJobConfig.ResourceLimits.MaxParallelTrainingJobs",
        "HyperParameterTuningJobConfig.ResourceLimits.MaxRuntimeInSeconds",
        "HyperParameterTuningJobConfig.ParameterRanges.IntegerParameterRanges[].Name",
        "HyperParameterTuningJobConfig.ParameterRanges.IntegerParameterRanges[].MinValue",
        "HyperParameterTuningJobConfig.ParameterRanges.IntegerParameterRanges[].MaxValue",
        "HyperParameterTuningJobConfig.ParameterRanges.IntegerParameterRanges[].ScalingType",
        "HyperParameterTuningJobConfig.ParameterRanges.ContinuousParameterRanges[].Name",
        "HyperParameterTuningJobConfig.ParameterRanges.ContinuousParameterRanges[].MinValue",
        "HyperParameterTuningJobConfig.ParameterRanges.ContinuousParameterRanges[].MaxValue",
        "HyperParameterTuningJobConfig.ParameterRanges.ContinuousParameterRanges[].ScalingType",
        "HyperParameterTuningJobConfig.ParameterRanges.CategoricalParameterRanges[].Name",
        "HyperParameterTuningJobConfig.ParameterRanges.CategoricalParameterRanges[].Values",
        "HyperParameterTuningJobConfig.TrainingJobEarlyStoppingType",
        "HyperParameterTuningJobConfig.TuningJobCompletionCriteria.TargetObjectiveMetricValue",
        "HyperParameterTuningJobConfig.TuningJobCompletionCriteria.BestObjectiveNotImproving.MaxNumberOfTrainingJobsNotImproving",
        "HyperParameterTuningJobConfig.RandomSeed",
        "HyperParameterTuningJobConfig.StrategyConfig.HyperbandStrategyConfig.MinResource",
        "HyperParameterTuningJobConfig.StrategyConfig.HyperbandStrategyConfig.MaxResource",
        "TrainingJobDefinition.StaticHyperParameters",
        "TrainingJobDefinition.AlgorithmSpecification.MetricDefinitions[].Name",
        "TrainingJobDefinition.AlgorithmSpecification.MetricDefinitions[].Regex",
        "TrainingJobDefinition.InputDataConfig[].ChannelName",
        "TrainingJobDefinition.InputDataConfig[].DataSource.S3DataSource.S3Uri",
        "TrainingJobDefinition.InputDataConfig[].DataSource.FileSystemDataSource.DirectoryPath",
        "TrainingJobDefinition.StoppingCondition.MaxRuntimeInSeconds",
        "WarmStartConfig.ParentHyperParameterTuningJobs[].HyperParameterTuningJobName",
        "WarmStartConfig.WarmStartType",
    ]

    /// Reads `path`; the trials run `command` in `workingDirectory`; `channels` maps channel names
    /// to local paths (S3 channels need one); outputs go under `outputRoot/<name>`.
    /// - Throws: ``AutoMLError`` naming the file, line, column and key of the first problem.
    public static func read(
        path: String, command: [String], workingDirectory: String, channels: [String: String], outputRoot: String,
        defaultName: String
    ) throws(AutoMLError) -> Reading {
        let root = try ConfigNode.parse(try TuningJobFile.readText(path), file: path)
        var warnings: [String] = []
        let ignored = unsupportedKeys(root)
        if !ignored.isEmpty {
            warnings.append("ignored (no local meaning or not supported): " + ignored.joined(separator: ", "))
        }
        let name = try root.child("HyperParameterTuningJobName")?.string() ?? defaultName
        let config = try root.require("HyperParameterTuningJobConfig", hint: "the request must have a HyperParameterTuningJobConfig")
        let objectiveNode = try config.require("HyperParameterTuningJobObjective", hint: "give {Type, MetricName}")
        let direction = try objectiveNode.require("Type", hint: "Maximize or Minimize").choice([
            ("Maximize", Direction.maximize), ("Minimize", .minimize),
        ])
        let objectiveMetric = try objectiveNode.require("MetricName", hint: "name the objective metric").string()
        let limits = try config.require("ResourceLimits", hint: "give MaxNumberOfTrainingJobs and MaxParallelTrainingJobs")

        let definitionNode = try root.require(
            "TrainingJobDefinition", hint: "the request must have a TrainingJobDefinition with the metric definitions")
        var metrics: [MetricDefinition] = []
        if let list = definitionNode.child("AlgorithmSpecification")?.child("MetricDefinitions") {
            for item in try list.list() {
                metrics.append(
                    MetricDefinition(
                        name: try item.require("Name", hint: "name the metric").string(),
                        regex: try item.require("Regex", hint: "give the regex").string()))
            }
        }
        var statics = try definitionNode.child("StaticHyperParameters")?.stringMap() ?? [:]
        let sdkKeys = statics.keys.filter { $0.hasPrefix("sagemaker_") || $0 == "_tuning_objective_metric" }.sorted()
        if !sdkKeys.isEmpty {
            warnings.append(
                "static hyperparameters the SageMaker SDK adds for its containers were not passed to the script: " + sdkKeys.joined(separator: ", "))
            for key in sdkKeys { statics[key] = nil }
        }
        var resolvedChannels = channels
        if let inputs = definitionNode.child("InputDataConfig") {
            for item in try inputs.list() {
                let channel = try item.require("ChannelName", hint: "name the channel").string()
                if resolvedChannels[channel] != nil { continue }
                let source = item.child("DataSource")
                if let directory = try source?.child("FileSystemDataSource")?.child("DirectoryPath")?.string() {
                    resolvedChannels[channel] = directory
                } else if let uri = try source?.child("S3DataSource")?.child("S3Uri")?.string() {
                    if uri.hasPrefix("file://") {
                        resolvedChannels[channel] = String(uri.dropFirst("file://".count))
                    } else {
                        throw item.error(
                            "channel '\(channel)' reads \(uri), which is not on this machine; map it to a local path with --channel \(channel)=PATH")
                    }
                }
            }
        }
        var command = TrainingCommand(
            arguments: command, workingDirectory: workingDirectory, staticHyperparameters: statics, channels: resolvedChannels,
            metricDefinitions: metrics, objectiveMetric: objectiveMetric,
            trialTimeout: try definitionNode.child("StoppingCondition")?.child("MaxRuntimeInSeconds")?.double(),
            outputDirectory: URL(fileURLWithPath: outputRoot).appendingPathComponent(name).path)
        command.terminationGracePeriod = 10

        var parameters: [Parameter] = []
        if let ranges = config.child("ParameterRanges") {
            for item in try ranges.child("IntegerParameterRanges")?.list() ?? [] { parameters.append(try numeric(item, integer: true)) }
            for item in try ranges.child("ContinuousParameterRanges")?.list() ?? [] { parameters.append(try numeric(item, integer: false)) }
            for item in try ranges.child("CategoricalParameterRanges")?.list() ?? [] {
                let name = try item.require("Name", hint: "name the hyperparameter").string()
                let valuesNode = try item.require("Values", hint: "list the values")
                let values = try valuesNode.stringList()
                guard let first = values.first else { throw valuesNode.error("list at least one value") }
                parameters.append(Parameter(name, .categorical(values), initial: .label(first)))
            }
        }
        var definition = TuningJobDefinition(name: name, command: command, space: SearchSpace(parameters), direction: direction)
        if let node = config.child("Strategy") {
            definition.strategy = try node.choice(TuningJobDefinition.Strategy.allCases.map { ($0.rawValue, $0) })
        }
        definition.maxTrials = try limits.require("MaxNumberOfTrainingJobs", hint: "give the number of trials").positiveInteger()
        definition.maxParallel = try limits.require("MaxParallelTrainingJobs", hint: "give the trials run at once").positiveInteger()
        definition.maxRuntime = try limits.child("MaxRuntimeInSeconds")?.double()
        if let node = config.child("TrainingJobEarlyStoppingType") {
            definition.earlyStopping = try node.choice([("Off", .off), ("Auto", .auto)])
        }
        if let criteria = config.child("TuningJobCompletionCriteria") {
            definition.targetValue = try criteria.child("TargetObjectiveMetricValue")?.double()
            definition.noImprovementTrials = try criteria.child("BestObjectiveNotImproving")?.child("MaxNumberOfTrainingJobsNotImproving")?
                .positiveInteger()
        }
        if let node = config.child("RandomSeed") {
            let seed = try node.integer()
            guard seed >= 0 else { throw node.error("must not be negative") }
            definition.seed = UInt64(seed)
        }
        if let hyperband = config.child("StrategyConfig")?.child("HyperbandStrategyConfig") {
            if let value = hyperband.child("MinResource") { definition.hyperbandMinResource = try value.positiveInteger() }
            if let value = hyperband.child("MaxResource") { definition.hyperbandMaxResource = try value.positiveInteger() }
        }
        if let parents = root.child("WarmStartConfig")?.child("ParentHyperParameterTuningJobs") {
            for item in try parents.list() {
                definition.warmStartParents.append(try item.require("HyperParameterTuningJobName", hint: "name the parent job").string())
            }
        }
        return Reading(definition: definition, warnings: warnings)
    }

    /// An `IntegerParameterRanges` or `ContinuousParameterRanges` item.
    static func numeric(_ item: ConfigNode, integer: Bool) throws(AutoMLError) -> Parameter {
        let name = try item.require("Name", hint: "name the hyperparameter").string()
        let minNode = try item.require("MinValue", hint: "give the smallest value")
        let maxNode = try item.require("MaxValue", hint: "give the largest value")
        let scaling = try item.child("ScalingType")?.choice(TuningJobFile.scalings) ?? .auto
        let (lower, upper) = integer ? (Double(try minNode.integer()), Double(try maxNode.integer())) : (try minNode.double(), try maxNode.double())
        do {
            return try NumericRange.parameter(name, lower: lower, upper: upper, integer: integer, scaling: scaling)
        } catch .notIncreasing {
            throw maxNode.error("MaxValue (\(try maxNode.string())) must be greater than MinValue (\(try minNode.string()))")
        } catch {
            throw minNode.error("Logarithmic scaling needs a positive MinValue, found \(try minNode.string())")
        }
    }

    /// Key paths present in `node` but not understood, in file order (list items as `[]`).
    static func unsupportedKeys(_ node: ConfigNode) -> [String] {
        var found: [String] = []
        func visit(_ node: ConfigNode) {
            if let items = try? node.list() {
                items.forEach(visit)
                return
            }
            for key in node.keys {
                guard let child = node.child(key) else { continue }
                let path = child.path.replacingOccurrences(of: #"\[\d+\]"#, with: "[]", options: .regularExpression)
                if supported.contains(path) { continue }
                if supported.contains(where: { $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[]") }) {
                    visit(child)
                } else if !found.contains(path) {
                    found.append(path)
                }
            }
        }
        visit(node)
        return found
    }
}
