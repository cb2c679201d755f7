import Foundation

/// `h(z) = z Φ(z) + φ(z)` (expected improvement over σ) by cubic Hermite interpolation in a table,
/// for the Monte Carlo loop of ``PendingExpectedImprovement``: 512 fantasies for each of about
/// 3,000 candidates made `erfc` and `exp` 36% of a 6-D proposal's time at 200 observations with 4
/// pending trials. Nodes every 1/256 over [−6, 10], with the slopes `h′(z) = Φ(z)`: the interpolation
/// error is below 10⁻⁹ of h across the range and 10⁻¹⁰ above z = −3 (tested against the exact
/// formula). Above 10, h(z) = z to double precision.
enum ScaledImprovementTable {
    static let lower = -6.0
    static let upper = 10.0
    static let perUnit = 256.0

    /// h and Φ at the nodes, interleaved: `[h_0, Φ_0, h_1, Φ_1, ...]`.
    static let nodes: [Double] = {
        let count = Int((upper - lower) * perUnit) + 2
        var nodes = [Double](repeating: 0, count: 2 * count)
        for i in 0..<count {
            let z = lower + Double(i) / perUnit
            nodes[2 * i] = ExpectedImprovement.scaledAboveTail(z)
            nodes[2 * i + 1] = 0.5 * erfc(-z / 2.0.squareRoot())
        }
        return nodes
    }()

    /// h(z) for z ≥ −6.
    @inline(__always) static func value(_ z: Double, nodes: UnsafeBufferPointer<Double>) -> Double {
        if z >= upper { return z }
        let t = (z - lower) * perUnit
        let i = Int(t)
        let f = t - Double(i)
        let h0 = nodes[2 * i]
        let m0 = nodes[2 * i + 1] / perUnit
        let h1 = nodes[2 * i + 2]
        let m1 = nodes[2 * i + 3] / perUnit
        let f2 = f * f
        let f3 = f2 * f
        return (2 * f3 - 3 * f2 + 1) * h0 + (f3 - 2 * f2 + f) * m0 + (-2 * f3 + 3 * f2) * h1 + (f3 - f2) * m1
    }
}
