/// Metrics of how scores rank positive rows above negative ones.
///
/// ROC AUC is the Mann-Whitney statistic: the probability that a random positive scores above a
/// random negative, ties counting one half. Average precision is Σₙ (Rₙ − Rₙ₋₁) Pₙ over the
/// distinct score thresholds, highest first (scikit-learn's definition: tied scores form one
/// threshold, no interpolation). With row weights, a row counts as its weight in every count (a
/// weight of 2 is the row twice).
public enum RankingMetrics {
    /// ROC AUC of `scores` for the rows marked `positive`; NaN when either kind is absent.
    /// - Complexity: O(n log n).
    public static func rocAUC(positive: [Bool], scores: [Double], weights: [Double]? = nil) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var positives = 0.0
        var negatives = 0.0
        for i in positive.indices {
            if positive[i] { positives += weights?[i] ?? 1 } else { negatives += weights?[i] ?? 1 }
        }
        guard positives > 0, negatives > 0 else { return .nan }
        // Per group of tied scores, ascending: its positives beat every negative below and tie half
        // of the negatives within.
        var wins = 0.0
        var negativesBelow = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, scores[order[end]] == scores[order[start]] { end += 1 }
            var groupPositives = 0.0
            var groupNegatives = 0.0
            for k in start..<end {
                let w = weights?[order[k]] ?? 1
                if positive[order[k]] { groupPositives += w } else { groupNegatives += w }
            }
            wins += groupPositives * (negativesBelow + groupNegatives / 2)
            negativesBelow += groupNegatives
            start = end
        }
        return wins / (positives * negatives)
    }

    /// Average precision of `scores` for the rows marked `positive`; NaN without positives.
    /// - Complexity: O(n log n).
    public static func averagePrecision(positive: [Bool], scores: [Double], weights: [Double]? = nil) -> Double {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var positives = 0.0
        for i in positive.indices where positive[i] { positives += weights?[i] ?? 1 }
        guard positives > 0 else { return .nan }
        var truePositives = 0.0
        var seen = 0.0
        var previousRecall = 0.0
        var total = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, scores[order[end]] == scores[order[start]] { end += 1 }
            for k in start..<end {
                let w = weights?[order[k]] ?? 1
                seen += w
                if positive[order[k]] { truePositives += w }
            }
            if seen > 0 {
                let recall = truePositives / positives
                total += (recall - previousRecall) * (truePositives / seen)
                previousRecall = recall
            }
            start = end
        }
        return total
    }
}
