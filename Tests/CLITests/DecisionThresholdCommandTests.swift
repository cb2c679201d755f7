import Foundation
import TestSupport
import Testing
import Tuning

/// Decision thresholds end to end: `automl run` saves the threshold its metric chose, `automl
/// predict` labels by it, and precision and recall targets pick, report or refuse.
@Suite(.processSlot) struct DecisionThresholdCommandTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-decision") }

    var store: String { directory.path("runs/automl.sqlite") }

    func run(
        _ name: String, data: String = Fixtures.sharedDataset("titanic_train"), target: String = "survived",
        algorithms: String = "linear,gbdt", extra: [String] = []
    ) async throws -> ProcessOutcome {
        try await runProcess(
            Fixtures.automlBinary,
            [
                "run", data, "--target", target, "--time-limit", "5m", "--max-candidates", "3", "--parallel", "1",
                "--algorithms", algorithms, "--job-name", name, "--store", store, "--output", directory.path(name), "--seed", "5",
            ] + extra, currentDirectory: directory.url.path)
    }

    func manifest(_ name: String) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.path("\(name)/model/manifest.json"))))
                as? [String: Any])
    }

    /// Predicts the titanic test file with a job's model; returns (label, probability of class 1) per row.
    func predictions(_ name: String) async throws -> [(label: String, probability: Double)] {
        let output = directory.path("\(name)-predictions.csv")
        let predict = try await runProcess(
            Fixtures.automlBinary,
            [
                "predict", "--model", directory.path("\(name)/model"), "--input", Fixtures.sharedDataset("titanic_test"), "--output", output,
            ])
        #expect(predict.status == 0, "\(predict.standardError)")
        return try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            return (String(cells[0]), Double(cells[2]) ?? .nan)
        }
    }

    @Test func theDefaultF1RunSavesItsThresholdAndPredictAppliesIt() async throws {
        let outcome = try await run("f1")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Decision threshold "), "\(outcome.standardOutput)")
        let decision = try #require(try manifest("f1")["decision"] as? [String: Any])
        let threshold = try #require(decision["threshold"] as? Double)
        #expect(decision["positiveClass"] as? String == "1")
        #expect(threshold > 0 && threshold < 1)
        let rows = try await predictions("f1")
        #expect(rows.count == 179)
        for row in rows { #expect(row.label == (row.probability >= threshold ? "1" : "0"), "p = \(row.probability), threshold \(threshold)") }
        for file in ["leaderboard.md", "candidates.md"] {
            let text = try String(contentsOfFile: directory.path("f1/\(file)"), encoding: .utf8)
            #expect(text.contains("Decision threshold "), "\(file)")
            #expect(text.contains("for the highest f1"), "\(file)")
        }
    }

    @Test func aMetricOfProbabilitiesKeepsTheMostProbableClass() async throws {
        let outcome = try await run("auc", extra: ["--metric", "auc"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(try manifest("auc")["decision"] == nil)
        for row in try await predictions("auc") { #expect(row.label == (row.probability > 0.5 ? "1" : "0")) }
        let candidates = try String(contentsOfFile: directory.path("auc/candidates.md"), encoding: .utf8)
        #expect(candidates.contains("**Decision:** the most probable class"))
    }

    @Test func aPrecisionTargetRanksByRecallAndSavesAThresholdThatReachesIt() async throws {
        let outcome = try await run("precision", extra: ["--target-precision", "0.8"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let csv = try String(contentsOfFile: directory.path("precision/leaderboard.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("rank,trial,algorithm,preprocessing,hyperparameters,recall (mean),recall (std)"))
        let decision = try #require(try manifest("precision")["decision"] as? [String: Any])
        #expect((decision["precision"] as? Double ?? 0) >= 0.8 && decision["reachesTarget"] as? Bool == true)
        let job = try #require(try SQLiteTrialStore(path: store).job(named: "precision"))
        #expect(job.definition.contains("\"targetPrecision\":0.8"))
    }

    @Test func anUnreachablePrecisionTargetIsRefusedAfterTheReportsAreWritten() async throws {
        // Within each value of x, half the rows are positive: no model can rank above 50 % precision.
        let rows = (0..<80).map { "\($0 % 2 == 0 ? "a" : "b"),\(($0 / 2) % 2 == 0 ? "yes" : "no")" }
        let data = try directory.write("coin.csv", "x,y\n" + rows.joined(separator: "\n") + "\n")
        let outcome = try await run("coin", data: data, target: "y", algorithms: "linear", extra: ["--target-precision", "0.9"])
        #expect(outcome.status == 2, "\(outcome.standardOutput) \(outcome.standardError)")
        #expect(
            outcome.standardError.contains("--target-precision 0.9: no pipeline reached it on its out-of-fold predictions"),
            "\(outcome.standardError)")
        #expect(outcome.standardError.contains("Lower the target"))
        #expect(FileManager.default.fileExists(atPath: directory.path("coin/leaderboard.md")))
        #expect(!FileManager.default.fileExists(atPath: directory.path("coin/model/manifest.json")))
        let job = try #require(try SQLiteTrialStore(path: store).job(named: "coin"))
        #expect(job.status == .failed && job.reason.contains("precision 0.9"))
    }

    @Test func targetsOutOfRangeOrAgainstTheTaskAreRefused() async throws {
        func refused(_ extra: [String], _ message: String, data: String = Fixtures.sharedDataset("titanic_train"), target: String = "survived")
            async throws
        {
            let outcome = try await run("bad-\(UUID().uuidString)", data: data, target: target, extra: extra)
            #expect(outcome.status == 2, "\(extra): \(outcome.standardError)")
            #expect(outcome.standardError.contains(message), "\(extra): \(outcome.standardError)")
        }
        try await refused(["--target-precision", "1.5"], "--target-precision must be above 0 and at most 1 (got 1.5)")
        try await refused(["--target-recall", "0"], "--target-recall must be above 0 and at most 1 (got 0.0)")
        try await refused(["--target-precision", "0.9", "--target-recall", "0.5"], "not both")
        try await refused(
            ["--target-precision", "0.9", "--metric", "auc"], "ranks pipelines by recall, but --metric asks for auc; leave --metric out")
        try await refused(
            ["--target-recall", "0.9"], "applies to binary tasks only; this is a multiclass task",
            data: Fixtures.sharedDataset("penguins_train"), target: "species")
    }
}
