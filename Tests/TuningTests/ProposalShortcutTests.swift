import Foundation
import Tabular
import Testing

@testable import Tuning

/// The shortcuts that keep a Bayesian proposal fast as a job grows: reused hyperparameters, a
/// windowed model, and rough screening of the acquisition's candidates.
@Suite struct ProposalShortcutTests {
    static let hyperparameters = GaussianProcess.Hyperparameters(
        kernel: Matern52Kernel(lengthscales: [0.3, 0.4], signalVariance: 1.2), noiseVariance: 1e-5)

    @Test func hyperparametersAreReusedOnlyPastAHundredObservationsAndForATenthMore() {
        let memory = HyperparameterMemory()
        #expect(memory.reusable(count: 10, logScale: false) == nil, "nothing fitted yet")
        memory.remember(Self.hyperparameters, count: 60, logScale: false)
        #expect(memory.reusable(count: 61, logScale: false) == nil, "below 100 observations every proposal refits")
        memory.remember(Self.hyperparameters, count: 200, logScale: false)
        #expect(memory.reusable(count: 200, logScale: false) == Self.hyperparameters)
        #expect(memory.reusable(count: 219, logScale: false) == Self.hyperparameters)
        #expect(memory.reusable(count: 220, logScale: false) == nil, "a tenth more observations: refit")
        #expect(memory.reusable(count: 205, logScale: true) == nil, "another scale: refit")
        #expect(memory.reusable(count: 150, logScale: false) == nil, "fewer observations than fitted on: another study")
    }

    /// Observations of Branin at `count` design points, as completed trials.
    static func trials(_ count: Int) -> [Trial] {
        let cube = UnitCube(TestFunctions.braninSpace)
        return LatinHypercube.points(count: count, dimension: cube.dimension, seed: 3).enumerated().map { number, point in
            let assignment = cube.decode(point)
            return Trial(number: number, assignment: assignment, status: .completed, value: TestFunctions.branin(assignment), seed: 0)
        }
    }

    @Test func aWindowedModelStillProposesANewPointNearTheBest() throws {
        var sampler = BayesianSampler()
        sampler.maxModelPoints = 24
        let trials = Self.trials(80)
        let context = SamplingContext(space: TestFunctions.braninSpace, direction: .minimize, trials: trials, trialNumber: 80, studySeed: 5)
        let suggestion = try sampler.suggestion(context)
        #expect(suggestion.fallback == nil, "\(suggestion.fallback ?? "")")
        #expect(!trials.map(\.assignment).contains(suggestion.assignment))
        // Asked again, it proposes the same point: deterministic.
        #expect(try sampler.suggestion(context).assignment == suggestion.assignment)
        // It lands where the windowed model's best quarter is, not at random: better than the median design point.
        let values = trials.compactMap(\.value).sorted()
        #expect(TestFunctions.branin(suggestion.assignment) < values[values.count / 2])
    }

    @Test func roughScreeningWithTheExactScoreChangesNothing() throws {
        let cube = UnitCube(TestFunctions.braninSpace)
        let d = cube.dimension
        // A smooth score with one peak.
        let score: @Sendable ([Double]) -> [Double] = { batch in
            (0..<(batch.count / d)).map { i in -((batch[i * d] - 0.3) * (batch[i * d] - 0.3) + (batch[i * d + 1] - 0.7) * (batch[i * d + 1] - 0.7)) }
        }
        let optimizer = AcquisitionOptimizer()
        let anchors = [[0.5, 0.5]]
        let plain = try optimizer.maximize(cube: cube, anchors: anchors, seed: 9, score: score)
        let screened = try optimizer.maximize(cube: cube, anchors: anchors, seed: 9, score: score, roughScore: score)
        #expect(screened.first?.point == plain.first?.point)
        #expect(screened.count == plain.count)
        // A rough score that misranks the candidates still leaves the exact best of its top picks first.
        let noisy = try optimizer.maximize(cube: cube, anchors: anchors, seed: 9, score: score, roughScore: { score($0).map { $0 + 0.001 } })
        #expect(abs((noisy.first?.score ?? -1) - (plain.first?.score ?? 0)) < 1e-3)
    }

    @Test func scoringOnSeveralThreadsGivesEveryPointTheScoreOneCallGives() throws {
        let d = 3
        let score: @Sendable ([Double]) throws -> [Double] = { batch in
            (0..<(batch.count / d)).map { i in batch[i * d] * 7 + batch[i * d + 1] - batch[i * d + 2] / 3 }
        }
        var optimizer = AcquisitionOptimizer()
        optimizer.threads = 4
        for count in [0, 1, 31, 64, 65, 127, 1000, 1013] {
            let batch = (0..<(count * d)).map { Double($0) / Double(max(1, count * d)) }
            #expect(try optimizer.scoreSplit(batch, dimension: d, score) == score(batch), "\(count) points")
        }
        // A part that fails fails the whole batch.
        struct Refused: Error {}
        let batch = (0..<(1000 * d)).map { Double($0) / Double(1000 * d) }
        #expect(throws: Refused.self) {
            try optimizer.scoreSplit(batch, dimension: d) { part in
                if (part.first ?? 0) > 0 { throw Refused() }
                return try score(part)
            }
        }
    }
}
