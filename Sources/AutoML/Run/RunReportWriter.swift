import Foundation
import Learners
import Tabular
import Tuning

/// The end of an AutoML job: the honest estimate of the saved model, its explanations and the
/// sources of its insights, and the reports (index, leaderboard, candidates, insights, explanations)
/// with the candidate files.
struct RunReportWriter {
    let configuration: RunConfiguration
    /// The run's data, task, evaluator and candidates.
    let setup: Experiment.Setup

    /// The honest estimate of the saved model (``HonestEstimate``) and a sentence on it, or nil and
    /// the reason it was skipped: it repeats the final choice once per group, so it runs only when
    /// that fits the time left (`choiceSeconds`: what the choice took once).
    func honestEstimate(
        leaderboard: Leaderboard, finalModel: FinalModel, refitSeconds: (Leaderboard.Entry) -> Double, remaining: Double,
        secondsLeft: Double, choiceSeconds: Double
    ) -> (value: HonestEstimate?, note: String) {
        let evaluator = setup.evaluator
        let column = evaluator.truth(rows: Array(0..<evaluator.table.rowCount))
        let truth: (Int) -> Double = { column[$0] }
        let weight: ((Int) -> Double)? = evaluator.weights.map { w in { w[$0] } }
        let groups = HonestEstimate.groups(folds: evaluator.folds.map(\.validation), truth: truth, classification: setup.task.isClassification)
        let needed = Double(groups.count) * choiceSeconds * 1.2
        guard needed < secondsLeft - 0.5 else {
            return (
                nil,
                "No honest estimate of the saved model: repeating its choice \(groups.count) times would take about \(TimeSpan.describe(needed)), "
                    + "more than the \(TimeSpan.describe(max(0, secondsLeft))) left; raise --time-limit to get one."
            )
        }
        guard
            let estimate = HonestEstimate.compute(
                leaderboard, finalModel: finalModel, groups: groups, truth: truth, weight: weight, classes: evaluator.classes, metric: setup.metric,
                objective: setup.objective, refitSeconds: refitSeconds, remaining: remaining)
        else { return (nil, "No honest estimate of the saved model: too few out-of-fold predictions to hold any out.") }
        return (estimate, estimate.summary(metric: setup.metric, evaluation: setup.evaluation))
    }

    /// Writes the candidate files and every report but the exploration, with the data they come
    /// from (`report-data.json`); `modelBytes` nil: no model was saved.
    func write(
        output: URL, summary: Tuner.Summary, leaderboard: Leaderboard, finalModel: FinalModel, modelBytes: Int?,
        testMetrics: [String: Double], estimate: (value: HonestEstimate?, note: String), insights: InsightsReport?, explanations: ExplanationsReport?
    ) throws {
        let config = configuration
        // Every candidate's best trial and the saved model's members, as files `--candidate` reads.
        let threads = setup.replay?.threads ?? max(1, ProcessorCount.active / config.parallel)
        var written = Set<Int>()
        let kept =
            setup.candidates.compactMap { candidate in leaderboard.entries.first { $0.candidate.id == candidate.id } } + finalModel.parts.map(\.entry)
        for var entry in kept where written.insert(entry.trial).inserted {
            if let replay = setup.replay { entry.seed = replay.trialSeed }
            try CandidateFile(entry: entry, jobSeed: config.seed, threads: threads, dataSHA256: setup.dataSHA256, metric: setup.metric)
                .write(to: output.appendingPathComponent(CandidateFile.path(trial: entry.trial)))
        }
        let inputs = RunReportInputs(
            configuration: config, dataSHA256: setup.dataSHA256, rows: setup.table.rowCount, columns: setup.table.columnCount,
            droppedRows: setup.droppedRows, sampleWeights: setup.weights, task: setup.task, metric: setup.metric, objective: setup.objective,
            evaluation: setup.evaluation,
            candidates: setup.candidates, trials: summary.trials, leaderboard: leaderboard, finalModel: finalModel, estimate: estimate.value,
            estimateNote: estimate.note, testMetrics: testMetrics, modelBytes: modelBytes, ending: summary.reason.description,
            stoppedEarly: summary.reason == .interrupted, insights: insights, explanations: explanations)
        try inputs.render(to: output, exploration: setup.exploration)
    }

