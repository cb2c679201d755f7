import Foundation
import Learners
import Tuning

/// `candidates.md` of an AutoML job: the problem type and metric and why, the evaluation protocol,
/// and for every candidate its preprocessing steps with the recommender's reasons, its algorithm,
/// its search space, and the best hyperparameters found with their score.
public struct CandidatesReport: Sendable {
    public var jobName: String
    public var task: Task
    public var metric: Metric
    /// Whether the user chose the metric (else the default for the task).
    public var metricChosen: Bool
    /// What each pipeline's decision threshold was chosen for (nil: the most probable class).
    public var objective: ThresholdObjective?
    public var evaluation: EvaluationProtocol
    public var candidates: [Candidate]
    public var leaderboard: Leaderboard
    public var finalModel: FinalModel
    /// The honest estimate of the saved model, or why there is none.
    public var estimateNote: String?
    public var testMetrics: [String: Double]
    public var testFile: String?
    public var reproduction: Reproduction?
    /// The job's settings, for each candidate's replay command (nil: no commands).
    public var configuration: RunConfiguration?

    public var markdown: String {
        var document = MarkdownDocument()
        document.heading(1, "Candidates: \(jobName)")
        if let reproduction { document.paragraph(reproduction.line) }
        let metricReason: String
        switch objective {
        case .recallAtPrecision?: metricReason = "the recall reached at the precision target of --target-precision"
        case .precisionAtRecall?: metricReason = "the precision reached at the recall target of --target-recall"
        default:
            metricReason =
                metricChosen
                ? "chosen with --metric"
                : "the default for a \(task.rawValue) task, as SageMaker Autopilot picks (F1 for binary, accuracy for multiclass, MSE, here its root, for regression); choose another with --metric"
        }
        document.bullets([
            "**Problem type:** \(task.rawValue)",
            "**Metric:** " + MarkdownDocument.code(metric.rawValue) + " (\(metric.higherIsBetter ? "higher" : "lower") is better), "
                + MarkdownDocument.escape(metricReason),
            "**Evaluation:** " + MarkdownDocument.escape(evaluation.description)
                + " (cross-validation up to \(EvaluationProtocol.crossValidationRowLimit) rows, stratified for classification; a holdout above)",
            "**Decision:** " + MarkdownDocument.escape(Self.decisionText(objective, task: task)),
            "**Search:** one Bayesian optimization over the joint space of all candidates (the algorithm is a categorical hyperparameter); every candidate is first tried at its cheap starting values",
        ])
        if let best = leaderboard.best {
            document.heading(2, "Best pipeline and saved model")
            document.paragraph(
                "Best pipeline: trial \(best.trial), \(MarkdownDocument.code(best.candidate.algorithm)), \(MarkdownDocument.code(metric.rawValue)) = "
                    + "\(NumberFormat.short(best.score.mean)) ± \(NumberFormat.short(best.score.standardDeviation)).")
            document.paragraph("Saved in `model/`, refitted on all training rows: " + MarkdownDocument.escape(finalModel.summary(metric: metric)))
            if let estimateNote { document.paragraph(MarkdownDocument.escape(estimateNote)) }
            if let decision = finalModel.decision { document.paragraph(MarkdownDocument.escape(decision.summary)) }
            if !testMetrics.isEmpty {
                document.paragraph(
                    "On the held-out file \(MarkdownDocument.code(testFile ?? "")): "
                        + testMetrics.keys.sorted().map { "\(MarkdownDocument.code($0)) = \(NumberFormat.short(testMetrics[$0]))" }.joined(
                            separator: ", ") + ".")
            }
        }
        for candidate in candidates {
            document.heading(2, "Candidate \(candidate.id)")
            let entries = leaderboard.entries.filter { $0.candidate.id == candidate.id }
            if let top = entries.first {
                document.paragraph(
                    "Algorithm \(MarkdownDocument.code(candidate.algorithm)), \(entries.count) \(entries.count == 1 ? "trial" : "trials"); best: trial \(top.trial), "
                        + "\(MarkdownDocument.code(metric.rawValue)) = \(NumberFormat.short(top.score.mean)) ± \(NumberFormat.short(top.score.standardDeviation)) (rank \(top.rank)), with "
                        + MarkdownDocument.escape(
                            TuningReport.summary(top.hyperparameters).isEmpty ? "its defaults" : TuningReport.summary(top.hyperparameters)) + ".")
                if let configuration {
                    document.paragraph(
                        "Refit exactly this pipeline and reproduce its validation score (same data, seed, folds and threads; "
                            + "[\(MarkdownDocument.escape(CandidateFile.path(trial: top.trial)))](\(CandidateFile.path(trial: top.trial))) holds its settings): "
                            + MarkdownDocument.code(Reproduction.shellQuoted(configuration.replayCommand(trial: top.trial))))
                }
            } else {
                document.paragraph("Algorithm \(MarkdownDocument.code(candidate.algorithm)): no trial completed.")
            }
            document.heading(3, "Preprocessing (\(candidate.plan.family.title))")
            var rows: [[String]] = []
            if candidate.plan.dropDuplicateRows { rows.append(["(rows)", "drop duplicate rows", candidate.plan.duplicateRowsReason ?? ""]) }
            for column in candidate.plan.columns {
                if column.steps.isEmpty { rows.append([column.column, "use as is", column.note ?? "no step needed for this family"]) }
                for planned in column.steps { rows.append([column.column, planned.step.title, planned.reason]) }
            }
            document.table(["column", "step", "reason"], rows)
            if let reason = candidate.targetTransformReason {
                document.paragraph("**Target transform:** " + MarkdownDocument.escape(reason) + ".")
            }
            document.heading(3, "Search space")
            document.table(
                ["hyperparameter", "range", "starting value"],
                candidate.space.parameters.map { [$0.name, $0.domainDescription, TuningReport.startingValue($0)] })
        }
        return document.text
    }

    /// How pipelines turn probabilities into labels, and why.
    static func decisionText(_ objective: ThresholdObjective?, task: Task) -> String {
        guard task.isClassification else { return "regression: the predicted value" }
        guard let objective else {
            return task == .binary
                ? "the most probable class (a cut at 0.5): the metric does not depend on a threshold, or is precision or recall alone, which a threshold would game; use --target-precision or --target-recall for a decision target"
                : "the most probable class (the first in sorted order on ties)"
        }
        return
            "each pipeline is scored at its own decision threshold, chosen for \(objective.description) on the other folds' out-of-fold predictions "
            + "(two halves of the holdout take each other's), so the choice never sees the rows it is scored on; the saved model's threshold is chosen on all its out-of-fold predictions"
    }
}
