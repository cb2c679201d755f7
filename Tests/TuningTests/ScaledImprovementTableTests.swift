import Foundation
import Tabular
import Testing

@testable import Tuning

/// The interpolated h(z) = z Φ(z) + φ(z) of the pending-trials Monte Carlo loop agrees with the
/// exact formula to 10⁻⁹ of its value across its range (10⁻¹⁰ above z = −3, where the improvement is
/// not negligible) and beyond its upper end.
@Suite struct ScaledImprovementTableTests {
    @Test func matchesTheExactFormulaEverywhereItIsUsed() {
        var generator = SeededGenerator(seed: 11)
        var worst = 0.0
        var worstAboveMinus3 = 0.0
        ScaledImprovementTable.nodes.withUnsafeBufferPointer { nodes in
            var points = (0..<20_000).map { _ in Double.random(in: -6..<14, using: &generator) }
            // Nodes, the range's ends and points just beside them.
            points += [-6, -5.999_999, 0, 1.0 / 256, 9.999_999, 10, 10.5, 40]
            for z in points {
                let exact = ExpectedImprovement.scaledAboveTail(z)
                let table = ScaledImprovementTable.value(z, nodes: nodes)
                let error = abs(table - exact) / exact
                if z > -3 { worstAboveMinus3 = max(worstAboveMinus3, error) }
                worst = max(worst, error)
            }
        }
        #expect(worst < 1e-9, "worst relative error \(worst)")
        #expect(worstAboveMinus3 < 1e-10, "worst relative error above z = −3: \(worstAboveMinus3)")
    }
}
