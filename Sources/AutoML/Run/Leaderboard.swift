import Foundation
import Learners
import Tabular
import Tuning

/// The ranked candidates of an AutoML job: one row per completed trial, best first.
public struct Leaderboard: Sendable {
    /// One evaluated pipeline.
    public struct Entry: Sendable {
        public var rank: Int
        public var trial: Int
        public var candidate: Candidate
        public var hyperparameters: Assignment
        public var score: CandidateScore
        /// The trial's seed: with the job's seed and data, it refits the same pipeline exactly.
        public var seed: UInt64 = 0
    }

    public var metric: Metric
    public var entries: [Entry]

    /// Ranks the completed trials by their mean score (ties: lower trial number first).
    public init(metric: Metric, trials: [Trial], scores: [Int: CandidateScore], candidates: [Candidate]) {
        self.metric = metric
        var entries: [Entry] = []
        for trial in trials where trial.completedValue != nil {
            guard let score = scores[trial.number] else { continue }
            let (id, hyperparameters) = CandidateGenerator.split(trial.assignment)
            guard let candidate = candidates.first(where: { $0.id == id }) else { continue }
            entries.append(
                Entry(rank: 0, trial: trial.number, candidate: candidate, hyperparameters: hyperparameters, score: score, seed: trial.seed))
        }
        let higher = metric.higherIsBetter
        entries.sort { a, b in
            a.score.mean == b.score.mean ? a.trial < b.trial : (higher ? a.score.mean > b.score.mean : a.score.mean < b.score.mean)
        }
        for index in entries.indices { entries[index].rank = index + 1 }
        self.entries = entries
    }

    public var best: Entry? { entries.first }

    /// A plan in a few words: the steps used and how many columns each touches.
    static func planSummary(_ plan: PreprocessingPlan) -> String {
        var counts: [String: Int] = [:]
        for column in plan.columns {
            for planned in column.steps { counts[planned.step.title.components(separatedBy: " (").first ?? planned.step.title, default: 0] += 1 }
        }
        let parts = counts.keys.sorted().map { "\($0) ×\(counts[$0] ?? 0)" }
        return (plan.dropDuplicateRows ? ["dedupe"] : []).joined() + (plan.dropDuplicateRows && !parts.isEmpty ? ", " : "")
            + parts.joined(separator: ", ")
    }

    /// The columns of both leaderboard files.
    var header: [String] {
        ["rank", "trial", "algorithm", "preprocessing", "hyperparameters", "\(metric.rawValue) (mean)", "\(metric.rawValue) (std)"]
            + otherMetricNames + ["fit seconds", "predict seconds per 1000 rows", "model bytes"]
    }

    var otherMetricNames: [String] {
        Array(Set(entries.flatMap { $0.score.otherMetrics.keys })).sorted()
    }

    /// Every row as text, in header order.
    var rows: [[String]] {
        let others = otherMetricNames
        return entries.map { entry in
            [
                String(entry.rank), String(entry.trial), entry.candidate.algorithm, Self.planSummary(entry.candidate.plan),
                TuningReport.summary(entry.hyperparameters), Self.number(entry.score.mean), Self.number(entry.score.standardDeviation),
            ]
                + others.map { entry.score.otherMetrics[$0].map(Self.number) ?? "" }
                + [Self.number(entry.score.fitSeconds), Self.number(entry.score.predictSecondsPer1000), String(entry.score.modelBytes)]
        }
    }

    static func number(_ value: Double) -> String { NumberFormat.short(value) }

    /// `leaderboard.csv`: the same table for machines (RFC 4180 quoting).
    public var csv: String {
        ([header] + rows).map(CSVWriter.record).joined(separator: "\n") + "\n"
    }

    /// `leaderboard.md`: the table, and what the saved model is (`modelBytes`: its directory's size).
    public func markdown(
        jobName: String, evaluation: EvaluationProtocol, task: Task, finalModel: FinalModel, modelBytes: Int?, estimateNote: String? = nil,
        outcomes: TrialOutcomes? = nil, reproduction: Reproduction? = nil, figures: [String] = []
    ) -> String {
        var document = MarkdownDocument()
        document.heading(1, "Leaderboard: \(jobName)")
        if let reproduction { document.paragraph(reproduction.line) }
        document.paragraph(
            (outcomes.map { "Trials: \($0.tally). " } ?? "")
                + "\(entries.count) pipelines evaluated by \(MarkdownDocument.escape(evaluation.description)) on the training rows; "
                + "ranked by \(MarkdownDocument.code(metric.rawValue)) (\(metric.higherIsBetter ? "higher" : "lower") is better), a \(task.rawValue) task. "
                + "Fit seconds are over all folds; model bytes are the first fold's learner file.")
        document.heading(2, "Saved model")
        if let modelBytes {
            document.paragraph(
                MarkdownDocument.escape(finalModel.summary(metric: metric))
                    + " Refitted on all training rows; `model/` holds \(NumberFormat.bytes(modelBytes)).")
        } else {
            document.paragraph(
                MarkdownDocument.escape(finalModel.summary(metric: metric)) + " **Not saved:** it does not reach the decision target (below).")
        }
        if let estimateNote { document.paragraph(MarkdownDocument.escape(estimateNote)) }
        if let decision = finalModel.decision { document.paragraph(MarkdownDocument.escape(decision.summary)) }
        if finalModel.isEnsemble {
            document.table(
                ["trial", "rank", "algorithm", "weight"],
                finalModel.parts.map {
                    [String($0.entry.trial), String($0.entry.rank), $0.entry.candidate.algorithm, NumberFormat.short($0.weight)]
                }, rightAligned: [0, 1, 3])
        }
        if !figures.isEmpty {
            document.heading(2, "Search")
            document.paragraph(
                "Every completed trial's validation score by algorithm, and the best score so far as the search went on "
                    + "(a line that is still climbing at the end says more time would likely help).")
            for figure in figures {
                document.image(
                    figure.hasSuffix("convergence.svg") ? "best score so far against time" : "validation score by algorithm",
                    path: "figures/\(figure)")
            }
        }
        document.heading(2, "Pipelines")
        // For people: the plan named once per family below instead of on every row, and latency in
        // milliseconds (leaderboard.csv keeps the full plan summary and seconds).
        let families = Array(Set(entries.map(\.candidate.plan.family))).sorted { $0.rawValue < $1.rawValue }
        document.bullets(
            families.compactMap { family in
                entries.first { $0.candidate.plan.family == family }.map {
                    "**\(MarkdownDocument.escape(family.rawValue)) plan:** " + MarkdownDocument.escape(Self.planSummary($0.candidate.plan))
                }
            })
        let latency = header.count - 2
        var shownHeader = header
        shownHeader[3] = "plan"
        shownHeader[latency] = "predict ms per 1000 rows"
        let shownRows = zip(entries, rows).map { entry, row -> [String] in
            var row = row
            row[3] = entry.candidate.plan.family.rawValue
            row[latency] = Printf.fixed(entry.score.predictSecondsPer1000 * 1000, 2)
            return row
        }
        document.table(shownHeader, shownRows, rightAligned: Set([0, 1, 5, 6] + (0..<(otherMetricNames.count + 3)).map { 7 + $0 }))
        outcomes?.section(into: &document, level: 2)
        return document.text
    }
}
