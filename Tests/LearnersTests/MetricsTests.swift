import Foundation
import Learners
import Testing

/// Metrics against values worked out by hand (and matching scikit-learn's definitions).
@Suite struct MetricsTests {
    private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance }

    @Test func rocAUCCountsTiesAsHalf() {
        // Positive scores {0.8, 0.4}, negative {0.8, 0.2}: pairs 0.5 + 1 + 0 + 1 = 2.5 of 4.
        let auc = RankingMetrics.rocAUC(positive: [true, false, true, false], scores: [0.8, 0.8, 0.4, 0.2])
        #expect(close(auc, 0.625))
        #expect(close(RankingMetrics.rocAUC(positive: [true, true, false], scores: [0.5, 0.5, 0.5]), 0.5))
        #expect(RankingMetrics.rocAUC(positive: [true, true], scores: [0.1, 0.2]).isNaN)
    }

    @Test func averagePrecisionGroupsTiedScores() {
        // Threshold 0.8: recall 0.5 at precision 1/2; 0.4: recall 1 at precision 2/3.
        let ap = RankingMetrics.averagePrecision(positive: [true, false, true, false], scores: [0.8, 0.8, 0.4, 0.2])
        #expect(close(ap, 0.5 * 0.5 + 0.5 * 2.0 / 3.0))
    }

    @Test func classScoresFromTheConfusionMatrix() {
        let truth = [0, 0, 1, 1, 2, 2]
        let predicted = [0, 1, 1, 1, 2, 0]
        #expect(ClassificationMetrics.confusionMatrix(truth: truth, predicted: predicted, classes: 3) == [[1, 1, 0], [0, 2, 0], [1, 0, 1]])
        #expect(close(ClassificationMetrics.accuracy(truth: truth, predicted: predicted), 4.0 / 6.0))
        #expect(close(ClassificationMetrics.balancedAccuracy(truth: truth, predicted: predicted, classes: 3), 2.0 / 3.0))
        // Per class: precision 1/2, 2/3, 1; recall 1/2, 1, 1/2; F1 1/2, 4/5, 2/3.
        #expect(close(ClassificationMetrics.precision(truth: truth, predicted: predicted, classes: 3, average: .macro), (0.5 + 2.0 / 3.0 + 1) / 3))
        #expect(close(ClassificationMetrics.recall(truth: truth, predicted: predicted, classes: 3, average: .macro), 2.0 / 3.0))
        #expect(close(ClassificationMetrics.f1(truth: truth, predicted: predicted, classes: 3, average: .macro), (0.5 + 0.8 + 2.0 / 3.0) / 3))
        #expect(close(ClassificationMetrics.f1(truth: truth, predicted: predicted, classes: 3, average: .binary), 0.8))
        // Weighted by supports 1, 1, 4.
        let unequal = [0, 1, 2, 2, 2, 2]
        let guesses = [0, 2, 2, 2, 2, 1]
        // F1: class 0 = 1; class 1 = 0; class 2: precision 3/4, recall 3/4 -> 3/4.
        #expect(close(ClassificationMetrics.f1(truth: unequal, predicted: guesses, classes: 3, average: .weighted), (1 + 0 + 4 * 0.75) / 6))
    }

    @Test func logLossAndMulticlassAUC() {
        let prediction = Prediction(classes: ["a", "b"], probabilities: [0.9, 0.1, 0.2, 0.8])
        #expect(close(ClassificationMetrics.logLoss(truth: [0, 1], probabilities: prediction), -(log(0.9) + log(0.8)) / 2))
        #expect(close(Metric.logLoss.evaluate(prediction, truth: [0, 1]), -(log(0.9) + log(0.8)) / 2))
        // A certain wrong answer is clipped at 1e-15, not infinite.
        let wrong = Prediction(classes: ["a", "b"], probabilities: [0, 1])
        #expect(close(Metric.logLoss.evaluate(wrong, truth: [0]), -log(1e-15), 1e-6))
        // Three classes, each ranked perfectly against the rest: macro AUC 1.
        let three = Prediction(classes: ["x", "y", "z"], probabilities: [0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8])
        #expect(close(Metric.auc.evaluate(three, truth: [0, 1, 2]), 1))
        #expect(close(Metric.accuracy.evaluate(three, truth: [0, 1, 1]), 2.0 / 3.0))
    }

    @Test func regressionMetrics() {
        let truth = [3, -0.5, 2, 7]
        let predicted = [2.5, 0.0, 2, 8]
        #expect(close(RegressionMetrics.rmse(truth: truth, predicted: predicted), 0.375.squareRoot()))
        #expect(close(RegressionMetrics.mae(truth: truth, predicted: predicted), 0.5))
        #expect(close(RegressionMetrics.r2(truth: truth, predicted: predicted), 0.9486081370449679))
        #expect(close(RegressionMetrics.mape(truth: truth, predicted: predicted), (0.5 / 3 + 1 + 0 + 1.0 / 7) / 4))
        #expect(RegressionMetrics.r2(truth: [1, 1], predicted: [1, 1]) == 1)
        #expect(Metric.rmse.higherIsBetter == false && Metric.auc.higherIsBetter)
        #expect(Metric.r2.applies(to: .regression) && !Metric.r2.applies(to: .binary))
    }
}
