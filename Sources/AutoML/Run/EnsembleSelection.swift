import Learners

/// Greedy ensemble selection with replacement (Caruana, Niculescu-Mizil, Crew and Ksikes,
/// "Ensemble Selection from Libraries of Models", ICML 2004) over a library of models'
/// out-of-fold predictions.
///
/// Starting from an empty ensemble, each round adds the library model (a model may be added again)
/// whose addition makes the averaged predictions score best on the metric; the result is the best
/// ensemble seen over the rounds, each model weighted by how often it was added. Averaging is of
/// class probabilities for classification and of values for regression.
public struct EnsembleSelection: Codable, Sendable, Equatable {
    /// Library index → weight; the weights sum to 1.
    public var weights: [Int: Double]
    /// The ensemble's metric on the pooled out-of-fold rows.
    public var score: Double
    /// The best single library model's metric on the same rows, and its index.
    public var bestSingleScore: Double
    public var bestSingle: Int

    /// Models in the ensemble.
    public var size: Int { weights.count }

    /// Selects an ensemble from `library`: per model, row-major out-of-fold predictions on the same
    /// rows in the same order (`classes.count` values per row for classification, one for
    /// regression), scored against `truth` (class indices or values).
    /// - Parameters:
    ///   - weights: the rows' weights in every score (nil: all ones).
    ///   - objective: for two classes, score every ensemble at its own best threshold on these rows
    ///     for this objective (nil: at the most probable class).
    ///   - rounds: the most models added (with repeats); selection also ends after `patience` rounds
    ///     without improvement.
    public static func select(
        library: [[Double]], truth: [Double], weights: [Double]? = nil, classes: [String], metric: Metric, objective: ThresholdObjective? = nil,
        rounds: Int = 50, patience: Int = 10
    ) -> EnsembleSelection? {
        guard !library.isEmpty, !truth.isEmpty else { return nil }
        let width = max(1, classes.count)
        let length = truth.count * width
        guard library.allSatisfy({ $0.count == length }) else { return nil }
        let positive = truth.map { $0 == 1 }
        func score(_ values: [Double]) -> Double {
            inSampleScore(values, truth: truth, weights: weights, positive: positive, classes: classes, metric: metric, objective: objective)
        }
        func better(_ a: Double, than b: Double) -> Bool {
            guard a.isFinite else { return false }
            guard b.isFinite else { return true }
            return metric.direction.isBetter(a, than: b)
        }
        let singles = library.map(score)
        var bestSingle = 0
        for index in singles.indices where better(singles[index], than: singles[bestSingle]) { bestSingle = index }

        var sum = [Double](repeating: 0, count: length)
        var counts = [Int: Int]()
        var added = 0
        var best: (counts: [Int: Int], score: Double)?
        var sinceImprovement = 0
        var candidate = [Double](repeating: 0, count: length)
        while added < rounds && sinceImprovement < patience {
            var choice: (index: Int, score: Double)?
            let scale = 1 / Double(added + 1)
            for (index, model) in library.enumerated() {
                for i in 0..<length { candidate[i] = (sum[i] + model[i]) * scale }
                let value = score(candidate)
                if choice == nil || better(value, than: choice!.score) { choice = (index, value) }
            }
            guard let choice, choice.score.isFinite else { break }
            for i in 0..<length { sum[i] += library[choice.index][i] }
            counts[choice.index, default: 0] += 1
            added += 1
            if best == nil || better(choice.score, than: best!.score) {
                best = (counts, choice.score)
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
            }
        }
        guard let best else { return nil }
        let total = Double(best.counts.values.reduce(0, +))
        return EnsembleSelection(
            weights: best.counts.mapValues { Double($0) / total }, score: best.score,
            bestSingleScore: singles[bestSingle], bestSingle: bestSingle)
    }

    /// Row-major predictions of `truth` scored on these same rows: for two classes with an
    /// `objective`, the objective's value at the threshold best on them (`positive`: the truth as
    /// class-1 flags, computed once by the caller); otherwise the metric at the most probable class.
    static func inSampleScore(
        _ values: [Double], truth: [Double], weights: [Double]? = nil, positive: [Bool], classes: [String], metric: Metric,
        objective: ThresholdObjective?
    ) -> Double {
        if let objective, classes.count == 2 {
            let scores = (0..<truth.count).map { values[$0 * 2 + 1] }
            return ThresholdSearch.choose(scores: scores, positive: positive, weights: weights, objective: objective).value
        }
        let prediction = classes.isEmpty ? Prediction(regression: values) : Prediction(classes: classes, probabilities: values)
        return metric.evaluate(prediction, truth: truth, weights: weights)
    }

    /// Whether the ensemble has several models and scores strictly better than the best single one.
    public func beatsBestSingle(_ metric: Metric) -> Bool {
        size > 1 && metric.direction.isBetter(score, than: bestSingleScore)
    }
}
