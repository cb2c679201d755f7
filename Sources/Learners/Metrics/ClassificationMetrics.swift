import Foundation

/// Metrics of predicted classes and class probabilities against true class indices.
///
/// Definitions follow scikit-learn's: precision, recall and F1 per class from the confusion
/// matrix (0 where undefined), averaged as `binary` (class 1), `macro` (unweighted mean) or
/// `weighted` (mean weighted by true class counts); balanced accuracy = macro recall over classes
/// present in the truth; log loss with probabilities clipped to [1e-15, 1 − 1e-15]. With row
/// weights (`sample_weight`), every count becomes a sum of weights and every mean a weighted mean.
public enum ClassificationMetrics {
    /// How per-class scores combine.
    public enum Average: String, Sendable, CaseIterable {
        case binary, macro, weighted
    }

    /// `matrix[t][p]`: rows of true class t predicted as p.
    public static func confusionMatrix(truth: [Int], predicted: [Int], classes: Int) -> [[Int]] {
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (t, p) in zip(truth, predicted) { matrix[t][p] += 1 }
        return matrix
    }

    /// `matrix[t][p]`: the summed weight of rows of true class t predicted as p (row counts
    /// without weights).
    public static func weightedConfusionMatrix(truth: [Int], predicted: [Int], classes: Int, weights: [Double]?) -> [[Double]] {
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: classes), count: classes)
        for (i, (t, p)) in zip(truth, predicted).enumerated() { matrix[t][p] += weights?[i] ?? 1 }
        return matrix
    }

    /// Share of rows (of weight) predicted right.
    public static func accuracy(truth: [Int], predicted: [Int], weights: [Double]? = nil) -> Double {
        guard !truth.isEmpty else { return .nan }
        var right = 0.0
        var total = 0.0
        for (i, (t, p)) in zip(truth, predicted).enumerated() {
            let w = weights?[i] ?? 1
            total += w
            if t == p { right += w }
        }
        return total > 0 ? right / total : .nan
    }

    /// Mean recall over the classes present in `truth`.
    public static func balancedAccuracy(truth: [Int], predicted: [Int], classes: Int, weights: [Double]? = nil) -> Double {
        let matrix = weightedConfusionMatrix(truth: truth, predicted: predicted, classes: classes, weights: weights)
        let recalls = (0..<classes).compactMap { k -> Double? in
            let support = matrix[k].reduce(0, +)
            return support > 0 ? matrix[k][k] / support : nil
        }
        return recalls.isEmpty ? .nan : recalls.reduce(0, +) / Double(recalls.count)
    }

    /// Precision averaged as asked.
    public static func precision(truth: [Int], predicted: [Int], classes: Int, average: Average, weights: [Double]? = nil) -> Double {
        let matrix = weightedConfusionMatrix(truth: truth, predicted: predicted, classes: classes, weights: weights)
        return combine(perClass(matrix).map(\.precision), matrix, average)
    }

    /// Recall averaged as asked.
    public static func recall(truth: [Int], predicted: [Int], classes: Int, average: Average, weights: [Double]? = nil) -> Double {
        let matrix = weightedConfusionMatrix(truth: truth, predicted: predicted, classes: classes, weights: weights)
        return combine(perClass(matrix).map(\.recall), matrix, average)
    }

    /// F1 averaged as asked (the mean of per-class F1, not the F1 of mean precision and recall).
    public static func f1(truth: [Int], predicted: [Int], classes: Int, average: Average, weights: [Double]? = nil) -> Double {
        let matrix = weightedConfusionMatrix(truth: truth, predicted: predicted, classes: classes, weights: weights)
        return combine(perClass(matrix).map(\.f1), matrix, average)
    }

    /// Mean negative log-likelihood of the true classes (weighted mean with weights).
    public static func logLoss(truth: [Int], probabilities: Prediction, weights: [Double]? = nil) -> Double {
        guard !truth.isEmpty else { return .nan }
        let epsilon = 1e-15
        var total = 0.0
        var weightSum = 0.0
        for (i, t) in truth.enumerated() {
            let w = weights?[i] ?? 1
            guard w > 0 else { continue }
            // Rows are renormalized after clipping, as scikit-learn does.
            var sum = 0.0
            for k in 0..<probabilities.classes.count { sum += min(max(probabilities.probability(row: i, class: k), epsilon), 1 - epsilon) }
            let p = min(max(probabilities.probability(row: i, class: t), epsilon), 1 - epsilon) / sum
            total -= w * Foundation.log(p)
            weightSum += w
        }
        return weightSum > 0 ? total / weightSum : .nan
    }

    /// ROC AUC: for two classes, of class 1's probability; for more, the unweighted mean over the
    /// classes present in `truth` of each class against the rest.
    public static func rocAUC(truth: [Int], probabilities: Prediction, weights: [Double]? = nil) -> Double {
        oneVersusRest(truth, probabilities) { RankingMetrics.rocAUC(positive: $0, scores: $1, weights: weights) }
    }

    /// Area under the precision-recall curve as average precision: for two classes of class 1, for
    /// more the unweighted mean over classes against the rest.
    public static func prAUC(truth: [Int], probabilities: Prediction, weights: [Double]? = nil) -> Double {
        oneVersusRest(truth, probabilities) { RankingMetrics.averagePrecision(positive: $0, scores: $1, weights: weights) }
    }

    /// `score` of class 1 for two classes; else the mean of `score` of each class against the
    /// rest, over the classes where it is defined.
    private static func oneVersusRest(
        _ truth: [Int], _ probabilities: Prediction, _ score: (_ positive: [Bool], _ scores: [Double]) -> Double
    ) -> Double {
        let k = probabilities.classes.count
        if k == 2 { return score(truth.map { $0 == 1 }, probabilities.probabilities(ofClass: 1)) }
        let defined = (0..<k).map { c in score(truth.map { $0 == c }, probabilities.probabilities(ofClass: c)) }.filter { !$0.isNaN }
        return defined.isEmpty ? .nan : defined.reduce(0, +) / Double(defined.count)
    }

    private struct ClassScores {
        var precision: Double
        var recall: Double
        var f1: Double
    }

    private static func perClass(_ matrix: [[Double]]) -> [ClassScores] {
        let classes = matrix.count
        return (0..<classes).map { k in
            let truePositive = matrix[k][k]
            let predictedCount = (0..<classes).reduce(0.0) { $0 + matrix[$1][k] }
            let support = matrix[k].reduce(0, +)
            let precision = predictedCount > 0 ? truePositive / predictedCount : 0
            let recall = support > 0 ? truePositive / support : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            return ClassScores(precision: precision, recall: recall, f1: f1)
        }
    }

    private static func combine(_ scores: [Double], _ matrix: [[Double]], _ average: Average) -> Double {
        switch average {
        case .binary:
            return scores.count > 1 ? scores[1] : .nan
        case .macro:
            return scores.isEmpty ? .nan : scores.reduce(0, +) / Double(scores.count)
        case .weighted:
            let support = matrix.map { $0.reduce(0, +) }
            let total = support.reduce(0, +)
            guard total > 0 else { return .nan }
            return zip(scores, support).reduce(0) { $0 + $1.0 * $1.1 } / total
        }
    }
}
