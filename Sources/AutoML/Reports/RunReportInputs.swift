import Foundation
import Learners
import Tuning

/// Everything an AutoML job's reports are made from, stored beside them as `report-data.json`, so
/// that `automl report` renders index, leaderboard, candidates, insights and explanations again,
/// identically, without the data or the store. (The exploration report has its own `profile.json`.)
public struct RunReportInputs: Codable, Sendable {
    public static let fileName = "report-data.json"
    public static let currentFormatVersion = 1

    /// A completed trial's scores (its out-of-fold predictions are not kept; the saved model's are,
    /// in ``insights``).
    public struct StoredScore: Codable, Sendable {
        public var trial: Int
        public var foldScores: [Double]
        public var otherMetrics: [String: Double]
        public var fitSeconds: Double
        public var predictSecondsPer1000: Double
        public var modelBytes: Int
    }

    /// A member of the saved model: its trial and weight.
    public struct StoredPart: Codable, Sendable {
        public var trial: Int
        public var weight: Double
    }

    public var formatVersion = currentFormatVersion
    public var configuration: RunConfiguration
    public var dataSHA256: String
    public var rows: Int
    public var columns: Int
    public var droppedRows: Int
    /// The `--sample-weight` column and what it excluded (nil: unweighted).
    public var sampleWeights: SampleWeights?
    public var task: Task
    public var metric: Metric
    public var objective: ThresholdObjective?
    public var evaluation: EvaluationProtocol
    public var candidates: [Candidate]
    public var trials: [Trial]
    public var scores: [StoredScore]
    public var parts: [StoredPart]
    public var selection: EnsembleSelection?
    public var library: [Int]
    public var reason: String
    public var decision: ThresholdDecision?
    public var estimate: HonestEstimate?
    public var estimateNote: String
    public var testMetrics: [String: Double]
    /// Bytes of `model/` (nil: no model was saved).
    public var modelBytes: Int?
    /// Why the search ended, in words, and whether it was interrupted.
    public var ending: String
    public var stoppedEarly: Bool
    public var insights: InsightsReport?
    public var explanations: ExplanationsReport?

    init(
        configuration: RunConfiguration, dataSHA256: String, rows: Int, columns: Int, droppedRows: Int, sampleWeights: SampleWeights?, task: Task,
        metric: Metric,
        objective: ThresholdObjective?, evaluation: EvaluationProtocol, candidates: [Candidate], trials: [Trial], leaderboard: Leaderboard,
        finalModel: FinalModel, estimate: HonestEstimate?, estimateNote: String, testMetrics: [String: Double], modelBytes: Int?,
        ending: String, stoppedEarly: Bool, insights: InsightsReport?, explanations: ExplanationsReport?
    ) {
        self.configuration = configuration
        self.dataSHA256 = dataSHA256
        self.rows = rows
        self.columns = columns
        self.droppedRows = droppedRows
        self.sampleWeights = sampleWeights
        self.task = task
        self.metric = metric
        self.objective = objective
        self.evaluation = evaluation
        self.candidates = candidates
        self.trials = trials
        scores = leaderboard.entries.map {
            StoredScore(
                trial: $0.trial, foldScores: $0.score.foldScores, otherMetrics: $0.score.otherMetrics, fitSeconds: $0.score.fitSeconds,
                predictSecondsPer1000: $0.score.predictSecondsPer1000, modelBytes: $0.score.modelBytes)
        }
        parts = finalModel.parts.map { StoredPart(trial: $0.entry.trial, weight: $0.weight) }
        selection = finalModel.selection
        library = finalModel.library
        reason = finalModel.reason
        decision = finalModel.decision
        self.estimate = estimate
        self.estimateNote = estimateNote
        self.testMetrics = testMetrics
        self.modelBytes = modelBytes
        self.ending = ending
        self.stoppedEarly = stoppedEarly
        self.insights = insights
        self.explanations = explanations
    }

