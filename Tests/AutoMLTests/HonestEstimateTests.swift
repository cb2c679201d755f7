import AutoML
import Foundation
import Learners
import Tabular
import TestSupport
import Testing
import Tuning

/// The honest estimate of the saved model: the final choice repeated without each fold and scored on
/// it sees through selection luck, and keeps a model that is really good.
@Suite struct HonestEstimateTests {
    static let rows = 200
    /// Row r is in fold r % 5.
    static let folds = (0..<5).map { fold in (0..<rows).filter { $0 % 5 == fold } }

    /// A leaderboard of classifiers with the given out-of-fold probabilities of class 1, scored by
    /// accuracy per fold.
    static func leaderboard(_ models: [[Double]], truth: [Double]) throws -> Leaderboard {
        let candidate = try #require(try EnsembleTests.penguins().candidates.first)
        var trials: [Trial] = []
        var scores: [Int: CandidateScore] = [:]
        for (number, p1) in models.enumerated() {
            let outOfFold = (0..<rows).map { row in (row: row, values: [1 - p1[row], p1[row]]) }
            let foldScores = folds.map { rows in
                Metric.accuracy.evaluate(
                    Prediction(classes: ["n", "y"], probabilities: rows.flatMap { [1 - p1[$0], p1[$0]] }), truth: rows.map { truth[$0] })
            }
            let score = CandidateScore(
                foldScores: foldScores, otherMetrics: [:], fitSeconds: 0.1, predictSecondsPer1000: 0, modelBytes: 0, outOfFold: outOfFold)
            scores[number] = score
            var assignment = CandidateGenerator.initialAssignment(of: candidate)
            assignment.values["noise"] = .integer(number)
            trials.append(Trial(number: number, assignment: assignment, status: .completed, value: score.mean, seed: 0))
        }
        return Leaderboard(metric: .accuracy, trials: trials, scores: scores, candidates: [candidate])
    }

    static func estimate(_ leaderboard: Leaderboard, truth: [Double]) throws -> HonestEstimate {
        let final = try #require(
            FinalModel.choose(
                leaderboard, truth: truth, classes: ["n", "y"], metric: .accuracy, refitSeconds: { _ in 1 }, remaining: 100))
        return try #require(
            HonestEstimate.compute(
                leaderboard, finalModel: final, groups: folds, truth: { truth[$0] }, classes: ["n", "y"], metric: .accuracy,
                objective: nil, refitSeconds: { _ in 1 }, remaining: 100))
    }

    @Test func anEnsembleOfWhatIsLeftMustBeatTheSinglePipelineItReplaces() throws {
        // Trial 0 is right on 90% of the rows, and with trial 1 (which fixes its errors) on all of
        // them; but refitting both does not fit the time left, so trial 0, the costliest, leaves the
        // library. Trials 2 and 3 (right on 60% each) are right together on 80%: better than either,
        // worse than trial 0 alone, which must be the saved model.
        let truth = (0..<Self.rows).map { Double($0 % 2) }
        /// Class-1 probabilities that give the true class `right` on the rows where `isRight`, else `wrong`.
        func model(right: Double, wrong: Double, _ isRight: (Int) -> Bool) -> [Double] {
            (0..<Self.rows).map { row in
                let onTruth = isRight(row) ? right : wrong
                return truth[row] == 1 ? onTruth : 1 - onTruth
            }
        }
        let strong = model(right: 0.8, wrong: 0.3) { $0 % 10 != 0 }
        let fixer = model(right: 0.95, wrong: 0.45) { $0 % 10 == 0 }
        let left = model(right: 0.9, wrong: 0.4) { $0 % 5 < 3 }
        let right = model(right: 0.9, wrong: 0.4) { (1...3).contains($0 % 5) }
        let board = try Self.leaderboard([strong, fixer, left, right], truth: truth)
        let final = try #require(
            FinalModel.choose(
                board, truth: truth, classes: ["n", "y"], metric: .accuracy, refitSeconds: { $0.trial == 0 ? 5 : 1 }, remaining: 5.5))
        #expect(final.parts.map(\.entry.trial) == [0], "\(final.parts.map(\.entry.trial)) \(final.reason)")
        #expect(final.reason.contains("no ensemble that scored better could be refitted in the time left"), "\(final.reason)")
        // With only the single pipeline's refit left, no selection round is started at all.
        let hurried = try #require(
            FinalModel.choose(
                board, truth: truth, classes: ["n", "y"], metric: .accuracy, refitSeconds: { _ in 1 }, remaining: 1))
        #expect(hurried.parts.map(\.entry.trial) == [0] && hurried.selection == nil, "\(hurried.reason)")
        #expect(hurried.reason.hasSuffix("; no time was left to choose an ensemble"), "\(hurried.reason)")
    }

    @Test func selectionLuckAmongNoiseIsSeenThrough() throws {
        var generator = SeededGenerator(seed: 21)
        let truth = (0..<Self.rows).map { _ in Double(Int.random(in: 0...1, using: &generator)) }
        // Thirty classifiers that guess: confident and independent of the truth.
        let models = (0..<30).map { _ in (0..<Self.rows).map { _ in Double.random(in: 0..<1, using: &generator) < 0.5 ? 0.2 : 0.8 } }
        let estimate = try Self.estimate(try Self.leaderboard(models, truth: truth), truth: truth)
        #expect(estimate.groupScores.count == 5)
        // The selection's own figure is lucky; the estimate is near the coin's 0.5.
        #expect(estimate.selectionScore > 0.57, "\(estimate)")
        #expect(abs(estimate.mean - 0.5) < 0.07, "\(estimate)")
        #expect(estimate.selectionScore - estimate.mean > 0.05, "\(estimate)")
    }

    @Test func aReallyGoodPipelineKeepsItsScore() throws {
        var generator = SeededGenerator(seed: 4)
        let truth = (0..<Self.rows).map { _ in Double(Int.random(in: 0...1, using: &generator)) }
        let good = truth.map { $0 == 1 ? 0.9 : 0.1 }
        let noise = (0..<5).map { _ in (0..<Self.rows).map { _ in Double.random(in: 0..<1, using: &generator) } }
        let estimate = try Self.estimate(try Self.leaderboard([good] + noise, truth: truth), truth: truth)
        #expect(estimate.groupScores == [1, 1, 1, 1, 1] && estimate.selectionScore == 1)
    }

    @Test func aHoldoutIsHeldOutInTwoHalvesOfEqualBalance() {
        let truth: [Double] = [1, 0, 0, 1, 0, 0, 1, 0, 0, 0]
        let halves = HonestEstimate.groups(folds: [Array(0..<10)], truth: { truth[$0] }, classification: true)
        #expect(halves == [[0, 1, 4, 6, 7, 9], [2, 3, 5, 8]])
        #expect(Set(halves[0]).isDisjoint(with: halves[1]) && halves[0].count + halves[1].count == 10)
        #expect(abs(halves[0].filter { truth[$0] == 1 }.count - halves[1].filter { truth[$0] == 1 }.count) <= 1)
        #expect(HonestEstimate.groups(folds: Self.folds, truth: { _ in 0 }, classification: false) == Self.folds)
    }
}
