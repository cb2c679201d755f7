import Foundation
import LinearAlgebra
import Tabular

/// Choosing a Gaussian process's hyperparameters by maximizing the log marginal likelihood plus weak
/// log-normal priors (a MAP estimate): the prior mode and draws from the prior are screened by value
/// (one Cholesky each), and L-BFGS runs from the best few.
///
/// Notation: θ = (log ℓ_1 … log ℓ_d, log σ_f², log(σ_n² − 10⁻⁶)). With `K = L Lᵀ`, `α = K⁻¹ y`:
/// `log p(y | θ) = −½ yᵀα − Σ log L_ii − (n/2) log 2π` and
/// `∂/∂θ_j log p = ½ tr((α αᵀ − K⁻¹) ∂K/∂θ_j)` (Rasmussen & Williams, eq. 5.9).
/// Priors: `log ℓ_d ~ N(log(0.4 √d), 1)` (longer scales in more dimensions, since unit-cube points
/// lie farther apart), `log σ_f² ~ N(0, 1.5²)` (targets are standardized),
/// `log(σ_n² − 10⁻⁶) ~ N(−12, 3²)` (little noise, which suits deterministic objectives, yet free to grow).
extension GaussianProcess {
    /// Settings of the hyperparameter search.
    public struct FitSettings: Sendable {
        /// L-BFGS starts: the best of the screened points.
        public var restarts = 2
        /// L-BFGS iterations per start.
        public var iterations = 40
        /// Points screened by value before the starts are chosen: the prior mode and draws from the prior.
        public var screened = 16
        /// The most observations the hyperparameters are fitted on: beyond it, the best quarter and an
        /// even spread of the rest (the model is then conditioned on all of them). Each likelihood
        /// evaluation costs O(n³), so this bounds the fit's time as a job grows.
        public var maxFitPoints = 100

        public init(restarts: Int = 2, iterations: Int = 40, screened: Int = 16, maxFitPoints: Int = 100) {
            self.restarts = restarts
            self.iterations = iterations
            self.screened = screened
            self.maxFitPoints = maxFitPoints
        }
    }

    static let noiseFloor = 1e-6

    /// The MAP hyperparameters for `targets` at `inputs`, and the model conditioned with them.
    /// - Throws: ``LinearAlgebraError`` only if even the prior mode does not factor.
    public static func fit(
        inputs: [Double], targets: [Double], dimension d: Int, settings: FitSettings = FitSettings(), seed: UInt64
    ) throws(LinearAlgebraError) -> GaussianProcess {
        let subset = fitSubset(targets, limit: max(2, settings.maxFitPoints))
        let fitTargets = subset.map { targets[$0] }
        let fitInputs = subset.flatMap { inputs[($0 * d)..<(($0 + 1) * d)] }
        let n = fitTargets.count
        let pairs = Matern52Kernel.pairSquaredDifferences(fitInputs, count: n, dimension: d)
        let prior = Prior(dimension: d)
        var generator = SeededGenerator(seed: seed)
        var screened: [(theta: [Double], value: Double)] = []
        for index in 0..<max(1, settings.screened, settings.restarts) {
            var theta = prior.means
            if index > 0 {
                for k in theta.indices { theta[k] += prior.deviations[k] * Self.normal(&generator) }
            }
            let value = Self.negativeLogPosterior(
                theta, pairs: pairs, targets: fitTargets, count: n, dimension: d, prior: prior, withGradient: false
            ).value
            screened.append((theta, value))
        }
        screened.sort { $0.value < $1.value }
        var best: (theta: [Double], value: Double)?
        for (theta, _) in screened.prefix(max(1, settings.restarts)) {
            let optimizer = LBFGS(memory: 8, maxIterations: settings.iterations, tolerance: 1e-5, minimumDecrease: 1e-7)
            let (found, _) = optimizer.minimize(theta) { theta in
                Self.negativeLogPosterior(theta, pairs: pairs, targets: fitTargets, count: n, dimension: d, prior: prior)
            }
            let value = Self.negativeLogPosterior(
                found, pairs: pairs, targets: fitTargets, count: n, dimension: d, prior: prior, withGradient: false
            ).value
            if value.isFinite, value < best?.value ?? .infinity { best = (found, value) }
        }
        let theta = best?.theta ?? prior.means
        return try GaussianProcess(inputs: inputs, targets: targets, dimension: d, hyperparameters: hyperparameters(theta, dimension: d))
    }

