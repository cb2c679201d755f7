import Foundation

/// Expected improvement below the incumbent loss (Jones, Schonlau & Welch 1998), in log form so that
/// far-from-best candidates still rank by how unpromising they are instead of all scoring 0.
///
/// Notation: with predictive mean μ and deviation σ, incumbent `f*` and margin ξ,
/// `z = (f* − ξ − μ)/σ`, `EI = σ (z Φ(z) + φ(z))`. For `z < −6`, `z Φ(z) + φ(z) ≈ φ(z)/z²` (the first
/// term of its asymptotic series) is used in log space.
public struct ExpectedImprovement: Sendable {
    /// The loss to improve on (the best observed, standardized).
    public var incumbent: Double
    /// How much improvement counts (ξ), in standardized units.
    public var margin: Double

    public init(incumbent: Double, margin: Double = 0.001) {
        self.incumbent = incumbent
        self.margin = margin
    }

    /// log EI at a point with predictive `mean` and `variance`.
    public func logValue(mean: Double, variance: Double) -> Double {
        let sigma = max(variance, 1e-300).squareRoot()
        return log(sigma) + Self.logScaled((incumbent - margin - mean) / sigma)
    }

    /// log h(z), where h(z) = z Φ(z) + φ(z) and EI = σ h(z).
    static func logScaled(_ z: Double) -> Double {
        z > -6 ? log(max(scaledAboveTail(z), 1e-300)) : -0.5 * z * z - 0.5 * log(2 * Double.pi) - 2 * log(-z)
    }

    /// h(z) = z Φ(z) + φ(z), for z > −6 (where it cannot underflow).
    static func scaledAboveTail(_ z: Double) -> Double {
        let cdf = 0.5 * erfc(-z / 2.0.squareRoot())
        let pdf = exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
        return z * cdf + pdf
    }

    /// EI itself.
    public func value(mean: Double, variance: Double) -> Double { exp(logValue(mean: mean, variance: variance)) }
}
