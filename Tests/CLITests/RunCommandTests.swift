import Foundation
import TestSupport
import Testing
import Tuning

/// `automl run` and `automl predict` end to end: the real binary on a real shared dataset.
@Suite(.processSlot) struct RunCommandTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-run") }

    var store: String { directory.path("runs/automl.sqlite") }

    /// A quick job: two cheap algorithms, a few candidates, one at a time.
    func quickRun(
        _ name: String, data: String = Fixtures.sharedDataset("titanic_train"), target: String = "survived",
        extra: [String] = []
    ) async throws -> ProcessOutcome {
        try await runProcess(
            Fixtures.automlBinary,
            [
                "run", data, "--target", target, "--time-limit", "5m", "--max-candidates", "4", "--parallel", "1",
                "--algorithms", "linear,gbdt", "--job-name", name, "--store", store, "--output", directory.path(name), "--seed", "3",
            ] + extra, currentDirectory: directory.url.path)
    }

    @Test func aRunWritesItsOutputsAndItsModelPredicts() async throws {
        let run = try await quickRun("titanic", extra: ["--test", Fixtures.sharedDataset("titanic_test")])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("binary task; 4 pipelines evaluated by 5-fold cross-validation"))
        #expect(run.standardOutput.contains("Test: accuracy"))
        let output = directory.path("titanic")
        #expect(run.standardOutput.contains("Saved model: "))
        for file in ["leaderboard.md", "leaderboard.csv", "candidates.md", "exploration.md", "model/manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(output)/\(file)"), "\(file)")
        }
        // The saved model: one pipeline or a weighted ensemble, each member's files in its directory.
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/model/manifest.json"))) as? [String: Any])
        #expect(manifest["formatVersion"] as? Int == 2)
        let members = try #require(manifest["members"] as? [[String: Any]])
        #expect(!members.isEmpty && abs(members.compactMap { $0["weight"] as? Double }.reduce(0, +) - 1) < 1e-9)
        for member in members {
            let folder = try #require(member["directory"] as? String)
            for file in ["pipeline.json", "learner.json"] {
                #expect(FileManager.default.fileExists(atPath: "\(output)/model/\(folder)/\(file)"), "\(folder)/\(file)")
            }
        }
        let csv = try String(contentsOfFile: output + "/leaderboard.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 5 && csv[0].hasPrefix("rank,trial,algorithm,preprocessing,hyperparameters,f1 (mean),f1 (std)"))
        #expect(csv[0].hasSuffix("fit seconds,predict seconds per 1000 rows,model bytes"))
        let leaderboard = try String(contentsOfFile: output + "/leaderboard.md", encoding: .utf8)
        #expect(leaderboard.contains("## Saved model") && leaderboard.contains("## Pipelines"))
        let candidates = try String(contentsOfFile: output + "/candidates.md", encoding: .utf8)
        for expected in [
            "**Problem type:** binary", "**Metric:** `f1`", "## Candidate linear", "## Candidate gbdt", "### Search space",
            "| column | step | reason |",
        ] {
            #expect(candidates.contains(expected), "\(expected)")
        }
        let job = try #require(try SQLiteTrialStore(path: store).job(named: "titanic"))
        #expect(job.kind == .automl && job.status == .completed)
        let show = try await runProcess(Fixtures.automlBinary, ["jobs", "show", "titanic", "--store", store])
        #expect(show.status == 0, "\(show.standardError)")
        for expected in [
            "# AutoML job titanic", "target `survived`, a binary task", "**Metric:** `f1` (higher is better)",
            "**Trials:** 4 completed", "## Trials by algorithm", "## Saved model", "leaderboard.md",
        ] {
            #expect(show.standardOutput.contains(expected), "\(expected) in \(show.standardOutput)")
        }
        let list = try await runProcess(Fixtures.automlBinary, ["jobs", "--store", store])
        #expect(list.standardOutput.contains("titanic") && list.standardOutput.contains("4 done") && list.standardOutput.contains("f1="))

        let predictions = directory.path("predictions.csv")
        let predict = try await runProcess(
            Fixtures.automlBinary,
            ["predict", "--model", output + "/model", "--input", Fixtures.sharedDataset("titanic_test"), "--output", predictions])
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

    @Test func predictRefusesAFileWithoutTheTrainingColumns() async throws {
        let run = try await quickRun("schema")
        #expect(run.status == 0, "\(run.standardError)")
        let input = try directory.write("partial.csv", "pclass,sex,extra\n1,female,x\n3,male,y\n")
        let predict = try await runProcess(
            Fixtures.automlBinary, ["predict", "--model", directory.path("schema/model"), "--input", input, "--output", directory.path("p.csv")])
        #expect(predict.status == 2)
        #expect(predict.standardError.contains("partial.csv: the model was trained with columns this file lacks: 'name'"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("p.csv")))
        // Text in a column the model read as numbers is counted in a warning, not silently missing.
        let titanic = try String(contentsOfFile: Fixtures.sharedDataset("titanic_test"), encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let worded =
            [String(titanic[0]), String(titanic[1]).replacingOccurrences(of: ",male,40.5,", with: ",male,thirty,")]
            + titanic.dropFirst(2).map(String.init)
        let wordy = try directory.write("wordy.csv", worded.joined(separator: "\n"))
        let warned = try await runProcess(
            Fixtures.automlBinary, ["predict", "--model", directory.path("schema/model"), "--input", wordy, "--output", directory.path("w.csv")])
        #expect(
            warned.status == 0
                && warned.standardError.contains(
                    "column 'age' was numeric in training, but 1 value is not a number (e.g. 'thirty'); it is read as missing"),
            "\(warned.standardError)")
        let noModel = try await runProcess(
            Fixtures.automlBinary, ["predict", "--model", directory.path("nowhere"), "--input", input, "--output", directory.path("p.csv")])
        #expect(noModel.status == 2 && noModel.standardError.contains("manifest.json: no such file"))
    }

    @Test func aFailureAfterTheJobStartedLeavesItFailedNotInProgress() async throws {
        // The --test file is read only after the model is saved: its absence fails the job there.
        let outcome = try await runProcess(
            Fixtures.automlBinary,
            [
                "run", Fixtures.sharedDataset("penguins_train"), "--target", "species", "--time-limit", "5m", "--max-candidates", "1", "--parallel",
                "1",
                "--algorithms", "linear", "--test", directory.path("no-such-test.csv"), "--job-name", "late", "--store", store, "--output",
                directory.path("late"),
            ])
        #expect(outcome.status == 2, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("no-such-test.csv"), "\(outcome.standardError)")
        let job = try #require(try SQLiteTrialStore(path: store).job(named: "late"))
        #expect(job.status == .failed)
        #expect(job.reason.contains("no-such-test.csv"), "\(job.reason)")
        // Its name is taken; the message says what to do for a run job.
        let again = try await runProcess(
            Fixtures.automlBinary,
            [
                "run", Fixtures.sharedDataset("penguins_train"), "--target", "species", "--time-limit", "5m", "--job-name", "late", "--store", store,
            ])
        #expect(
            again.status == 2 && again.standardError.contains("(Failed, an `automl run` job). Continue it with `automl run --resume late`"),
            "\(again.standardError)")
        #expect(!again.standardError.contains("automl tune --resume"))
    }

    @Test func runReadsItsFilesWithTheCSVOptionsAndStoresThem() async throws {
        // Penguins without a header, separated by semicolons: the same options read the training and the --test file.
        func rewrite(_ name: String) async throws -> String {
            let lines = try String(contentsOfFile: Fixtures.sharedDataset(name), encoding: .utf8).split(separator: "\n").dropFirst()
            return try directory.write("\(name).csv", lines.map { $0.replacingOccurrences(of: ",", with: ";") }.joined(separator: "\n") + "\n")
        }
        let train = try await rewrite("penguins_train")
        let test = try await rewrite("penguins_test")
        let outcome = try await runProcess(
            Fixtures.automlBinary,
            [
                "run", train, "--no-header", "--delimiter", ";", "--na-values", "NA", "--target", "column_1", "--time-limit", "5m",
                "--max-candidates", "2",
                "--parallel", "1", "--algorithms", "linear", "--test", test, "--job-name", "headerless", "--store", store, "--output",
                directory.path("headerless"),
            ])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Test: "), "the --test file was read with the same options: \(outcome.standardOutput)")
        let stored = try #require(try SQLiteTrialStore(path: store).job(named: "headerless"))
        #expect(stored.definition.contains(#""hasHeader":false"#) && stored.definition.contains(#""delimiter":59"#), "\(stored.definition)")
    }

    @Test func theSameSeedGivesTheSameLeaderboard() async throws {
        let first = try await quickRun("first")
        let second = try await quickRun("second")
        #expect(first.status == 0 && second.status == 0, "\(first.standardError) \(second.standardError)")
        func ranking(_ name: String) throws -> [String] { try leaderboardWithoutTimings(directory.path("\(name)/leaderboard.csv")) }
        #expect(try ranking("first") == ranking("second"))
        // The same final model too (its members, weights and hyperparameters).
        func members(_ name: String) throws -> String {
            let manifest =
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.path("\(name)/model/manifest.json"))))
                as? [String: Any]
            let members = try JSONSerialization.data(withJSONObject: manifest?["members"] ?? [], options: [.sortedKeys])
            return String(decoding: members, as: UTF8.self)
        }
        #expect(try members("first") == members("second"))
    }

    @Test(.serialized, arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalEndsTheJobWithTheLeaderboardAndModelSoFar(_ signalNumber: Int32, _ status: Int32) async throws {
        let log = directory.url.appendingPathComponent("interrupted.log")
        let process = try launchProcess(
            Fixtures.automlBinary,
            [
                "run", Fixtures.sharedDataset("titanic_train"), "--target", "survived", "--time-limit", "10m", "--parallel", "1",
                "--algorithms", "linear,knn,mlp", "--job-name", "interrupted", "--store", store, "--output", directory.path("interrupted"),
            ], currentDirectory: directory.url, log: log)
        func finished() -> Int {
            ((try? SQLiteTrialStore(path: store).trials(study: "interrupted")) ?? []).filter { $0.status == .completed }.count
        }
        waitFor(120) { finished() >= 3 }
        kill(process.processIdentifier, signalNumber)
        await process.waitUntilExit()
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationStatus == status, "\(output)")
        #expect(output.contains("interrupted; finishing with the pipelines evaluated so far"))
        let job = try #require(try SQLiteTrialStore(path: store).job(named: "interrupted"))
        #expect(job.status == .stopped)
        let completed = finished()
        let csv = try String(contentsOfFile: directory.path("interrupted/leaderboard.csv"), encoding: .utf8).split(separator: "\n")
        #expect(completed >= 3 && csv.count == completed + 1, "every completed pipeline is on the leaderboard")
        let predictions = directory.path("interrupted.csv")
        let predict = try await runProcess(
            Fixtures.automlBinary,
            [
                "predict", "--model", directory.path("interrupted/model"), "--input", Fixtures.sharedDataset("titanic_test"), "--output", predictions,
            ])
        #expect(predict.status == 0, "the model saved on Ctrl-C predicts: \(predict.standardError)")
    }

    @Test func unusableTargetsAreRefusedWithTheReason() async throws {
        func refused(_ csv: String, target: String, _ message: String, extra: [String] = []) async throws {
            let data = try directory.write("data-\(UUID().uuidString).csv", csv)
            let outcome = try await quickRun("job-\(UUID().uuidString)", data: data, target: target, extra: extra)
            #expect(outcome.status == 2, "\(outcome.standardError)")
            #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
        }
        let rows = (0..<40).map { "\($0),\($0 % 7),\($0 % 2 == 0 ? "a" : "b")" }.joined(separator: "\n")
        try await refused("id,x,y\n" + rows + "\n", target: "nope", "the target column 'nope' is not in the file")
        try await refused(
            "id,x,y\n" + (0..<40).map { "\($0),\($0 % 7),same" }.joined(separator: "\n") + "\n", target: "y", "has one value (same) in every row")
        try await refused("id,x,y\n" + (0..<40).map { "\($0),\($0 % 7)," }.joined(separator: "\n") + "\n", target: "y", "is missing in every row")
        try await refused(
            "id,x,y\n" + (0..<40).map { "\($0),\($0 % 7),label\($0)" }.joined(separator: "\n") + "\n", target: "y", "like an identifier")
        try await refused("x,y\n1,a\n2,b\n3,a\n4,b\n", target: "y", "at least 10 are needed for 5-fold cross-validation")
        try await refused("id,x,y\n" + rows + "\n", target: "y", "--metric: rmse does not apply to a binary task", extra: ["--metric", "rmse"])
    }

    @Test func aTimeLimitTooShortToTrainIsRefused() async throws {
        let outcome = try await runProcess(
            Fixtures.automlBinary,
            [
                "run", Fixtures.sharedDataset("titanic_train"), "--target", "survived", "--time-limit", "2s", "--job-name", "short",
                "--store", store, "--output", directory.path("short"),
            ], currentDirectory: directory.url.path)
        #expect(outcome.status == 2, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("The time limit of 2.0 s is too short"))
        #expect(outcome.standardError.contains("Raise --time-limit"))
        #expect(try SQLiteTrialStore(path: store).job(named: "short") == nil, "a refused job is not recorded")
        let bad = try await runProcess(
            Fixtures.automlBinary, ["run", Fixtures.sharedDataset("titanic_train"), "--target", "survived", "--time-limit", "soon"])
        #expect(bad.status == 2 && bad.standardError.contains("--time-limit takes a duration"))
    }

    @Test func rowsWithAMissingTargetAreDroppedWithAWarning() async throws {
        let rows = (0..<60).map { "\($0 % 9),\($0 % 5),\($0 % 4 == 0 ? "" : ($0 % 3 == 0 ? "yes" : "no"))" }.joined(separator: "\n")
        let data = try directory.write("gaps.csv", "a,b,y\n" + rows + "\n")
        let outcome = try await quickRun("gaps", data: data, target: "y")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("dropped 15 rows whose target 'y' is missing"))
    }
}
