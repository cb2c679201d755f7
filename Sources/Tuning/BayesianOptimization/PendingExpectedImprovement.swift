import Foundation
import LinearAlgebra
import Tabular

/// Expected improvement of one more point while `k` others are still being evaluated, averaged
/// over the outcomes those pending points may have (Snoek, Larochelle & Adams 2012, "Practical
/// Bayesian optimization of machine learning algorithms", §3.3: integrate the acquisition over
/// fantasized pending outcomes, here by Monte Carlo).
///
/// Notation: the pending points' joint posterior is `N(μ_P, Σ_P)` with `Σ_P = L_P L_Pᵀ`. Fantasy
/// `s` draws `z_s ~ N(0, I_k)`, sets `y_s = μ_P + L_P z_s` and the incumbent `f*_s = min(f*, min y_s)`.
/// Given the fantasy, a candidate with mean μ, variance σ² and covariance `c` with the pending
/// points is normal with mean `μ + uᵀ z_s` and variance `σ² − ‖u‖²`, where `u = L_P⁻¹ c`. The
/// score is `log((1/S) Σ_s EI(f*_s; μ + uᵀ z_s, σ² − ‖u‖²))`.
///
/// Unlike the kriging believer (one fantasy at the mean, which only removes variance around a
/// pending point), the fantasies also let a pending point turn out well or badly, so the batch's
/// later points are worth placing near a promising pending one when it may not be the best there.
struct PendingExpectedImprovement {
    let k: Int
    /// Lower Cholesky factor of the pending points' covariance, row-major `k × k`.
    private let lower: [Double]
    /// Standard normal draws, `samples × k`.
    private let draws: [Double]
    /// Each fantasy's incumbent.
    private let incumbents: [Double]

    /// - Parameters:
    ///   - mean, covariance: the pending points' joint posterior (`covariance` row-major `k × k`).
    ///   - incumbent: the best observed (standardized) loss.
    /// - Throws: ``LinearAlgebraError`` when the covariance does not factor even with jitter.
    init(incumbent: Double, mean: [Double], covariance: [Double], samples: Int = 512, seed: UInt64) throws(LinearAlgebraError) {
        let k = mean.count
        self.k = k
        let factor = try Cholesky(Matrix(rows: k, columns: k, columnMajor: covariance)).factor.values
        var lower = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for r in 0...i { lower[i * k + r] = factor[r * k + i] }
        }
        self.lower = lower
        var generator = SeededGenerator(seed: seed)
        let draws = (0..<(samples * k)).map { _ in GaussianProcess.normal(&generator) }
        self.draws = draws
        incumbents = (0..<samples).map { s in
            var best = incumbent
            for i in 0..<k {
                var y = mean[i]
                for r in 0...i { y += lower[i * k + r] * draws[s * k + r] }
                best = min(best, y)
            }
            return best
        }
    }

    static let inverseRootTwoPi = 1 / (2 * Double.pi).squareRoot()

    /// The score of each candidate from its mean, variance and covariances with the pending points
    /// (`covariance[j * k + i]`), as ``GaussianProcess/predict(_:covariancesWith:)`` gives them.
    /// With `fantasies`, only the first that many of the draws are averaged: a rougher, cheaper
    /// score for screening many candidates.
    func logValues(mean: [Double], variance: [Double], covariance: [Double], fantasies: Int? = nil) -> [Double] {
        let used = min(fantasies ?? incumbents.count, incumbents.count)
        return ScaledImprovementTable.nodes.withUnsafeBufferPointer { nodes in
            logValues(mean: mean, variance: variance, covariance: covariance, fantasies: used, nodes: nodes)
        }
    }

    private func logValues(
        mean: [Double], variance: [Double], covariance: [Double], fantasies: Int, nodes: UnsafeBufferPointer<Double>
    ) -> [Double] {
        var u = [Double](repeating: 0, count: k)
        return mean.indices.map { j in
            var reduction = 0.0
            for i in 0..<k {
                var s = covariance[j * k + i]
                for r in 0..<i { s -= lower[i * k + r] * u[r] }
                u[i] = s / lower[i * k + i]
                reduction += u[i] * u[i]
            }
            let conditional = max(variance[j] - reduction, 1e-12 * max(variance[j], 1e-300))
            let sigma = conditional.squareRoot()
            let inverseSigma = 1 / sigma
            // Σ_s h(z_s) with EI = σ h(z), h(z) = z Φ(z) + φ(z); below z = −6, h ≈ φ(z)/z² (as in
            // ``ExpectedImprovement``). When every term underflows, the largest log term stands in.
            var sum = 0.0
            var largestLog = -Double.infinity
            for s in 0..<fantasies {
                let incumbent = incumbents[s]
                var shifted = mean[j]
                for i in 0..<k { shifted += u[i] * draws[s * k + i] }
                let z = (incumbent - shifted) * inverseSigma
                if z >= ScaledImprovementTable.lower {
                    sum += ScaledImprovementTable.value(z, nodes: nodes)
                } else {
                    // φ(z)/z² with one exp; only a term that underflows needs its log.
                    let term = exp(-0.5 * z * z) * Self.inverseRootTwoPi / (z * z)
                    if term > 0 {
                        sum += term
                    } else {
                        largestLog = max(largestLog, ExpectedImprovement.logScaled(z))
                    }
                }
            }
            let count = Double(fantasies)
            return log(sigma) + (sum > 0 ? log(sum / count) : largestLog - log(count))
        }
    }
}
