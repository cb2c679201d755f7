/// The (weighted) counts of a binary decision against the truth, and the label metrics they give,
/// defined as ``ClassificationMetrics`` defines them for class 1 (0 where undefined; balanced
/// accuracy over the classes present).
public struct ConfusionCounts: Sendable, Equatable {
    public var truePositives = 0.0
    public var falsePositives = 0.0
    public var falseNegatives = 0.0
    public var trueNegatives = 0.0

    public init(truePositives: Double = 0, falsePositives: Double = 0, falseNegatives: Double = 0, trueNegatives: Double = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    /// Counts of `scores >= threshold` against `positive`, each row counted with its weight (1 when
    /// `weights` is nil).
    public init(scores: [Double], positive: [Bool], weights: [Double]? = nil, threshold: Double) {
        for i in scores.indices {
            let weight = weights?[i] ?? 1
            switch (scores[i] >= threshold, positive[i]) {
            case (true, true): truePositives += weight
            case (true, false): falsePositives += weight
            case (false, true): falseNegatives += weight
            case (false, false): trueNegatives += weight
            }
        }
    }

    public var positives: Double { truePositives + falseNegatives }
    public var negatives: Double { falsePositives + trueNegatives }
    public var total: Double { positives + negatives }

    public var precision: Double {
        truePositives + falsePositives > 0 ? truePositives / (truePositives + falsePositives) : 0
    }

    public var recall: Double { positives > 0 ? truePositives / positives : 0 }

    public var f1: Double {
        let denominator = 2 * truePositives + falsePositives + falseNegatives
        return denominator > 0 ? 2 * truePositives / denominator : 0
    }

    public var accuracy: Double { total > 0 ? (truePositives + trueNegatives) / total : .nan }

    public var balancedAccuracy: Double {
        var recalls: [Double] = []
        if positives > 0 { recalls.append(truePositives / positives) }
        if negatives > 0 { recalls.append(trueNegatives / negatives) }
        return recalls.isEmpty ? .nan : recalls.reduce(0, +) / Double(recalls.count)
    }

    /// The value of a label metric (nil for a metric of probabilities or of regression values).
    public func value(of metric: Metric) -> Double? {
        switch metric {
        case .accuracy: accuracy
        case .balancedAccuracy: balancedAccuracy
        case .precision: precision
        case .recall: recall
        case .f1: f1
        default: nil
        }
    }
}
