import Foundation

/// How much each hyperparameter moves the objective, read from a Gaussian process fitted to the
/// completed trials: a short length-scale on a parameter's coordinate means the objective changes
/// quickly along it (automatic relevance determination). Importance is 1/ℓ (a categorical
/// parameter takes its most sensitive one-hot coordinate), normalised to sum to 1.
public enum ParameterImportance {
    /// Each parameter's importance in the space's order; nil with fewer than 5 completed trials or
    /// when the model cannot be fitted.
    public static func estimate(trials: [Trial], space: SearchSpace, direction: Direction, seed: UInt64 = 0) -> [(name: String, importance: Double)]?
    {
        let completed = trials.filter { $0.completedValue != nil }
        guard completed.count >= 5, !space.parameters.isEmpty else { return nil }
        let cube = UnitCube(space)
        let inputs = completed.flatMap { cube.encode($0.assignment) }
        let losses = completed.map { direction.loss($0.value ?? 0) }
        let targets = BayesianSampler.standardized(losses)
        guard let model = try? GaussianProcess.fit(inputs: inputs, targets: targets, dimension: cube.dimension, seed: seed) else { return nil }
        let scales = model.hyperparameters.kernel.lengthscales
        var raw: [Double] = []
        for (index, parameter) in space.parameters.enumerated() {
            let start = cube.offsets[index]
            let width: Int
            if case .categorical(let values) = parameter.domain { width = values.count } else { width = 1 }
            raw.append(scales[start..<(start + width)].map { 1 / max($0, 1e-9) }.max() ?? 0)
        }
        let total = raw.reduce(0, +)
        guard total > 0, total.isFinite else { return nil }
        return zip(space.parameters, raw).map { ($0.name, $1 / total) }
    }
}
