import Tabular

/// Chooses a binary classifier's decision threshold on class 1's probability from labelled scores:
/// every cut between two distinct scores is tried in one sweep over the scores sorted once.
public enum ThresholdSearch {
    /// A chosen threshold and what it gives on the rows it was chosen on.
    public struct Choice: Sendable, Equatable {
        /// Rows whose class-1 probability is at least this are labelled class 1.
        public var threshold: Double
        /// The objective's metric at the threshold.
        public var value: Double
        public var counts: ConfusionCounts
        /// Whether a precision or recall target is reached (always true for ``ThresholdObjective/maximize(_:)``).
        public var reachesTarget: Bool
    }

    /// The threshold that best serves `objective` on these rows. Ties go to the threshold nearest
    /// 0.5 (for a metric) or to the higher precision or recall beside the target (for a target).
    /// When a precision target is reached by no threshold, the choice labels no row class 1 and
    /// ``Choice/reachesTarget`` is false.
    public static func choose(scores: [Double], positive: [Bool], weights: [Double]? = nil, objective: ThresholdObjective) -> Choice {
        let cuts = sweep(scores: scores, positive: positive, weights: weights)
        var best: (choice: Choice, tieBreak: Double)?
        for (threshold, counts) in cuts {
            let value: Double
            let reached: Bool
            let tieBreak: Double
            switch objective {
            case .maximize(let metric):
                value = counts.value(of: metric) ?? .nan
                reached = true
                tieBreak = -abs(threshold - 0.5)
            case .recallAtPrecision(let target):
                reached = counts.truePositives > 0 && counts.precision >= target
                value = counts.recall
                tieBreak = counts.precision
            case .precisionAtRecall(let target):
                reached = counts.positives > 0 && counts.recall >= target
                value = counts.precision
                tieBreak = counts.recall
            }
            guard reached, !value.isNaN else { continue }
            if let current = best, (value, tieBreak) <= (current.choice.value, current.tieBreak) { continue }
            best = (Choice(threshold: threshold, value: value, counts: counts, reachesTarget: true), tieBreak)
        }
        if let best { return best.choice }
        // No threshold reaches the target: label nothing class 1.
        let none = cuts.first ?? (1, ConfusionCounts())
        return Choice(threshold: none.threshold, value: none.counts.value(of: objective.metric) ?? 0, counts: none.counts, reachesTarget: false)
    }

    /// Every distinct cut, from labelling no row class 1 to labelling every row class 1, with its
    /// counts. A cut lies halfway between two neighbouring distinct scores; the first lies above the
    /// highest score (halfway to 1, or just above 1), the last at half the lowest score.
    public static func sweep(scores: [Double], positive: [Bool], weights: [Double]? = nil) -> [(threshold: Double, counts: ConfusionCounts)] {
        let order = scores.indices.filter { !scores[$0].isNaN }.sorted { scores[$0] > scores[$1] }
        var counts = ConfusionCounts()
        for i in order {
            if positive[i] { counts.falseNegatives += weights?[i] ?? 1 } else { counts.trueNegatives += weights?[i] ?? 1 }
        }
        guard let top = order.first else { return [] }
        let highest = scores[top]
        var cuts: [(Double, ConfusionCounts)] = [(highest < 1 ? (highest + 1) / 2 : highest.nextUp, counts)]
        var position = 0
        while position < order.count {
            let score = scores[order[position]]
            while position < order.count, scores[order[position]] == score {
                let row = order[position]
                let weight = weights?[row] ?? 1
                if positive[row] {
                    counts.truePositives += weight
                    counts.falseNegatives -= weight
                } else {
                    counts.falsePositives += weight
                    counts.trueNegatives -= weight
                }
                position += 1
            }
            let next = position < order.count ? scores[order[position]] : 0
            cuts.append(((score + next) / 2, counts))
        }
        return cuts
    }

    /// Thresholds chosen across groups of rows: each group's threshold is chosen on the rows of
    /// every other group, so a group's labels never depend on its own truth. With one group, it is
    /// split in two halves (alternating rows within each class, in the given order), and each half
    /// gets the threshold chosen on the other.
    /// - Returns: the groups actually used and their thresholds.
    public static func crossFitted(
        groups: [[Int]], scores: [Double], positive: [Bool], weights: [Double]? = nil, objective: ThresholdObjective
    ) -> [(rows: [Int], choice: Choice)] {
        let used = groups.count >= 2 ? groups : RowPartition.alternatingHalves(groups.first ?? []) { positive[$0] ? 1 : 0 }
        return used.indices.map { index in
            let others = used.indices.filter { $0 != index }.flatMap { used[$0] }
            let choice = choose(
                scores: others.map { scores[$0] }, positive: others.map { positive[$0] }, weights: weights.map { w in others.map { w[$0] } },
                objective: objective)
            return (used[index], choice)
        }
    }
}