    /// The leaderboard as the job ranked it.
    var leaderboard: Leaderboard {
        let byTrial = Dictionary(
            uniqueKeysWithValues: scores.map {
                (
                    $0.trial,
                    CandidateScore(
                        foldScores: $0.foldScores, otherMetrics: $0.otherMetrics, fitSeconds: $0.fitSeconds,
                        predictSecondsPer1000: $0.predictSecondsPer1000,
                        modelBytes: $0.modelBytes, outOfFold: [])
                )
            })
        return Leaderboard(metric: metric, trials: trials, scores: byTrial, candidates: candidates)
    }

    /// The saved model as the job chose it.
    func finalModel(_ leaderboard: Leaderboard) -> FinalModel {
        let chosen = parts.compactMap { part in
            leaderboard.entries.first { $0.trial == part.trial }.map { FinalModel.Part(entry: $0, weight: part.weight) }
        }
        return FinalModel(parts: chosen, selection: selection, library: library, reason: reason, decision: decision)
    }

    /// Writes every report but the exploration (`exploration` feeds the index's alerts and
    /// caveats), and this file.
    /// - Throws: a file system or encoding error.
    public func render(to output: URL, exploration: Exploration) throws {
        let config = configuration
        let leaderboard = self.leaderboard
        let finalModel = finalModel(leaderboard)
        let reproduction = Reproduction(configuration: config, dataSHA256: dataSHA256)
        let outcomes = TrialOutcomes(trials)
        let figures = leaderboard.charts(trials: trials)
        try ReportFiles.write(figures: figures, to: output)
        try Data(leaderboard.csv.utf8).write(to: output.appendingPathComponent("leaderboard.csv"))
        let board = leaderboard.markdown(
            jobName: config.jobName, evaluation: evaluation, task: task, finalModel: finalModel, modelBytes: modelBytes,
            estimateNote: estimateNote, outcomes: outcomes, reproduction: reproduction, figures: figures.map(\.name))
        try ReportFiles.write(board, named: "leaderboard.md", to: output)
        let candidatesReport = CandidatesReport(
            jobName: config.jobName, task: task, metric: metric, metricChosen: config.metric != nil, objective: objective,
            evaluation: evaluation, candidates: candidates, leaderboard: leaderboard, finalModel: finalModel, estimateNote: estimateNote,
            testMetrics: testMetrics, testFile: config.test, reproduction: reproduction, configuration: config)
        try ReportFiles.write(candidatesReport.markdown, named: "candidates.md", to: output)
        let index = RunIndexReport(
            jobName: config.jobName, reproduction: reproduction, target: config.target, rows: rows, columns: columns,
            droppedRows: droppedRows, sampleWeights: sampleWeights, task: task, metric: metric, objective: objective, evaluation: evaluation,
            exploration: exploration, candidates: candidates, outcomes: outcomes, leaderboard: leaderboard, finalModel: finalModel,
            estimate: estimate, estimateNote: estimateNote, testFile: config.test, testMetrics: testMetrics, modelSaved: modelBytes != nil,
            ending: ending, stoppedEarly: stoppedEarly)
        try ReportFiles.write(index.markdown, named: "index.md", to: output)
        try insights?.write(to: output)
        try explanations?.write(to: output)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        try encoder.encode(self).write(to: output.appendingPathComponent(Self.fileName))
    }

    /// Reads `report-data.json`.
    /// - Throws: ``AutoMLError/unreadableFile(path:reason:)``.
    public static func read(from directory: URL) throws -> RunReportInputs {
        let path = directory.appendingPathComponent(fileName).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AutoMLError.unreadableFile(path: path, reason: "no such file")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let inputs: RunReportInputs
        do {
            inputs = try decoder.decode(RunReportInputs.self, from: data)
        } catch {
            throw AutoMLError.unreadableFile(path: path, reason: "it is not the report data of an automl run (\(error))")
        }
        guard inputs.formatVersion == currentFormatVersion else {
            throw AutoMLError.unreadableFile(
                path: path, reason: "it has format version \(inputs.formatVersion); this automl reads version \(currentFormatVersion)")
        }
        return inputs
    }
}
