import Foundation
import Tuning

/// Everything a tuning job for a custom script is: the training command, the search space, the
/// objective, the strategy and the limits. Job files (YAML/JSON), SageMaker's
/// `CreateHyperParameterTuningJob` JSON and command-line flags all come down to this; the store
/// keeps it (as JSON) so `automl tune --resume` runs the same job.
public struct TuningJobDefinition: Codable, Sendable, Equatable {
    /// How trials' hyperparameters are chosen (SageMaker's `Strategy`).
    public enum Strategy: String, Codable, Sendable, CaseIterable {
        case bayesian = "Bayesian"
        case random = "Random"
        case grid = "Grid"
        case hyperband = "Hyperband"
    }

    /// Whether hopeless trials are stopped early (SageMaker's `TrainingJobEarlyStoppingType`).
    public enum EarlyStopping: String, Codable, Sendable, CaseIterable {
        case off = "Off"
        /// The median rule: stop a trial worse than the median of earlier trials at the same step.
        case auto = "Auto"
    }

    public var name: String
    public var command: TrainingCommand
    public var space: SearchSpace
    public var direction: Direction
    public var strategy: Strategy
    public var maxTrials: Int
    public var maxParallel: Int
    /// Seconds the whole job may run (summed over resumptions); nil for no limit.
    public var maxRuntime: Double?
    public var earlyStopping: EarlyStopping
    /// Jobs whose completed trials warm-start this one.
    public var warmStartParents: [String]
    public var seed: UInt64
    /// End when a trial reaches this objective value.
    public var targetValue: Double?
    /// End after this many completed trials in a row do not improve on the best.
    public var noImprovementTrials: Int?
    /// End after this many trials in a row fail.
    public var maxConsecutiveFailures: Int
    /// Hyperband's smallest and largest resource (the steps a trial reports, e.g. epochs).
    public var hyperbandMinResource: Int
    public var hyperbandMaxResource: Int
    /// Values per numeric parameter in a grid.
    public var gridResolution: Int
    /// The command line that started the job, as typed (nil in jobs stored before it was kept).
    public var commandLine: [String]?

    public init(
        name: String, command: TrainingCommand, space: SearchSpace, direction: Direction, strategy: Strategy = .bayesian,
        maxTrials: Int = 20, maxParallel: Int = 1, maxRuntime: Double? = nil, earlyStopping: EarlyStopping = .off,
        warmStartParents: [String] = [], seed: UInt64 = 0, targetValue: Double? = nil, noImprovementTrials: Int? = nil,
        maxConsecutiveFailures: Int = 5, hyperbandMinResource: Int = 1, hyperbandMaxResource: Int = 27, gridResolution: Int = 5
    ) {
        self.name = name
        self.command = command
        self.space = space
        self.direction = direction
        self.strategy = strategy
        self.maxTrials = maxTrials
        self.maxParallel = maxParallel
        self.maxRuntime = maxRuntime
        self.earlyStopping = earlyStopping
        self.warmStartParents = warmStartParents
        self.seed = seed
        self.targetValue = targetValue
        self.noImprovementTrials = noImprovementTrials
        self.maxConsecutiveFailures = maxConsecutiveFailures
        self.hyperbandMinResource = hyperbandMinResource
        self.hyperbandMaxResource = hyperbandMaxResource
        self.gridResolution = gridResolution
    }

    /// Checks the whole definition before anything runs.
    /// - Throws: a ``TuningError`` naming the setting and the fix.
    public func validate() throws(TuningError) {
        if let problem = JobName.problem(name) {
            throw .invalidSetting(name: "job name '\(name.debugDescription.dropFirst().dropLast())'", reason: problem)
        }
        try space.validateDefinition()
        for (kind, names) in [
            ("hyperparameter", space.parameters.map(\.name) + command.staticHyperparameters.keys.sorted()),
            ("channel", command.channels.keys.sorted()), ("environment variable", command.environment.keys.sorted()),
        ] {
            for name in names { if let problem = EnvironmentName.problem(name) { throw .invalidSetting(name: "\(kind) name", reason: problem) } }
        }
        guard !space.parameters.isEmpty else {
            throw .invalidSetting(name: "parameter ranges", reason: "there are none; give at least one hyperparameter to tune")
        }
        for parameter in space.parameters where command.staticHyperparameters[parameter.name] != nil {
            throw .invalidSetting(name: "static hyperparameters", reason: "'\(parameter.name)' is both tuned and static; remove one")
        }
        guard maxParallel >= 1 else { throw .invalidSetting(name: "max parallel trials", reason: "must be at least 1, got \(maxParallel)") }
        if strategy == .hyperband, earlyStopping == .auto {
            throw .invalidSetting(
                name: "early stopping", reason: "Hyperband stops trials itself; set early stopping to Off with the Hyperband strategy")
        }
        _ = try budget(elapsed: 0)
        _ = try sampler()
        try command.validate()
    }

    /// The sampler of the strategy.
    public func sampler() throws(TuningError) -> any Sampler {
        switch strategy {
        case .bayesian: BayesianSampler()
        case .random: RandomSampler()
        case .grid: GridSampler(resolution: gridResolution)
        case .hyperband:
            HyperbandSampler(brackets: try HyperbandStoppingRule(minResource: hyperbandMinResource, maxResource: hyperbandMaxResource))
        }
    }

    /// The early-stopping rule, nil when off (Hyperband brings its own).
    public var stoppingRule: (any StoppingRule)? {
        earlyStopping == .auto ? MedianStoppingRule() : nil
    }

    /// The budget left after `elapsed` seconds of earlier runs.
    public func budget(elapsed: Double) throws(TuningError) -> Budget {
        let remaining = maxRuntime.map { max($0 - elapsed, 0.001) }
        return try Budget(
            maxTrials: maxTrials, maxRuntime: remaining, targetValue: targetValue, noImprovementTrials: noImprovementTrials,
            maxConsecutiveFailures: maxConsecutiveFailures)
    }

    /// The definition as the store keeps it.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A definition the store kept.
    public static func fromJSON(_ text: String) throws -> TuningJobDefinition {
        try JSONDecoder().decode(TuningJobDefinition.self, from: Data(text.utf8))
    }
}
