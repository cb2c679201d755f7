import Foundation
import Tuning

/// The hyperparameters random forests and extra trees share, under scikit-learn's names and with
/// its defaults: `n_estimators` 100, `max_features` √p for classification and all features for
/// regression, `min_samples_leaf` 1, `min_samples_split` 2, no depth limit.
public struct ForestSettings: Sendable, Equatable {
    /// How many features each split looks at.
    public enum MaxFeatures: Sendable, Equatable {
        case sqrt
        case log2
        /// A fraction of the features, in (0, 1].
        case fraction(Double)

        /// The count for `p` features (at least 1).
        func count(of p: Int) -> Int {
            switch self {
            case .sqrt: max(1, Int(Double(p).squareRoot()))
            case .log2: max(1, Int(Foundation.log2(Double(p))))
            case .fraction(let f): max(1, min(p, Int(f * Double(p) + 1e-9)))
            }
        }

        var parameterValue: ParameterValue {
            switch self {
            case .sqrt: .label("sqrt")
            case .log2: .label("log2")
            case .fraction(let f): .real(f)
            }
        }
    }

    public var trees = 100
    /// nil: scikit-learn's default for the task (√p for classification, all for regression).
    public var maxFeatures: MaxFeatures?
    public var minSamplesLeaf = 1
    public var minSamplesSplit = 2
    /// 0: grow until leaves are pure or too small to split.
    public var maxDepth = 0
    /// Each tree learns from a bootstrap sample (and out-of-bag rows give a score); otherwise from every row.
    public var bootstrap: Bool
    /// Random forests: bins per feature for split search (255 value bins at most).
    public var maxBin = 256
    /// `balanced`: class weights n / (classes · count), as scikit-learn's `class_weight`.
    public var balanceClasses = false
    /// `constant` or `linear` (regression only: the trees average the residuals of a
    /// ``LinearBase``, which carries a trend past the training range).
    public var baseModel = "constant"

    /// Trees × depth (an unlimited tree counted as 16 levels): what one fit's time grows with.
    var relativeWork: Double { Double(trees) * Double(maxDepth > 0 ? min(maxDepth, 16) : 16) }

    init(bootstrap: Bool) {
        self.bootstrap = bootstrap
    }

    /// Reads the settings from `assignment` for the learner `name`, starting from `defaults`.
    init(assignment: Assignment, learner name: String, defaults: ForestSettings, usesBins: Bool) throws(LearnersError) {
        self = defaults
        var reader = HyperparameterReader(learner: name, assignment)
        trees = try reader.integer("n_estimators", trees, in: 1...100_000)
        maxFeatures = try Self.readMaxFeatures(&reader, learner: name)
        minSamplesLeaf = try reader.integer("min_samples_leaf", minSamplesLeaf, in: 1...1_000_000)
        minSamplesSplit = try reader.integer("min_samples_split", minSamplesSplit, in: 2...1_000_000)
        maxDepth = try reader.integer("max_depth", maxDepth, in: 0...200)
        bootstrap = try reader.label("bootstrap", bootstrap ? "true" : "false", in: ["true", "false"]) == "true"
        if usesBins { maxBin = try reader.integer("max_bin", maxBin, in: 2...256) }
        balanceClasses = try reader.label("class_weight", balanceClasses ? "balanced" : "none", in: ["none", "balanced"]) == "balanced"
        baseModel = try reader.label(LinearBase.parameterName, baseModel, in: LinearBase.choices)
        try reader.finish()
    }

    private static func readMaxFeatures(_ reader: inout HyperparameterReader, learner: String) throws(LearnersError) -> MaxFeatures? {
        switch reader.value("max_features") {
        case nil, .label("auto"): return nil
        case .label("sqrt"): return .sqrt
        case .label("log2"): return .log2
        case .label("all"): return .fraction(1)
        case .label(let other):
            throw .invalidHyperparameter(
                learner: learner, message: "'max_features' = '\(other)' must be sqrt, log2, all, auto or a fraction in (0, 1].")
        default:
            return .fraction(try reader.real("max_features", 1, in: 1e-9...1))
        }
    }

    func assignment(usesBins: Bool) -> Assignment {
        var values: [String: ParameterValue] = [
            "n_estimators": .integer(trees), "min_samples_leaf": .integer(minSamplesLeaf),
            "min_samples_split": .integer(minSamplesSplit), "max_depth": .integer(maxDepth),
            "bootstrap": .label(bootstrap ? "true" : "false"), "class_weight": .label(balanceClasses ? "balanced" : "none"),
            "max_features": maxFeatures?.parameterValue ?? .label("auto"), LinearBase.parameterName: .label(baseModel),
        ]
        if usesBins { values["max_bin"] = .integer(maxBin) }
        return Assignment(values)
    }

    /// The features per split for `p` features and `task`.
    func featuresPerSplit(_ p: Int, task: Task) -> Int {
        (maxFeatures ?? (task.isClassification ? .sqrt : .fraction(1))).count(of: p)
    }

    /// Tree count, features per split and leaf size: where forests differ most. The first
    /// configuration is scikit-learn's default.
    static func searchSpace(columns: Int, task: Task) -> SearchSpace {
        let p = max(1, columns)
        let standard = task.isClassification ? Double(MaxFeatures.sqrt.count(of: p)) / Double(p) : 1
        var parameters = [
            Parameter("n_estimators", .integer(lower: 50, upper: 500, scaling: .logarithmic), initial: .integer(100)),
            Parameter("max_features", .continuous(lower: min(standard, 0.05), upper: 1, scaling: .logarithmic), initial: .real(standard)),
            Parameter("min_samples_leaf", .integer(lower: 1, upper: 30, scaling: .logarithmic), initial: .integer(1)),
        ]
        if task == .regression { parameters.append(LinearBase.searchParameter) }
        return SearchSpace(parameters)
    }
}
