import Learners

/// A candidate's per-fold predictions labelled the way the run decides: the most probable class,
/// or for a binary task with a ``ThresholdObjective`` the threshold chosen on the other folds.
enum DecidedFolds {
    /// A batch of predictions, the truth of its rows (class indices or values) and their weights.
    typealias Part = (prediction: Prediction, truth: [Double], weights: [Double]?)

    /// Per fold, the parts it is scored in: the fold itself, labelled at the threshold chosen on
    /// every other fold; a single fold (a holdout) in two halves, each labelled at the threshold
    /// chosen on the other. A fold's score is the mean over its parts.
    static func label(_ folds: [Part], objective: ThresholdObjective?) -> [[Part]] {
        guard let objective, let first = folds.first, first.prediction.classes.count == 2 else { return folds.map { [$0] } }
        var scores: [Double] = []
        var positive: [Bool] = []
        var weights: [Double] = []
        var groups: [[Int]] = []
        let weighted = folds.contains { $0.weights != nil }
        for fold in folds {
            groups.append(Array(scores.count..<(scores.count + fold.truth.count)))
            scores += fold.prediction.probabilities(ofClass: 1)
            positive += fold.truth.map { $0 == 1 }
            weights += fold.weights ?? [Double](repeating: 1, count: fold.truth.count)
        }
        let decided = ThresholdSearch.crossFitted(
            groups: groups, scores: scores, positive: positive, weights: weighted ? weights : nil, objective: objective)
        if folds.count >= 2 {
            return zip(folds, decided).map { fold, group in
                [(fold.prediction.labelled(atThreshold: group.choice.threshold), fold.truth, fold.weights)]
            }
        }
        return [
            decided.map { group in
                (
                    first.prediction.selecting(rows: group.rows).labelled(atThreshold: group.choice.threshold), group.rows.map { first.truth[$0] },
                    first.weights.map { w in group.rows.map { w[$0] } }
                )
            }
        ]
    }
}