    /// Indices of the observations the hyperparameters are fitted on: all when at most `limit`, else
    /// the `limit/4` lowest targets and an even stride through the others, in index order.
    static func fitSubset(_ targets: [Double], limit: Int) -> [Int] {
        guard targets.count > limit else { return Array(targets.indices) }
        let best = targets.indices.sorted { targets[$0] < targets[$1] }.prefix(limit / 4)
        let chosen = Set(best)
        let rest = targets.indices.filter { !chosen.contains($0) }
        let wanted = limit - chosen.count
        let spread = (0..<wanted).map { rest[$0 * rest.count / wanted] }
        return (Array(chosen) + spread).sorted()
    }

    /// The hyperparameters that θ encodes.
    static func hyperparameters(_ theta: [Double], dimension d: Int) -> Hyperparameters {
        Hyperparameters(
            kernel: Matern52Kernel(lengthscales: theta[0..<d].map { exp($0) }, signalVariance: exp(theta[d])),
            noiseVariance: noiseFloor + exp(theta[d + 1]))
    }

    /// The weak log-normal priors on θ.
    struct Prior {
        var means: [Double]
        var deviations: [Double]
        var lower: [Double]
        var upper: [Double]

        init(dimension d: Int) {
            means = [Double](repeating: log(0.4 * Double(d).squareRoot()), count: d) + [0, -12]
            deviations = [Double](repeating: 1, count: d) + [1.5, 3]
            lower = [Double](repeating: log(1e-3), count: d) + [-12, -30]
            upper = [Double](repeating: log(1e3), count: d) + [12, 3]
        }
    }

    /// −(log marginal likelihood + log prior) and its gradient at θ; +∞ outside the box or when the
    /// covariance does not factor (the line search then shortens its step).
    static func negativeLogPosterior(
        _ theta: [Double], pairs: [[Double]], targets y: [Double], count n: Int, dimension d: Int, prior: Prior,
        withGradient: Bool = true
    ) -> (value: Double, gradient: [Double]) {
        var gradient = [Double](repeating: 0, count: d + 2)
        for k in theta.indices where !(theta[k] >= prior.lower[k] && theta[k] <= prior.upper[k]) {
            return (.infinity, gradient)
        }
        let signal = exp(theta[d])
        let noiseExcess = exp(theta[d + 1])
        let noise = noiseFloor + noiseExcess
        let inverseSquares = (0..<d).map { exp(-2 * theta[$0]) }
        let pairCount = n * (n - 1) / 2
        let evaluation = LikelihoodKernel.covariance(
            pairs: pairs, inverseSquares: inverseSquares, signal: signal, noise: noise, count: n, pairCount: pairCount)
        guard let factor = try? Cholesky(Matrix(rows: n, columns: n, columnMajor: evaluation.covariance), maxJitterTries: 2),
            let alpha = try? factor.solve(y)
        else { return (.infinity, gradient) }
        var fit = 0.0
        for i in 0..<n { fit += y[i] * alpha[i] }
        let logLikelihood = -0.5 * fit - 0.5 * factor.logDeterminant - 0.5 * Double(n) * log(2 * Double.pi)
        var logPrior = 0.0
        for k in theta.indices {
            let z = (theta[k] - prior.means[k]) / prior.deviations[k]
            logPrior -= 0.5 * z * z
        }
        guard withGradient else { return (-(logLikelihood + logPrior), gradient) }
        guard let inverse = try? factor.inverse() else { return (.infinity, gradient) }
        // W = ααᵀ − K⁻¹ and the traces against each ∂K/∂θ_j.
        let traces = LikelihoodKernel.gradientTraces(
            alpha: alpha, inverse: inverse.values, covariancePairs: evaluation.pairValues, slopePairs: evaluation.pairSlopes,
            pairs: pairs, inverseSquares: inverseSquares, signal: signal, count: n)
        for k in 0..<d { gradient[k] = traces.lengthscale[k] }
        gradient[d] = traces.signal
        gradient[d + 1] = 0.5 * traces.diagonal * noiseExcess
        for k in theta.indices {
            gradient[k] -= (theta[k] - prior.means[k]) / (prior.deviations[k] * prior.deviations[k])
        }
        return (-(logLikelihood + logPrior), gradient.map { -$0 })
    }

    /// A standard normal draw (Box–Muller).
    static func normal(_ generator: inout SeededGenerator) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &generator)
        let u2 = Double.random(in: 0..<1, using: &generator)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
