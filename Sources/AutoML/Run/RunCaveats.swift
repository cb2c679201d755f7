import Foundation
import Learners
import Tabular
import Tuning

/// What should worry a reviewer about a run's result, computed from the run itself: thin search,
/// best values at the edge of their range, trials lost, imbalance, tiny data, dates shuffled into
/// folds, suspected leakage, an optimistic selection figure.
public enum RunCaveats {
    /// Autopilot's minimum number of rows for a job.
    public static let minimumRows = 500

    /// The caveats, most serious first, as Markdown sentences.
    public static func caveats(
        exploration: Exploration, rows: Int, candidates: [Candidate], outcomes: TrialOutcomes, leaderboard: Leaderboard,
        finalModel: FinalModel, estimate: HonestEstimate?, metric: Metric, evaluation: EvaluationProtocol, stoppedEarly: Bool
    ) -> [String] {
        var caveats: [String] = []
        let target = exploration.profile.target?.column
        for finding in exploration.findings where finding.kind == .targetLeakage {
            caveats.append(
                "**Suspected leakage:** " + MarkdownDocument.code(finding.column ?? "") + " " + MarkdownDocument.escape(finding.reason)
                    + ". A model that leans on it will score far worse once the column is not known in advance.")
        }
        if stoppedEarly {
            caveats.append("**The search was interrupted** before its time limit; more trials may find a better model.")
        }
        if let estimate, estimate.groupScores.count > 1 {
            let gap = metric.higherIsBetter ? estimate.selectionScore - estimate.mean : estimate.mean - estimate.selectionScore
            let scale = metric.higherIsBetter ? 1 : max(abs(estimate.mean), 1e-12)
            if gap / scale > 0.02 || gap > 2 * estimate.standardDeviation && gap / scale > 0.005 {
                caveats.append(
                    "**The selection's figure is optimistic:** \(metric.rawValue) \(NumberFormat.short(estimate.selectionScore)) on the predictions that "
                        + "chose the model, \(NumberFormat.short(estimate.mean)) ± \(NumberFormat.short(estimate.standardDeviation)) when the choice is scored on rows it did not see. Expect the latter."
                )
            }
        }
        if rows < minimumRows {
            caveats.append(
                "**Tiny data:** \(rows) rows, fewer than the \(minimumRows) SageMaker Autopilot asks for; scores move a lot from fold to fold and the ranking of close pipelines is luck."
            )
        }
        if let profile = exploration.profile.target, profile.problem.problemType?.isClassification == true,
            let largest = profile.classes.first, let smallest = profile.classes.last, largest.count > 0
        {
            let share = Double(smallest.count) / Double(max(1, rows))
            if share < 0.2 {
                caveats.append(
                    "**Class imbalance:** the smallest class " + MarkdownDocument.code(smallest.value)
                        + " is \(FindingRules.percent(share)) of the rows; "
                        + "accuracy flatters a model that ignores it. Read the per-class figures, not the overall score.")
            }
        }
        let dates = exploration.profile.columns.filter { $0.type == .datetime && $0.name != target }.map(\.name)
        if !dates.isEmpty {
            caveats.append(
                "**Dates shuffled into folds:** " + dates.map(MarkdownDocument.code).joined(separator: ", ")
                    + (dates.count == 1 ? " holds" : " hold")
                    + " dates, and rows were assigned to \(MarkdownDocument.escape(evaluation.description)) at random. If the model will predict rows later than those it was trained on, "
                    + "a split by time would be more honest, and these scores may be optimistic.")
        }
        if let fallback = outcomes.fallbackCaveat { caveats.append(fallback) }
        if outcomes.failed + outcomes.cutOff > 0 {
            caveats.append(
                "**Trials lost:** \(outcomes.failed) failed and \(outcomes.cutOff) \(outcomes.cutOff == 1 ? "was" : "were") cut off (see the leaderboard's failed and cut-off trials)."
            )
        }
        for candidate in candidates {
            let counts = outcomes.byCandidate[candidate.id] ?? (0, 0)
            if counts.completed == 0 {
                caveats.append(
                    "**" + MarkdownDocument.escape(candidate.algorithm)
                        + " never completed a trial** (\(counts.started) started): it was not compared at all.")
            } else if counts.started == 1 {
                caveats.append(
                    "**" + MarkdownDocument.escape(candidate.algorithm)
                        + " got only its starting trial:** its score says little about what it could do when tuned.")
            }
        }
        caveats += edgeCaveats(leaderboard: leaderboard, finalModel: finalModel)
        return caveats
    }

    /// Tuned values of the best pipeline and of the saved model's heaviest member that sit at the
    /// edge of their range (within 1% of it on the range's scale): the best may lie beyond. Starting
    /// values are left out (the search did not find them), and so are bounds at 0 or 1, which are a
    /// parameter's natural limit (no penalty, the whole sample) rather than a choice of range.
    static func edgeCaveats(leaderboard: Leaderboard, finalModel: FinalModel) -> [String] {
        var entries: [Leaderboard.Entry] = []
        for entry in [leaderboard.best, finalModel.parts.first?.entry].compactMap({ $0 }) where !entries.contains(where: { $0.trial == entry.trial })
        {
            entries.append(entry)
        }
        var caveats: [String] = []
        for entry in entries {
            var edges: [String] = []
            for parameter in entry.candidate.space.parameters {
                guard let value = entry.hyperparameters.values[parameter.name],
                    let edge = parameter.rangeEdge(of: value, skippingNaturalLimits: true)
                else { continue }
                edges.append("\(parameter.name) = \(TuningReport.shown(value)) at the \(edge) of \(parameter.domainDescription)")
            }
            if !edges.isEmpty {
                caveats.append(
                    "**Edge of the search space:** trial \(entry.trial) (\(MarkdownDocument.escape(entry.candidate.algorithm))) has "
                        + MarkdownDocument.escape(edges.joined(separator: "; ")) + "; a better value may lie beyond the range.")
            }
        }
        return caveats
    }
}
