import Learners
import Tabular
import Tuning

/// The pipelines the saved model is made of, and why: an ensemble selected from the leaderboard's
/// out-of-fold predictions when it scores better than the best single pipeline on the same rows
/// and its refit fits in the time left, otherwise the best-ranked single pipeline whose refit fits.
public struct FinalModel: Sendable {
    /// A leaderboard entry in the model, with its weight.
    public struct Part: Sendable {
        public var entry: Leaderboard.Entry
        public var weight: Double
    }

    public var parts: [Part]
    /// The ensemble selection that was tried (nil when fewer than two pipelines completed).
    public var selection: EnsembleSelection?
    /// Trials in the selection's library, in library order.
    public var library: [Int]
    /// One sentence on why the model is what it is.
    public var reason: String
    /// For a binary task with a threshold objective: the threshold chosen on the model's out-of-fold
    /// predictions.
    public var decision: ThresholdDecision?

    public var isEnsemble: Bool { parts.count > 1 }

    /// The most pipelines offered to ensemble selection: the best-ranked ones.
    public static let librarySize = 20

    /// The most out-of-fold rows ensemble selection scores on: beyond it, every k-th row. Each
    /// round scores every library member's blend (a sort of all rows for AUC or a threshold), so on
    /// a 200,000-row holdout selection alone took longer than a short time limit; the weights it
    /// picks on 50,000 spaced rows hardly move.
    public static let selectionRows = 50_000

    /// Chooses the final model.
    /// - Parameters:
    ///   - weights: the out-of-fold rows' weights (nil: all ones).
    ///   - refitSeconds: the estimated seconds to refit an entry on all rows.
    ///   - remaining: seconds left for choosing and refitting: the choice itself counts against it
    ///     (each round of selection on thousands of rows takes a noticeable part of a short limit), and
    ///     when another round would leave too little to refit the single pipeline, it stops there.
    public static func choose(
        _ leaderboard: Leaderboard, truth: [Double], weights: [Double]? = nil, classes: [String], metric: Metric,
        objective: ThresholdObjective? = nil,
        refitSeconds: (Leaderboard.Entry) -> Double, remaining: Double
    ) -> FinalModel? {
        guard let top = leaderboard.best else { return nil }
        let started = ContinuousClock.now
        func left() -> Double { remaining - (ContinuousClock.now - started).inSeconds }
        let single = leaderboard.entries.first { refitSeconds($0) <= remaining } ?? top
        var singleReason =
            single.trial == top.trial
            ? "the best-ranked pipeline"
            : "the best-ranked pipeline whose refit fits the time left (trial \(top.trial) would not)"
        var library = leaderboard.entries.prefix(librarySize).filter { refitSeconds($0) <= remaining && !$0.score.outOfFold.isEmpty }
        // Each entry's predictions in row order (every k-th row past `selectionRows`), computed once
        // for every round of selection below.
        let (selectionTruth, selectionWeights, thin) = Self.spaced(truth: truth, weights: weights)
        var values = library.map { thin(outOfFoldValues($0)) }
        // What an ensemble must beat: the single pipeline that would be saved instead, on the same
        // rows. Once the costliest members are dropped (below), the library's own best single one
        // is weaker than it, and an ensemble of what is left must not pass for an improvement.
        let singleValues = thin(outOfFoldValues(single))
        let singleScore =
            singleValues.count == selectionTruth.count * max(1, classes.count)
            ? EnsembleSelection.inSampleScore(
                singleValues, truth: selectionTruth, weights: selectionWeights, positive: selectionTruth.map { $0 == 1 }, classes: classes,
                metric: metric, objective: objective)
            : Double.nan
        var lastSelection: EnsembleSelection?
        var lastLibrary: [Int] = []
        var shrunk = false
        var roundSeconds = 0.0
        while library.count >= 2 {
            if left() - roundSeconds < refitSeconds(single) {
                singleReason += "; no time was left to choose an ensemble"
                break
            }
            let roundStarted = ContinuousClock.now
            defer { roundSeconds = (ContinuousClock.now - roundStarted).inSeconds }
            guard
                let selection = EnsembleSelection.select(
                    library: values, truth: selectionTruth, weights: selectionWeights, classes: classes, metric: metric, objective: objective)
            else { break }
            lastSelection = selection
            lastLibrary = library.map(\.trial)
            guard selection.beatsBestSingle(metric), !singleScore.isFinite || metric.direction.isBetter(selection.score, than: singleScore) else {
                singleReason +=
                    shrunk
                    ? "; no ensemble that scored better could be refitted in the time left"
                    : "; an ensemble did not score better on the out-of-fold predictions"
                break
            }
            let members = selection.weights.keys.sorted()
            let cost = members.reduce(0) { $0 + refitSeconds(library[$1]) }
            if cost <= left() {
                let parts = members.map { Part(entry: library[$0], weight: selection.weights[$0] ?? 0) }
                    .sorted { ($0.weight, -$0.entry.rank) > ($1.weight, -$1.entry.rank) }
                return FinalModel(
                    parts: parts, selection: selection, library: lastLibrary,
                    reason: "it scored \(NumberFormat.short(selection.score)) on the out-of-fold predictions, "
                        + "better than the best single pipeline's \(NumberFormat.short(singleScore.isFinite ? singleScore : selection.bestSingleScore))"
                        + (objective == nil ? "" : " (each at its own best threshold there)")
                ).deciding(truth: truth, weights: weights, classes: classes, objective: objective)
            }
            // Too slow to refit them all: offer the library without its costliest member.
            let costliest = members.max { refitSeconds(library[$0]) < refitSeconds(library[$1]) } ?? members[0]
            library.remove(at: costliest)
            values.remove(at: costliest)
            shrunk = true
            singleReason += library.count >= 2 ? "" : "; no ensemble that scored better could be refitted in the time left"
        }
        return FinalModel(parts: [Part(entry: single, weight: 1)], selection: lastSelection, library: lastLibrary, reason: singleReason)
            .deciding(truth: truth, weights: weights, classes: classes, objective: objective)
    }

