/// Metrics of how scores rank positive rows above negative ones.
///
/// ROC AUC is the Mann-Whitney statistic: the probability that a random positive scores above a
/// random negative, ties counting one half (average ranks). Average precision is
/// Σₙ (Rₙ − Rₙ₋₁) Pₙ over the distinct score thresholds, highest first (scikit-learn's definition:
/// tied scores form one threshold, no interpolation).
public enum RankingMetrics {
    /// ROC AUC of `scores` for the rows marked `positive`; NaN when either kind is absent.
    /// - Complexity: O(n log n).
    public static func rocAUC(positive: [Bool], scores: [Double]) -> Double {
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        let positives = Double(positive.filter { $0 }.count)
        let negatives = Double(positive.count) - positives
        guard positives > 0, negatives > 0 else { return .nan }
        var rankSum = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, scores[order[end]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + end + 1) / 2
            for k in start..<end where positive[order[k]] { rankSum += averageRank }
            start = end
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives)
    }

    /// Average precision of `scores` for the rows marked `positive`; NaN without positives.
    /// - Complexity: O(n log n).
    public static func averagePrecision(positive: [Bool], scores: [Double]) -> Double {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        let positives = Double(positive.filter { $0 }.count)
        guard positives > 0 else { return .nan }
        var truePositives = 0.0, seen = 0.0, previousRecall = 0.0, total = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, scores[order[end]] == scores[order[start]] { end += 1 }
            for k in start..<end {
                seen += 1
                if positive[order[k]] { truePositives += 1 }
            }
            let recall = truePositives / positives
            total += (recall - previousRecall) * (truePositives / seen)
            previousRecall = recall
            start = end
        }
        return total
    }
}