    /// The explanations report: permutation importance and TreeSHAP on the test rows when given,
    /// else TreeSHAP on the training rows (at most ``explainedRows`` of them, evenly spaced) and
    /// permutation importance on out-of-fold rows when refitting the model per fold fits the time
    /// left (else on the training rows, said so), and the linear members' coefficients; what the
    /// time limit leaves out is said in its notes.
    func explain(
        artifact: ModelArtifact, finalModel: FinalModel, test: (table: Table, truth: [Double], weights: [Double]?)?, threads: Int,
        deadline: ContinuousClock.Instant
    ) throws -> ExplanationsReport {
        let config = configuration
        let all = Array(0..<setup.table.rowCount)
        let source = test ?? (setup.table, setup.evaluator.truth(rows: all), setup.evaluator.weights(rows: all))
        let stride = max(1, source.table.rowCount / Self.explainedRows)
        let rows = Array(Swift.stride(from: 0, to: source.table.rowCount, by: stride))
        let table = stride == 1 ? source.table : source.table.selecting(rows: rows)
        let truth = stride == 1 ? source.truth : rows.map { source.truth[$0] }
        let weights = stride == 1 ? source.weights : source.weights.map { w in rows.map { w[$0] } }
        var rowsTitle = test != nil ? "the test file \(URL(fileURLWithPath: config.test ?? "").lastPathComponent)" : "the training rows"
        if stride > 1 { rowsTitle += " (\(rows.count) of \(source.table.rowCount), every \(stride)th)" }
        var notes: [String] = []
        func secondsLeft() -> Double { (deadline - ContinuousClock.now).inSeconds }
        // Without a test file: the model refitted on each fold's training rows, its held-out rows
        // shuffled, when the refits (measured during the search, with a margin) take at most a
        // third of the time left.
        var outOfFold: [PermutationImportance.Part] = []
        let refits = finalModel.parts.reduce(0) { $0 + $1.entry.score.fitSeconds } * 1.3
        if test == nil, refits < secondsLeft() / 3 {
            let evaluator = setup.evaluator
            let perFold = max(1, Self.explainedRows / max(1, evaluator.folds.count))
            do {
                for fold in evaluator.folds {
                    let model = try ModelArtifact.fit(
                        finalModel.parts.map {
                            ModelArtifact.MemberSpecification(
                                candidate: $0.entry.candidate, hyperparameters: $0.entry.hyperparameters, weight: $0.weight)
                        },
                        table: setup.table.selecting(rows: fold.training), weights: evaluator.weights(rows: fold.training), target: config.target,
                        task: setup.task, classes: evaluator.classes,
                        metric: setup.metric, decision: finalModel.decision, seed: config.seed, threads: threads)
                    let step = max(1, fold.validation.count / perFold)
                    let rows = Swift.stride(from: 0, to: fold.validation.count, by: step).map { fold.validation[$0] }
                    outOfFold.append(
                        PermutationImportance.Part(
                            table: setup.table.selecting(rows: rows), truth: evaluator.truth(rows: rows), weights: evaluator.weights(rows: rows)
                        ) {
                            try model.predict($0, file: config.data, threads: threads)
                        })
                }
            } catch {
                // The saved model is written: a fold that cannot be refitted costs the explanation its
                // out-of-fold rows, never the job.
                outOfFold = []
                notes.append(
                    "Refitting the model on a fold failed (\(Self.sentence(error))), so permutation importance is measured on the training rows.")
            }
            if !outOfFold.isEmpty {
                notes.append(
                    "Permutation importance on out-of-fold rows: the saved model's pipelines refitted on the training rows of each of the "
                        + "\(outOfFold.count) \(outOfFold.count == 1 ? "split" : "folds"), and each column shuffled within the rows that fit left out."
                )
            }
        } else if test == nil {
            notes.append(
                "No --test file was given, and refitting the model on every fold would take about \(TimeSpan.describe(refits)), more than a third of the time left; "
                    + "so permutation importance is measured on the rows the model was fitted on: a column the model overfits looks more important there than it is on new rows."
            )
        }
        var shapRows = table
        var contributions: ModelArtifact.ColumnContributions?
        // TreeSHAP on as many of the rows as half the time left allows (deep forests are slow).
        let perRow = artifact.contributionSeconds(rows: 1, threads: 1) / Double(max(1, threads))
        let affordable = perRow > 0 ? Int(min(Double(table.rowCount), (secondsLeft() / 2) / perRow)) : table.rowCount
        if affordable >= min(50, table.rowCount) {
            let shapStride = max(1, table.rowCount / max(1, affordable))
            let shapTable = shapStride == 1 ? table : table.selecting(rows: Array(Swift.stride(from: 0, to: table.rowCount, by: shapStride)))
            do {
                contributions = try artifact.columnContributions(shapTable, file: config.test ?? config.data, threads: threads)
                if contributions == nil { notes.append("No TreeSHAP values: the saved model has no tree member (gbdt, random forest, extra trees).") }
                if shapStride > 1 {
                    notes.append(
                        "TreeSHAP on \(shapTable.rowCount) of the \(table.rowCount) rows (every \(shapStride)th), what the time left allowed.")
                }
            } catch {
                notes.append("No TreeSHAP values: \(Self.sentence(error))")
            }
            shapRows = shapTable
        } else {
            notes.append(
                "TreeSHAP skipped: it would take about \(TimeSpan.describe(perRow * Double(table.rowCount))) for \(table.rowCount) rows, more than the time left; raise --time-limit."
            )
        }
        var permutation: PermutationImportance?
        let left = secondsLeft()
        if left > 0.5 {
            let wallDeadline = Date().addingTimeInterval(left - 0.25)
            let columns = artifact.manifest.columns.map(\.name)
            let parts =
                outOfFold.isEmpty
                ? [
                    PermutationImportance.Part(table: table, truth: truth, weights: weights) {
                        try artifact.predict($0, file: config.test ?? config.data, threads: threads)
                    }
                ]
                : outOfFold
            do {
                permutation = try PermutationImportance.compute(
                    parts: parts, columns: columns, metric: setup.metric, repeats: 5, seed: config.seed, deadline: wallDeadline)
            } catch {
                notes.append("Permutation importance failed: \(Self.sentence(error))")
            }
            if let permutation, permutation.entries.count < columns.count || permutation.repeats < 5 {
                notes.append(
                    "Permutation importance was cut short by the time limit: \(permutation.entries.count) of \(columns.count) columns, "
                        + "\(permutation.repeats) complete shuffles of 5; raise --time-limit for all.")
            }
        } else {
            notes.append("Permutation importance skipped: the time limit left no time for it; raise --time-limit.")
        }
        let linear = ExplanationsReport.linearMembers(artifact)
        return ExplanationsReport(
            jobName: config.jobName, rowsTitle: rowsTitle, permutation: permutation, contributions: contributions, table: shapRows,
            linearMembers: linear, notes: notes, reproduction: Reproduction(configuration: config, dataSHA256: setup.dataSHA256))
    }