    /// At most ``selectionRows`` evenly spaced rows of `truth` and `weights`, and the function that
    /// takes the same rows of a row-major prediction array (the identity when all rows are kept).
    static func spaced(truth: [Double], weights: [Double]?) -> ([Double], [Double]?, ([Double]) -> [Double]) {
        let step = (truth.count + selectionRows - 1) / selectionRows
        guard step > 1 else { return (truth, weights, { $0 }) }
        let rows = Array(stride(from: 0, to: truth.count, by: step))
        let thin: ([Double]) -> [Double] = { values in
            let width = values.count / max(1, truth.count)
            return rows.flatMap { values[($0 * width)..<(($0 + 1) * width)] }
        }
        return (rows.map { truth[$0] }, weights.map { w in rows.map { w[$0] } }, thin)
    }

    /// This model with its decision threshold chosen on its out-of-fold predictions.
    func deciding(truth: [Double], weights: [Double]?, classes: [String], objective: ThresholdObjective?) -> FinalModel {
        guard let objective else { return self }
        var model = self
        model.decision = ThresholdDecision.choose(outOfFold: outOfFoldValues, truth: truth, weights: weights, classes: classes, objective: objective)
        return model
    }

    /// The model's out-of-fold predictions, row-major, rows ascending: the parts' weighted average.
    public var outOfFoldValues: [Double] {
        var combined: [Double] = []
        for part in parts {
            let values = Self.outOfFoldValues(part.entry)
            if combined.isEmpty { combined = [Double](repeating: 0, count: values.count) }
            guard values.count == combined.count else { return [] }
            for i in combined.indices { combined[i] += part.weight * values[i] }
        }
        return combined
    }

    /// One sentence for reports: what the model is and why.
    public func summary(metric: Metric) -> String {
        if isEnsemble {
            return
                "An ensemble of \(parts.count) pipelines, selected greedily from the \(library.count) best pipelines' out-of-fold predictions: \(reason)."
        }
        guard let part = parts.first else { return "" }
        return
            "Trial \(part.entry.trial) (\(part.entry.candidate.algorithm), \(metric.rawValue) \(NumberFormat.short(part.entry.score.mean))): \(reason)."
    }

    /// An entry's out-of-fold predictions as one row-major array, rows in ascending order.
    static func outOfFoldValues(_ entry: Leaderboard.Entry) -> [Double] {
        entry.score.outOfFold.sorted { $0.row < $1.row }.flatMap(\.values)
    }

    /// The rows the out-of-fold predictions cover, ascending.
    static func outOfFoldRows(_ leaderboard: Leaderboard) -> [Int] {
        (leaderboard.best?.score.outOfFold.map(\.row) ?? []).sorted()
    }
}
