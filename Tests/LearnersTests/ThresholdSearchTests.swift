import Foundation
import Learners
import Tabular
import Testing

/// Decision thresholds: chosen on hand-made scores, equal to a brute-force search, reaching
/// precision and recall targets, cross-fitted without seeing their own rows, applied by `Prediction`.
@Suite struct ThresholdSearchTests {
    // Scores descending; the cut after the fourth row gives F1 6/7 (tp 3, fp 1, fn 0).
    let scores = [0.95, 0.85, 0.75, 0.65, 0.25, 0.2, 0.15, 0.1]
    let positive = [true, true, false, true, false, false, false, false]

    @Test func theBestF1CutLiesBetweenTheFourthAndFifthScores() {
        let choice = ThresholdSearch.choose(scores: scores, positive: positive, objective: .maximize(.f1))
        #expect(abs(choice.threshold - 0.45) < 1e-12)
        #expect(abs(choice.value - 6.0 / 7.0) < 1e-12 && choice.reachesTarget)
        #expect(choice.counts == ConfusionCounts(truePositives: 3, falsePositives: 1, falseNegatives: 0, trueNegatives: 4))
        // Accuracy is best at the same cut (7 of 8), balanced accuracy too (1 + 0.8) / 2.
        #expect(abs(ThresholdSearch.choose(scores: scores, positive: positive, objective: .maximize(.accuracy)).value - 7.0 / 8.0) < 1e-12)
        #expect(abs(ThresholdSearch.choose(scores: scores, positive: positive, objective: .maximize(.balancedAccuracy)).value - 0.9) < 1e-12)
    }

    @Test func theSweepRunsFromNoPositiveToAllPositive() {
        let cuts = ThresholdSearch.sweep(scores: [0.8, 0.8, 0.3], positive: [true, false, false])
        #expect(cuts.map(\.threshold) == [0.9, 0.55, 0.15])
        #expect(cuts.first?.counts == ConfusionCounts(falseNegatives: 1, trueNegatives: 2))
        #expect(cuts.last?.counts == ConfusionCounts(truePositives: 1, falsePositives: 2))
        // A score of exactly 1 still has a cut above it.
        #expect(ThresholdSearch.sweep(scores: [1, 0], positive: [true, false]).first.map { $0.threshold > 1 } == true)
    }

    @Test func theChosenValueIsTheBestOfEveryThresholdByBruteForce() {
        var generator = SeededGenerator(seed: 7)
        for trial in 0..<30 {
            let n = 5 + trial * 3
            // Few distinct scores, so ties are common.
            let scores = (0..<n).map { _ in Double(Int.random(in: 0...8, using: &generator)) / 8 }
            let truth = scores.map { Double.random(in: 0..<1, using: &generator) < 0.2 + 0.6 * $0 ? 1.0 : 0.0 }
            guard truth.contains(1), truth.contains(0) else { continue }
            let prediction = Prediction(classes: ["n", "y"], probabilities: scores.flatMap { [1 - $0, $0] })
            let candidates = [0.0] + Set(scores).sorted() + [Double(1).nextUp]
            for metric in [Metric.f1, .accuracy, .balancedAccuracy] {
                let best = candidates.map { metric.evaluate(prediction.labelled(atThreshold: $0), truth: truth) }.max() ?? .nan
                let choice = ThresholdSearch.choose(scores: scores, positive: truth.map { $0 == 1 }, objective: .maximize(metric))
                #expect(abs(choice.value - best) < 1e-12, "\(metric) trial \(trial)")
                // The value it reports is the metric at its own threshold.
                #expect(abs(metric.evaluate(prediction.labelled(atThreshold: choice.threshold), truth: truth) - choice.value) < 1e-12)
            }
        }
    }

