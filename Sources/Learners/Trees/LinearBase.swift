import Foundation
import Tabular
import Tuning

/// A ridge regression that boosted trees start from instead of a constant (`base_model` =
/// `linear`): the trees then fit what the linear part leaves. Trees alone predict a constant
/// beyond the training range, so a target that grows with a feature (a fare with the distance) is
/// underestimated wherever the test rows reach further than the training rows; the linear part
/// carries that trend past the edge.
///
/// Prediction: `intercept + Σⱼ coefficientⱼ · clamp(xⱼ)`, a missing value taken as the column's
/// training mean. Each value is clamped to the training range widened by half its width on either
/// side (``lowerLimits``, ``upperLimits``), so a data-entry error far outside what training saw
/// cannot swing the prediction without bound.
public struct LinearBase: Codable, Equatable, Sendable {
    /// Per feature, the weighted training mean (what a missing value counts as).
    let means: [Double]
    /// Per feature, on the features' own scale.
    let coefficients: [Double]
    let intercept: Double
    let lowerLimits: [Double]
    let upperLimits: [Double]

    /// How far past the training range a feature may extrapolate, in widths of that range.
    static let extrapolation = 0.5

    /// The hyperparameter of the tree learners that asks for it: `constant` or `linear`.
    static let parameterName = "base_model"
    static let choices = ["constant", "linear"]

    /// The tuned choice for regression tasks, starting at `constant`.
    static var searchParameter: Parameter {
        Parameter(parameterName, .categorical(choices), initial: .label("constant"))
    }

    /// The error for `base_model` = linear on a task with classes.
    static func refusal(learner: String) -> LearnersError {
        .invalidHyperparameter(
            learner: learner, message: "'base_model' = linear starts from a linear regression, so it fits regression tasks only; use constant.")
    }

    /// Fits the base on `training` when `model` asks for one (`linear`) and returns it, its
    /// prediction for each training row, and the dataset whose target is what the trees must still
    /// explain (the residuals); nil, nil and `training` itself for `constant`.
    /// - Throws: ``refusal(learner:)`` for a task with classes; a solver error.
    static func residuals(
        of training: Dataset, model: String, learner: String
    ) throws(LearnersError) -> (base: LinearBase?, offsets: [Double]?, residuals: Dataset) {
        guard model == "linear" else { return (nil, nil, training) }
        guard training.task == .regression else { throw refusal(learner: learner) }
        let base = try fit(training.features, target: training.target, weights: training.weights)
        let offsets = base.predictions(training.features)
        let residuals = zip(training.target, offsets).map { $0 - $1 }
        return (base, offsets, try Dataset(features: training.features, target: residuals, task: .regression, weights: training.weights))
    }

    /// Fits the ridge regression of `target` on `features` (standardized inside, L2 strength
    /// `wd` on the mean loss), missing values at the column mean.
    /// - Throws: ``LearnersError/invalidHyperparameter(learner:message:)`` when the system cannot
    ///   be solved.
    static func fit(_ features: FeatureMatrix, target: [Double], weights: [Double]?, wd: Double = 1e-3) throws(LearnersError) -> LinearBase {
        let n = features.rowCount
        let p = features.columnCount
        let weights = weights ?? [Double](repeating: 1, count: n)
        var means = [Double](repeating: 0, count: p)
        var scales = [Double](repeating: 1, count: p)
        var lower = [Double](repeating: 0, count: p)
        var upper = [Double](repeating: 0, count: p)
        var standardized = [[Double]]()
        standardized.reserveCapacity(p)
        for j in 0..<p {
            let column = features.column(j)
            var sum = 0.0
            var present = 0.0
            var low = Double.infinity
            var high = -Double.infinity
            for (i, x) in zip(0..<n, column) where x.isFinite {
                sum += weights[i] * x
                present += weights[i]
                low = Swift.min(low, x)
                high = Swift.max(high, x)
            }
            let mean = present > 0 ? sum / present : 0
            var squares = 0.0
            for (i, x) in zip(0..<n, column) where x.isFinite { squares += weights[i] * (x - mean) * (x - mean) }
            let deviation = present > 0 ? (squares / present).squareRoot() : 0
            let scale = deviation > 1e-12 ? deviation : 1
            means[j] = mean
            scales[j] = scale
            let width = high >= low ? high - low : 0
            lower[j] = high >= low ? low - extrapolation * width : mean
            upper[j] = high >= low ? high + extrapolation * width : mean
            standardized.append(column.map { $0.isFinite ? ($0 - mean) / scale : 0 })
        }
        let matrix = try FeatureMatrix(names: features.names, columns: standardized)
        let solver = LinearSolver(features: matrix, target: target, weights: weights, task: .regression, classes: 0)
        let (scaledCoefficients, intercepts) = try solver.closedForm(wd: wd, l1: 0)
        // Back to the features' own scale: β·(x − μ)/σ = (β/σ)·x − (β/σ)·μ.
        let coefficients = (0..<p).map { scaledCoefficients[$0] / scales[$0] }
        let intercept = (intercepts.first ?? 0) - (0..<p).reduce(0) { $0 + coefficients[$1] * means[$1] }
        return LinearBase(means: means, coefficients: coefficients, intercept: intercept, lowerLimits: lower, upperLimits: upper)
    }

    /// The value feature `j` counts as: missing at the mean, clamped to the widened range.
    @inline(__always) func effective(_ x: Double, feature j: Int) -> Double {
        x.isNaN ? means[j] : Swift.min(Swift.max(x, lowerLimits[j]), upperLimits[j])
    }

    /// The linear part's output for every row of `features` (aligned to the model's names).
    func predictions(_ features: FeatureMatrix) -> [Double] {
        var result = [Double](repeating: intercept, count: features.rowCount)
        for (j, coefficient) in coefficients.enumerated() where coefficient != 0 {
            for (i, x) in features.column(j).enumerated() { result[i] += coefficient * effective(x, feature: j) }
        }
        return result
    }

    /// The linear part's mean output over the training rows: what its SHAP values are measured
    /// from.
    var expected: Double {
        intercept + zip(coefficients, means).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Adds the linear part's SHAP values to `contributions` (output 0): for an additive term with
    /// features taken as independent, feature j's share is `coefficientⱼ · (xⱼ − meanⱼ)`.
    func addContributions(_ features: FeatureMatrix, to contributions: inout FeatureContributions) {
        let p = coefficients.count
        let outputs = contributions.outputNames.count
        contributions.expected[0] += expected
        for (j, coefficient) in coefficients.enumerated() where coefficient != 0 {
            for (i, x) in features.column(j).enumerated() {
                contributions.values[(i * outputs) * p + j] += coefficient * (effective(x, feature: j) - means[j])
            }
        }
    }
}
