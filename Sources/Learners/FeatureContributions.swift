/// How much each feature moved a model's output for each row away from the model's expected
/// output: SHAP values. For every row and output, the expected value plus the row's contributions
/// is the model's output for that row (its raw score: log-odds for boosted-tree classifiers,
/// class probabilities for forests, values for regression).
public struct FeatureContributions: Sendable, Equatable {
    public var featureNames: [String]
    /// What each output is ("log-odds of yes", "probability of no", "value").
    public var outputNames: [String]
    /// The expected output over the training cover, per output.
    public var expected: [Double]
    public var rowCount: Int
    /// Row-major, then output, then feature: `values[(row * outputs + output) * features + feature]`.
    public var values: [Double]

    public init(featureNames: [String], outputNames: [String], expected: [Double], rowCount: Int, values: [Double]) {
        self.featureNames = featureNames
        self.outputNames = outputNames
        self.expected = expected
        self.rowCount = rowCount
        self.values = values
    }

    /// The contribution of `feature` to `output` for `row`.
    public func value(row: Int, output: Int, feature: Int) -> Double {
        values[(row * outputNames.count + output) * featureNames.count + feature]
    }

    /// The output `output` this explains for `row`: the expected value plus the contributions.
    public func explainedOutput(row: Int, output: Int) -> Double {
        let start = (row * outputNames.count + output) * featureNames.count
        return expected[output] + values[start..<(start + featureNames.count)].reduce(0, +)
    }
}

extension Tree {
    /// TreeSHAP's path steps for one row of this tree: leaves × (depth + 2)².
    var shapSteps: Double {
        let depth = Double(TreeSHAP.depth(self) + 2)
        return Double(leafCount) * depth * depth
    }
}
