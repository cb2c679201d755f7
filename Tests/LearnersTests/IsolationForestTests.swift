import Foundation
import Tabular
import Testing

@testable import Learners

/// The isolation forest sets apart what is few and different, and its normalizer is the average
/// path length of the paper.
@Suite struct IsolationForestTests {
    @Test func aFarPointScoresHighestAndTheCrowdBelowOneHalf() {
        var generator = SeededGenerator(seed: 8)
        var x = (0..<500).map { _ in Double.random(in: -1...1, using: &generator) }
        var y = (0..<500).map { _ in Double.random(in: -1...1, using: &generator) }
        x[123] = 9
        y[123] = -9
        let scores = IsolationForest().scores(features: [x, y], rows: 500, seed: 1)
        #expect(scores.indices.max { scores[$0] < scores[$1] } == 123)
        #expect(scores[123] > 0.7, "\(scores[123])")
        let median = scores.sorted()[250]
        #expect(median < 0.5, "\(median)")
        // The same seed gives the same scores.
        #expect(IsolationForest().scores(features: [x, y], rows: 500, seed: 1) == scores)
    }

    @Test func averagePathLengthFollowsTheHarmonicNumbers() {
        #expect(IsolationForest.averagePathLength(1) == 0 && IsolationForest.averagePathLength(2) == 1)
        // c(256) = 2 H(255) − 2 · 255 / 256 with H(i) ≈ ln i + γ: about 10.24.
        #expect(abs(IsolationForest.averagePathLength(256) - 10.244) < 0.01)
    }
}