    @Test func aPrecisionTargetTakesTheHighestRecallThatReachesIt() {
        // Cuts: top 1 precision 0; top 2 1/2 (recall 1/2); top 3 1/3; top 4 1/2 (recall 1).
        let scores = [0.9, 0.8, 0.7, 0.6]
        let positive = [false, true, false, true]
        let half = ThresholdSearch.choose(scores: scores, positive: positive, objective: .recallAtPrecision(0.5))
        #expect(half.reachesTarget && half.value == 1 && abs(half.threshold - 0.3) < 1e-12)
        let unreachable = ThresholdSearch.choose(scores: scores, positive: positive, objective: .recallAtPrecision(0.9))
        #expect(!unreachable.reachesTarget && unreachable.value == 0 && unreachable.threshold > 0.9)
        // A recall target: precision is highest (1/2) at the lowest cut reaching recall 1/2.
        let recall = ThresholdSearch.choose(scores: scores, positive: positive, objective: .precisionAtRecall(0.5))
        #expect(recall.reachesTarget && recall.value == 0.5 && recall.counts.recall == 1)
        // Equal precision at recall 1/2 and 1: the higher recall wins the tie.
        #expect(abs(recall.threshold - 0.3) < 1e-12)
    }

    @Test func aGroupsThresholdNeverDependsOnItsOwnTruth() {
        var generator = SeededGenerator(seed: 3)
        let scores = (0..<60).map { _ in Double.random(in: 0..<1, using: &generator) }
        var positive = scores.map { Double.random(in: 0..<1, using: &generator) < $0 }
        let groups = [Array(0..<20), Array(20..<40), Array(40..<60)]
        let before = ThresholdSearch.crossFitted(groups: groups, scores: scores, positive: positive, objective: .maximize(.f1))
        for row in 0..<20 { positive[row].toggle() }
        let after = ThresholdSearch.crossFitted(groups: groups, scores: scores, positive: positive, objective: .maximize(.f1))
        #expect(before[0].choice.threshold == after[0].choice.threshold)
        #expect(before.map(\.rows) == groups)
        // One group (a holdout) is cut in two halves of the same class balance.
        let single = ThresholdSearch.crossFitted(groups: [Array(0..<60)], scores: scores, positive: positive, objective: .maximize(.f1))
        #expect(single.count == 2 && Set(single[0].rows).isDisjoint(with: single[1].rows) && single[0].rows.count + single[1].rows.count == 60)
        let positivesInHalves = single.map { $0.rows.filter { positive[$0] }.count }
        #expect(abs(positivesInHalves[0] - positivesInHalves[1]) <= 1)
    }

    @Test func weightedRowsCountAsRepeatedRows() {
        let scores = [0.9, 0.7, 0.6, 0.2]
        let positive = [true, false, true, false]
        let weighted = ThresholdSearch.choose(scores: scores, positive: positive, weights: [1, 3, 1, 1], objective: .maximize(.accuracy))
        let repeated = ThresholdSearch.choose(
            scores: [0.9, 0.7, 0.7, 0.7, 0.6, 0.2], positive: [true, false, false, false, true, false], objective: .maximize(.accuracy))
        #expect(weighted.value == repeated.value && weighted.threshold == repeated.threshold)
    }

    @Test func aPredictionWithAThresholdLabelsByIt() {
        let prediction = Prediction(classes: ["no", "yes"], probabilities: [0.7, 0.3, 0.4, 0.6, 0.5, 0.5])
        #expect(prediction.classIndices == [0, 1, 0])
        #expect(prediction.labelled(atThreshold: 0.3).labels == ["yes", "yes", "yes"])
        #expect(prediction.labelled(atThreshold: 0.55).classIndices == [0, 1, 0])
        #expect(prediction.selecting(rows: [2, 0]).values == [0.5, 0.5, 0.7, 0.3])
        // Multiclass: the most probable class, the first in class order on ties.
        let three = Prediction(classes: ["a", "b", "c"], probabilities: [0.2, 0.4, 0.4, 0.5, 0.25, 0.25])
        #expect(three.labels == ["b", "a"])
    }
}
