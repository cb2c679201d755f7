import Foundation
import Testing
import TestSupport
import Tuning

/// `automl run` and `automl predict` end to end: the real binary on a real shared dataset.
@Suite struct RunCommandTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-run") }

    var store: String { directory.path("runs/automl.sqlite") }

    /// A quick job: two cheap algorithms, a few candidates, one at a time.
    func quickRun(_ name: String, data: String = Fixtures.sharedDataset("titanic_train"), target: String = "survived",
                  extra: [String] = []) throws -> ProcessOutcome {
        try runProcess(Fixtures.automlBinary, [
            "run", data, "--target", target, "--time-limit", "5m", "--max-candidates", "4", "--parallel", "1",
            "--algorithms", "linear,gbdt", "--job-name", name, "--store", store, "--output", directory.path(name), "--seed", "3",
        ] + extra, currentDirectory: directory.url.path)
    }

    @Test func aRunWritesItsOutputsAndItsModelPredicts() throws {
        let run = try quickRun("titanic", extra: ["--test", Fixtures.sharedDataset("titanic_test")])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("binary task; 4 pipelines evaluated by 5-fold cross-validation"))
        #expect(run.standardOutput.contains("Test: accuracy"))
        let output = directory.path("titanic")
        for file in ["leaderboard.md", "leaderboard.csv", "candidates.md", "exploration.md", "model/manifest.json", "model/pipeline.json", "model/learner.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "\(file)")
        }
        let csv = try String(contentsOfFile: output + "/leaderboard.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 5 && csv[0].hasPrefix("rank,trial,algorithm,preprocessing,hyperparameters,f1 (mean),f1 (std)"))
        let candidates = try String(contentsOfFile: output + "/candidates.md", encoding: .utf8)
        for expected in ["**Problem type:** binary", "**Metric:** `f1`", "## Candidate linear", "## Candidate gbdt", "### Search space", "| column | step | reason |"] {
            #expect(candidates.contains(expected), "\(expected)")
        }
        let job = try #require(try SQLiteTrialStore(path: store).job(named: "titanic"))
        #expect(job.kind == .automl && job.status == .completed)

        let predictions = directory.path("predictions.csv")
        let predict = try runProcess(Fixtures.automlBinary, ["predict", "--model", output + "/model", "--input", Fixtures.sharedDataset("titanic_test"), "--output", predictions])
        #expect(predict.status == 0, "\(predict.standardError)")
        let lines = try String(contentsOfFile: predictions, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "prediction,probability_0,probability_1")
        #expect(lines.count == 180, "one row per input row (179) and a header")
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",")
            let (p0, p1) = (Double(cells[1]) ?? -1, Double(cells[2]) ?? -1)
            #expect(abs(p0 + p1 - 1) < 1e-9 && (cells[0] == "0" || cells[0] == "1"))
        }
    }

    @Test func predictRefusesAFileWithoutTheTrainingColumns() throws {
        let run = try quickRun("schema")
        #expect(run.status == 0, "\(run.standardError)")
        let input = try directory.write("partial.csv", "pclass,sex,extra\n1,female,x\n3,male,y\n")
        let predict = try runProcess(Fixtures.automlBinary, ["predict", "--model", directory.path("schema/model"), "--input", input, "--output", directory.path("p.csv")])
        #expect(predict.status == 2)
        #expect(predict.standardError.contains("partial.csv: the model was trained with columns this file lacks: 'name'"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("p.csv")))
        let noModel = try runProcess(Fixtures.automlBinary, ["predict", "--model", directory.path("nowhere"), "--input", input, "--output", directory.path("p.csv")])
        #expect(noModel.status == 2 && noModel.standardError.contains("manifest.json: no such file"))
    }

    @Test func theSameSeedGivesTheSameLeaderboard() throws {
        let first = try quickRun("first"), second = try quickRun("second")
        #expect(first.status == 0 && second.status == 0, "\(first.standardError) \(second.standardError)")
        func ranking(_ name: String) throws -> [String] {
            // Everything but the timing columns.
            try String(contentsOfFile: directory.path("\(name)/leaderboard.csv"), encoding: .utf8).split(separator: "\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false).dropLast(2).joined(separator: ",")
            }
        }
        #expect(try ranking("first") == ranking("second"))
    }

    @Test func unusableTargetsAreRefusedWithTheReason() throws {
        func refused(_ csv: String, target: String, _ message: String, extra: [String] = []) throws {
            let data = try directory.write("data-\(UUID().uuidString).csv", csv)
            let outcome = try quickRun("job-\(UUID().uuidString)", data: data, target: target, extra: extra)
            #expect(outcome.status == 2, "\(outcome.standardError)")
            #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
        }
        let rows = (0..<40).map { "\($0),\($0 % 7),\($0 % 2 == 0 ? "a" : "b")" }.joined(separator: "\n")
        try refused("id,x,y\n" + rows + "\n", target: "nope", "the target column 'nope' is not in the file")
        try refused("id,x,y\n" + (0..<40).map { "\($0),\($0 % 7),same" }.joined(separator: "\n") + "\n", target: "y", "has one value (same) in every row")
        try refused("id,x,y\n" + (0..<40).map { "\($0),\($0 % 7)," }.joined(separator: "\n") + "\n", target: "y", "is missing in every row")
        try refused("id,x,y\n" + (0..<40).map { "\($0),\($0 % 7),label\($0)" }.joined(separator: "\n") + "\n", target: "y", "like an identifier")
        try refused("x,y\n1,a\n2,b\n3,a\n4,b\n", target: "y", "at least 10 are needed for 5-fold cross-validation")
        try refused("id,x,y\n" + rows + "\n", target: "y", "--metric: rmse does not apply to a binary task", extra: ["--metric", "rmse"])
    }

    @Test func aTimeLimitTooShortToTrainIsRefused() throws {
        let outcome = try runProcess(Fixtures.automlBinary, [
            "run", Fixtures.sharedDataset("titanic_train"), "--target", "survived", "--time-limit", "2s", "--job-name", "short",
            "--store", store, "--output", directory.path("short"),
        ], currentDirectory: directory.url.path)
        #expect(outcome.status == 2, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("The time limit of 2.0 s is too short"))
        #expect(outcome.standardError.contains("Raise --time-limit"))
        #expect(try SQLiteTrialStore(path: store).job(named: "short") == nil, "a refused job is not recorded")
        let bad = try runProcess(Fixtures.automlBinary, ["run", Fixtures.sharedDataset("titanic_train"), "--target", "survived", "--time-limit", "soon"])
        #expect(bad.status == 2 && bad.standardError.contains("--time-limit takes a duration"))
    }

    @Test func rowsWithAMissingTargetAreDroppedWithAWarning() throws {
        let rows = (0..<60).map { "\($0 % 9),\($0 % 5),\($0 % 4 == 0 ? "" : ($0 % 3 == 0 ? "yes" : "no"))" }.joined(separator: "\n")
        let data = try directory.write("gaps.csv", "a,b,y\n" + rows + "\n")
        let outcome = try quickRun("gaps", data: data, target: "y")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("dropped 15 rows whose target 'y' is missing"))
    }
}
