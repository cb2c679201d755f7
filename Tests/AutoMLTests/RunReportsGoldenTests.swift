import Foundation
import Learners
import Tabular
import TestSupport
import Testing
import Tuning

@testable import AutoML

/// Golden files for the run reports built from fixed inputs (a small file with hostile column names,
/// handmade trials and scores), so every change to what a reviewer reads shows in a diff; and
/// well-formed tables throughout.
@Suite struct RunReportsGoldenTests {
    /// A 60-row binary file whose column names need escaping, and its exploration.
    static func exploration() throws -> (Table, Exploration) {
        let rows = (0..<60).map { i in "\(i % 7),\(i % 3 == 0 ? "a|b" : "c*d"),2024-0\(1 + i % 9)-1\(i % 10),\(i % 2 == 0 ? "yes" : "no")" }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString).csv")
        try Data(("size_<x>,kind|name,`when`,label\n" + rows.joined(separator: "\n") + "\n").utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let table = try CSVReader().read(url.path).table
        return (table, try Exploration(table: table, source: "hostile.csv", profiler: Profiler(target: "label", threads: 1, seed: 2)))
    }

    /// Three trials (two completed, one cut off) of the exploration's candidates.
    static func inputs() throws -> (Exploration, [Candidate], [Trial], Leaderboard, FinalModel, Table) {
        let (table, exploration) = try exploration()
        let candidates = try CandidateGenerator.candidates(
            plans: exploration.plans, task: .binary, rows: 60, columns: 3, algorithms: ["linear", "gbdt"])
        let truth = (0..<60).map { Double($0 % 2 == 0 ? 1 : 0) }
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        var trials: [Trial] = []
        var scores: [Int: CandidateScore] = [:]
        for (number, candidate) in candidates.enumerated() {
            var p1: [Double] = []
            for (row, label) in truth.enumerated() {
                let high: Double = 0.6 + 0.01 * Double((row + number) % 5)
                let low: Double = 0.3 + 0.02 * Double(row % 7)
                p1.append(label == 1 ? high : low)
            }
            var folds: [Double] = []
            for fold in 0..<5 {
                let rows = (0..<60).filter { $0 % 5 == fold }
                var probabilities: [Double] = []
                for row in rows { probabilities += [1 - p1[row], p1[row]] }
                let prediction = Prediction(classes: ["no", "yes"], probabilities: probabilities)
                folds.append(Metric.f1.evaluate(prediction, truth: rows.map { truth[$0] }))
            }
            scores[number] = CandidateScore(
                foldScores: folds, otherMetrics: ["auc": 0.9 - 0.1 * Double(number)], fitSeconds: 0.5 + Double(number), predictSecondsPer1000: 0.002,
                modelBytes: 1000 * (number + 1), outOfFold: (0..<60).map { ($0, [1 - p1[$0], p1[$0]]) })
            trials.append(
                Trial(
                    number: number, assignment: CandidateGenerator.initialAssignment(of: candidate), status: .completed, value: 0.8,
                    seed: UInt64(number),
                    startedAt: start.addingTimeInterval(Double(number)), finishedAt: start.addingTimeInterval(Double(number) + 1)))
        }
        trials.append(
            Trial(
                number: 2, assignment: CandidateGenerator.initialAssignment(of: candidates[1]), status: .failed,
                error: "took longer than the 5.0 s one trial may run (a quarter of the tuning time); cut off", seed: 2,
                startedAt: start.addingTimeInterval(2), finishedAt: start.addingTimeInterval(7.5)))
        let leaderboard = Leaderboard(metric: .f1, trials: trials, scores: scores, candidates: candidates)
        let final = try #require(
            FinalModel.choose(
                leaderboard, truth: truth, classes: ["no", "yes"], metric: .f1, objective: .maximize(.f1), refitSeconds: { _ in 1 }, remaining: 100))
        return (exploration, candidates, trials, leaderboard, final, table)
    }

    static var configuration: RunConfiguration {
        var configuration = RunConfiguration(
            data: "data/hostile.csv", target: "label", timeLimit: 60, parallel: 1, seed: 2, output: "runs/golden", jobName: "golden")
        configuration.commandLine = ["automl", "run", "data/hostile.csv", "--target", "label", "--time-limit", "1m", "--seed", "2"]
        return configuration
    }

    @Test func indexLeaderboardAndCandidatesMatchTheirGoldenFiles() throws {
        let (exploration, candidates, trials, leaderboard, final, _) = try Self.inputs()
        let reproduction = Reproduction(configuration: Self.configuration, dataSHA256: String(repeating: "ab", count: 32))
        let outcomes = TrialOutcomes(trials)
        let estimate = HonestEstimate(groupScores: [0.7, 0.8, 0.75, 0.72, 0.78], selectionScore: 0.82, ensembles: 3)
        let note = estimate.summary(metric: .f1, evaluation: .crossValidation(folds: 5))
        let index = RunIndexReport(
            jobName: "golden", reproduction: reproduction, target: "label", rows: 60, columns: 4, droppedRows: 0, task: .binary, metric: .f1,
            objective: .maximize(.f1), evaluation: .crossValidation(folds: 5), exploration: exploration, candidates: candidates, outcomes: outcomes,
            leaderboard: leaderboard, finalModel: final, estimate: estimate, estimateNote: note, testFile: nil, testMetrics: [:], modelSaved: true,
            ending: "the maximum number of trials finished", stoppedEarly: false
        ).markdown
        let board = leaderboard.markdown(
            jobName: "golden", evaluation: .crossValidation(folds: 5), task: .binary, finalModel: final, modelBytes: 12_345, estimateNote: note,
            outcomes: outcomes, reproduction: reproduction, figures: ["leaderboard-scores.svg"])
        let candidatesReport = CandidatesReport(
            jobName: "golden", task: .binary, metric: .f1, metricChosen: false, objective: .maximize(.f1), evaluation: .crossValidation(folds: 5),
            candidates: candidates, leaderboard: leaderboard, finalModel: final, estimateNote: note, testMetrics: [:], testFile: nil,
            reproduction: reproduction, configuration: Self.configuration
        ).markdown
        for (name, text) in [("index", index), ("leaderboard", board), ("candidates", candidatesReport)] {
            #expect(MarkdownChecks.tableProblems(text).isEmpty, "\(name): \(MarkdownChecks.tableProblems(text))")
            if let problem = Golden.mismatch(text, "Tests/AutoMLTests/Golden/golden-run-\(name).md") { Issue.record(Comment(rawValue: problem)) }
        }
        // Hostile names are escaped, never raw.
        #expect(!index.contains("size_<x>") && !board.contains("kind|name"))
    }

    @Test func explanationsMatchTheirGoldenFile() throws {
        let permutation = PermutationImportance(
            metric: .f1, baseline: 0.8,
            entries: [
                .init(column: "kind|name", mean: 0.2, standardDeviation: 0.01), .init(column: "size_<x>", mean: 0.05, standardDeviation: 0.02),
            ],
            repeats: 5, rows: 60)
        let report = ExplanationsReport(
            jobName: "golden", rowsTitle: "the test file t.csv", permutation: permutation, contributions: nil, table: nil,
            linearMembers: [.init(title: "trial 1 (weight 1)", rows: [.init(feature: "kind|name=a|b", output: "log-odds of yes", value: 1.5)])],
            notes: ["No TreeSHAP values: the saved model has no tree member (gbdt, random forest, extra trees)."],
            reproduction: Reproduction(configuration: Self.configuration, dataSHA256: String(repeating: "cd", count: 32)))
        let (markdown, figures) = report.render()
        #expect(MarkdownChecks.tableProblems(markdown).isEmpty)
        #expect(figures.map(\.name) == ["explanations-permutation.svg"] && figures.allSatisfy { MarkdownChecks.xmlError($0.svg) == nil })
        if let problem = Golden.mismatch(markdown, "Tests/AutoMLTests/Golden/golden-run-explanations.md") { Issue.record(Comment(rawValue: problem)) }
    }
}

