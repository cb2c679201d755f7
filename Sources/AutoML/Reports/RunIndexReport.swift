import Foundation
import Learners
import Tabular
import Tuning

/// `index.md` of an AutoML job: the one page a reviewer opens first. The data in three lines, the
/// alerts that matter, what won and how sure we are, the computed caveats, links to every other
/// report, and how to reproduce the job.
public struct RunIndexReport: Sendable {
    public var jobName: String
    public var reproduction: Reproduction
    public var target: String
    public var rows: Int
    public var columns: Int
    public var droppedRows: Int
    /// The `--sample-weight` column and what it excluded (nil: unweighted).
    public var sampleWeights: SampleWeights? = nil
    public var task: Task
    public var metric: Metric
    public var objective: ThresholdObjective?
    public var evaluation: EvaluationProtocol
    public var exploration: Exploration
    public var candidates: [Candidate]
    public var outcomes: TrialOutcomes
    public var leaderboard: Leaderboard
    public var finalModel: FinalModel
    public var estimate: HonestEstimate?
    public var estimateNote: String
    public var testFile: String?
    public var testMetrics: [String: Double]
    /// False when no model was written (an unreachable precision target).
    public var modelSaved: Bool
    /// Why the search ended, in words.
    public var ending: String
    public var stoppedEarly: Bool

    public var markdown: String {
        var document = MarkdownDocument()
        document.heading(1, "AutoML job: \(jobName)")
        document.bullets(
            [
                "**Data:** " + MarkdownDocument.code(URL(fileURLWithPath: reproduction.dataFile).lastPathComponent) + ", SHA-256 "
                    + MarkdownDocument.code(reproduction.dataSHA256),
                "**Shape:** \(rows) rows × \(columns) columns" + (droppedRows > 0 ? " (\(droppedRows) rows without a target left out)" : ""),
                "**Target:** " + MarkdownDocument.code(target) + ", a \(task.rawValue) task; ranked by " + MarkdownDocument.code(metric.rawValue)
                    + " (\(metric.higherIsBetter ? "higher" : "lower") is better)"
                    + (objective.map { "; decision threshold for " + MarkdownDocument.escape($0.description) } ?? ""),
            ] + (sampleWeights.map { ["**Sample weights:** " + MarkdownDocument.escape($0.summary)] } ?? []))
        document.paragraph(
            "Reports: [exploration](exploration.md) (the data, its alerts and the preprocessing plans), [candidates](candidates.md) "
                + "(every candidate pipeline, its search space and best settings), [leaderboard](leaderboard.md) (every trial, failures included)"
                + (modelSaved
                    ? ", [insights](insights.md) (how the saved model succeeds and fails: confusion matrix, curves, calibration, thresholds, residuals), [explanations](explanations.md) (which input columns drive it: permutation importance, TreeSHAP, coefficients), and the saved model in [model/](model/manifest.json)."
                    : "; no model was saved."))

        document.heading(2, "Result")
        var result: [String] = []
        if let best = leaderboard.best {
            result.append(
                "**Best pipeline:** trial \(best.trial), " + MarkdownDocument.code(best.candidate.algorithm) + ", \(metric.rawValue) "
                    + "\(NumberFormat.short(best.score.mean)) ± \(NumberFormat.short(best.score.standardDeviation)) over \(MarkdownDocument.escape(evaluation.description))"
                    + (best.score.foldScores.count > 1
                        ? " (folds: " + best.score.foldScores.map(NumberFormat.short).joined(separator: ", ") + ")" : ""))
            if let second = leaderboard.entries.dropFirst().first {
                result.append(
                    "**Runner-up:** trial \(second.trial), " + MarkdownDocument.code(second.candidate.algorithm)
                        + ", \(NumberFormat.short(second.score.mean)); "
                        + "the gap, \(NumberFormat.short(abs(best.score.mean - second.score.mean))), is "
                        + (abs(best.score.mean - second.score.mean) <= best.score.standardDeviation
                            ? "no larger than the spread over folds: the two are not clearly apart" : "larger than the spread over folds"))
            }
        }
        result.append(
            "**Saved model:** " + MarkdownDocument.escape(finalModel.summary(metric: metric))
                + (modelSaved ? "" : " **Not saved:** it does not reach the target."))
        result.append("**How sure:** " + MarkdownDocument.escape(estimateNote))
        if let decision = finalModel.decision { result.append("**Decision:** " + MarkdownDocument.escape(decision.summary)) }
        if !testMetrics.isEmpty {
            result.append(
                "**Held-out test file** " + MarkdownDocument.code(URL(fileURLWithPath: testFile ?? "").lastPathComponent) + ": "
                    + testMetrics.keys.sorted().map { "\(MarkdownDocument.code($0)) \(NumberFormat.short(testMetrics[$0]))" }.joined(separator: ", "))
        }
        result.append("**Trials:** \(outcomes.tally); the search ended because \(MarkdownDocument.escape(ending)).")
        document.bullets(result)
        document.table(
            ["algorithm", "trials", "completed", "best " + metric.rawValue],
            candidates.map { candidate in
                let counts = outcomes.byCandidate[candidate.id] ?? (0, 0)
                let best = leaderboard.entries.first { $0.candidate.id == candidate.id }
                return [candidate.algorithm, String(counts.started), String(counts.completed), best.map { NumberFormat.short($0.score.mean) } ?? "–"]
            }, rightAligned: [1, 2, 3])

        document.heading(2, "Caveats")
        let caveats = RunCaveats.caveats(
            exploration: exploration, rows: rows, candidates: candidates, outcomes: outcomes, leaderboard: leaderboard, finalModel: finalModel,
            estimate: estimate, metric: metric, evaluation: evaluation, stoppedEarly: stoppedEarly)
        if caveats.isEmpty {
            document.paragraph(
                "None found by the checks (leakage, interruption, optimism, tiny data, imbalance, dates, lost trials, thin search, range edges).")
        }
        document.bullets(caveats)

        document.heading(2, "Alerts")
        let serious = exploration.findings.filter { $0.severity >= .warning }.sorted { $0.severity > $1.severity }
        let informational = exploration.findings.count - serious.count
        if serious.isEmpty { document.paragraph("No warning or critical alert.") }
        document.bullets(
            serious.map {
                "**\($0.severity.rawValue)**, \(MarkdownDocument.escape($0.kind.title))"
                    + ($0.column.map { " (" + MarkdownDocument.code($0) + ")" } ?? "") + ": " + MarkdownDocument.escape($0.reason)
            })
        if informational > 0 {
            document.paragraph("\(informational) informational alert\(informational == 1 ? "" : "s") in [exploration.md](exploration.md).")
        }

        reproduction.section(into: &document)
        return document.text
    }
}
