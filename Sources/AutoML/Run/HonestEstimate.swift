import Learners
import Tabular

/// An estimate of the saved model's score from predictions that did not choose it.
///
/// The final model is chosen on the same out-of-fold predictions it would be scored on: the best of
/// many pipelines, an ensemble whose members and weights were fitted to those rows, a threshold
/// tuned on them. Each of these flatters the figure. Here the whole choice (ranking the pipelines,
/// ensemble selection, the decision threshold) is repeated with one group of out-of-fold rows held
/// out, on the remaining rows only, and the model it picks is scored on the held-out group: the
/// folds of cross-validation, or two halves of a holdout. The mean over groups estimates how the
/// procedure that made the saved model scores on rows it never saw.
public struct HonestEstimate: Codable, Sendable, Equatable {
    /// The chosen model's metric on each held-out group.
    public var groupScores: [Double]
    /// The figure the selection itself saw for the saved model (the ensemble's score on the
    /// out-of-fold predictions that chose it, or the best pipeline's leaderboard mean).
    public var selectionScore: Double
    /// How many of the groups chose an ensemble.
    public var ensembles: Int
    /// Whether the repeated choice included a decision threshold.
    public var withThreshold = false

    public init(groupScores: [Double], selectionScore: Double, ensembles: Int, withThreshold: Bool = false) {
        self.groupScores = groupScores
        self.selectionScore = selectionScore
        self.ensembles = ensembles
        self.withThreshold = withThreshold
    }

    public var mean: Double { groupScores.reduce(0, +) / Double(max(1, groupScores.count)) }

    public var standardDeviation: Double {
        guard groupScores.count > 1 else { return 0 }
        let m = mean
        return (groupScores.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(groupScores.count - 1)).squareRoot()
    }

    /// Repeats ``FinalModel/choose(_:truth:classes:metric:objective:refitSeconds:remaining:)`` once per
    /// group of `groups` (rows of the training table, disjoint, covering the out-of-fold rows) on the
    /// other groups' rows, and scores each choice on its group.
    /// - Parameters:
    ///   - truth: the target of a training-table row (class index or value).
    ///   - weight: the weight of a training-table row (nil: all ones).
    /// - Returns: nil when fewer than two groups or no completed pipeline.
    public static func compute(
        _ leaderboard: Leaderboard, finalModel: FinalModel, groups: [[Int]], truth: (Int) -> Double, weight: ((Int) -> Double)? = nil,
        classes: [String], metric: Metric, objective: ThresholdObjective?, refitSeconds: (Leaderboard.Entry) -> Double, remaining: Double
    ) -> HonestEstimate? {
        guard groups.count >= 2, !leaderboard.entries.isEmpty else { return nil }
        let width = max(1, classes.count)
        // Every entry's out-of-fold values, looked up by training-table row.
        var values: [Int: [Int: ArraySlice<Double>]] = [:]
        for entry in leaderboard.entries {
            var byRow: [Int: ArraySlice<Double>] = [:]
            for (row, prediction) in entry.score.outOfFold { byRow[row] = prediction[...] }
            values[entry.trial] = byRow
        }
        var scores: [Double] = []
        var ensembles = 0
        for (index, heldOut) in groups.enumerated() {
            let selectionRows = groups.indices.filter { $0 != index }.flatMap { groups[$0] }.sorted()
            let selectionTruth = selectionRows.map(truth)
            let selectionWeights = weight.map { selectionRows.map($0) }
            let selectionPositive = selectionTruth.map { $0 == 1 }
            let keep = Set(selectionRows)
            // The leaderboard as the selection rows alone would rank it.
            var restricted = leaderboard
            restricted.entries = leaderboard.entries.map { entry in
                var copy = entry
                copy.score.outOfFold = entry.score.outOfFold.filter { keep.contains($0.row) }
                let rowValues = FinalModel.outOfFoldValues(copy)
                copy.score.foldScores = [
                    EnsembleSelection.inSampleScore(
                        rowValues, truth: selectionTruth, weights: selectionWeights, positive: selectionPositive, classes: classes, metric: metric,
                        objective: objective)
                ]
                return copy
            }
            restricted.entries.sort { a, b in
                let (x, y) = (a.score.mean, b.score.mean)
                if x == y || (!x.isFinite && !y.isFinite) { return a.trial < b.trial }
                guard x.isFinite else { return false }
                guard y.isFinite else { return true }
                return metric.direction.isBetter(x, than: y)
            }
            for position in restricted.entries.indices { restricted.entries[position].rank = position + 1 }
            guard
                let chosen = FinalModel.choose(
                    restricted, truth: selectionTruth, weights: selectionWeights, classes: classes, metric: metric, objective: objective,
                    refitSeconds: refitSeconds, remaining: remaining)
            else { return nil }
            if chosen.isEnsemble { ensembles += 1 }
            // The chosen model's predictions on the held-out rows.
            var combined = [Double](repeating: 0, count: heldOut.count * width)
            for part in chosen.parts {
                guard let byRow = values[part.entry.trial] else { return nil }
                for (position, row) in heldOut.enumerated() {
                    guard let prediction = byRow[row], prediction.count == width else { return nil }
                    for (k, value) in prediction.enumerated() { combined[position * width + k] += part.weight * value }
                }
            }
            let prediction =
                classes.isEmpty
                ? Prediction(regression: combined)
                : Prediction(classes: classes, probabilities: combined, threshold: chosen.decision?.threshold)
            scores.append(metric.evaluate(prediction, truth: heldOut.map(truth), weights: weight.map { heldOut.map($0) }))
        }
        let selectionScore = finalModel.isEnsemble ? (finalModel.selection?.score ?? .nan) : (finalModel.parts.first?.entry.score.mean ?? .nan)
        return HonestEstimate(groupScores: scores, selectionScore: selectionScore, ensembles: ensembles, withThreshold: objective != nil)
    }

    /// The groups a run's estimate holds out: the validation rows of each fold, or a single holdout's
    /// rows in two halves (alternating within each class, for classification).
    public static func groups(folds: [[Int]], truth: (Int) -> Double, classification: Bool) -> [[Int]] {
        guard folds.count == 1, let rows = folds.first else { return folds }
        return RowPartition.alternatingHalves(rows) { classification ? Int(truth($0)) : 0 }
    }

    /// One sentence for reports: the estimate, its spread, and the biased figure beside it.
    public func summary(metric: Metric, evaluation: EvaluationProtocol) -> String {
        let how: String
        switch evaluation {
        case .crossValidation: how = "\(groupScores.count) folds"
        case .holdout: how = "two halves of the holdout"
        }
        return "Honest estimate of the saved model: \(metric.rawValue) \(NumberFormat.short(mean)) ± \(NumberFormat.short(standardDeviation)) "
            + "(the choice of \(withThreshold ? "pipelines, ensemble and threshold" : "pipelines and ensemble") repeated without each of \(how), scored on it; \(ensembles) of \(groupScores.count) chose an ensemble). "
            + "The selection's own figure, \(NumberFormat.short(selectionScore)), is scored on the predictions that chose the model and is optimistic."
    }
}