/// The tuning report from a fixed job: a golden file, and well-formed tables and figures.
@Suite struct TuningReportGoldenTests {
    @Test func tuningReportMatchesItsGoldenFile() throws {
        let command = TrainingCommand(
            arguments: ["./train.sh", "--epochs", "5"], workingDirectory: "/work/job|dir",
            metricDefinitions: [MetricDefinition(name: "loss", regex: "loss=([0-9.]+)")],
            objectiveMetric: "loss", trialTimeout: 60, outputDirectory: "runs/golden-tune")
        let space = SearchSpace([
            Parameter("rate", .continuous(lower: 0.001, upper: 1, scaling: .logarithmic), initial: .real(0.01)),
            Parameter("width", .integer(lower: 4, upper: 128, scaling: .linear), initial: .integer(16)),
            Parameter("optimizer", .categorical(["sgd", "adam"]), initial: .label("sgd")),
        ])
        var definition = TuningJobDefinition(
            name: "golden-tune", command: command, space: space, direction: .minimize, maxTrials: 8, maxParallel: 2, seed: 3)
        definition.commandLine = ["automl", "tune", "--config", "job.yaml"]
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let values: [(ParameterValue, ParameterValue, ParameterValue, TrialStatus, Double?, String?)] = [
            (.real(0.01), .integer(16), .label("sgd"), .completed, 1.4, nil),
            (.real(0.05), .integer(32), .label("adam"), .completed, 0.9, nil),
            (.real(1), .integer(40), .label("adam"), .completed, 0.7, nil),
            (.real(0.2), .integer(8), .label("sgd"), .failed, nil, "the command exited with status 1\nTraceback"),
            (.real(0.3), .integer(64), .label("adam"), .stopped, 2.1, nil),
        ]
        let trials = values.enumerated().map { number, v in
            Trial(
                number: number, assignment: Assignment(["rate": v.0, "width": v.1, "optimizer": v.2]), status: v.3, value: v.4, error: v.5, seed: 0,
                startedAt: start.addingTimeInterval(Double(number) * 10), finishedAt: start.addingTimeInterval(Double(number) * 10 + 4))
        }
        let job = JobRecord(
            name: "golden-tune", kind: .tuning, definition: "{}", outputDirectory: "runs/golden-tune", status: .stopped,
            reason: "the job was interrupted", elapsedSeconds: 50)
        let report = TuningReport(job: job, definition: definition, trials: trials)
        #expect(MarkdownChecks.tableProblems(report.markdown).isEmpty, "\(MarkdownChecks.tableProblems(report.markdown))")
        for figure in report.figures { #expect(MarkdownChecks.xmlError(figure.svg) == nil, "\(figure.name)") }
        if let problem = Golden.mismatch(report.markdown, "Tests/AutoMLTests/Golden/golden-tuning.md") { Issue.record(Comment(rawValue: problem)) }
    }
}