    /// An error as a sentence for a report's notes.
    static func sentence(_ error: any Error) -> String {
        (error as? LocalizedError)?.errorDescription ?? "\(error)"
    }

    /// The most rows explanations are computed on (evenly spaced beyond it).
    static let explainedRows = 1_000

    /// The insights report's sources: the saved model's out-of-fold predictions, and the test file's.
    func insightSources(
        leaderboard: Leaderboard, finalModel: FinalModel, test: (prediction: Prediction, truth: [Double], weights: [Double]?)?
    ) -> [InsightsReport.Source] {
        let rows = FinalModel.outOfFoldRows(leaderboard)
        let values = finalModel.outOfFoldValues
        let classes = setup.evaluator.classes
        var sources: [InsightsReport.Source] = []
        if !rows.isEmpty, values.count == rows.count * max(1, classes.count) {
            let prediction =
                classes.isEmpty
                ? Prediction(regression: values)
                : Prediction(classes: classes, probabilities: values, threshold: classes.count == 2 ? finalModel.decision?.threshold : nil)
            sources.append(
                InsightsReport.Source(
                    title: "out-of-fold predictions", slug: "oof", prediction: prediction, truth: setup.evaluator.truth(rows: rows),
                    rowNumbers: rows.map { $0 + 1 },
                    weights: setup.evaluator.weights(rows: rows)))
        }
        if let test, let file = configuration.test {
            sources.append(
                InsightsReport.Source(
                    title: "the test file \(URL(fileURLWithPath: file).lastPathComponent)", slug: "test", prediction: test.prediction,
                    truth: test.truth,
                    rowNumbers: test.truth.indices.map { $0 + 1 }, weights: test.weights))
        }
        return sources
    }
}
