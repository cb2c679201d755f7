import Foundation
import TestSupport
import Testing
import Tuning

/// The reviewer's pages of `automl run`: `index.md` with its computed caveats and reproduction
/// section, the trial tally and failures section of `leaderboard.md`.
@Suite(.processSlot) struct RunReportsCommandTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-reports") }

    var store: String { directory.path("runs/automl.sqlite") }

    /// 150 rows with a date column, a number and a category; the target depends on the number.
    func smallDatedFile() throws -> String {
        let rows = (0..<150).map { i -> String in
            let day = String(format: "2024-%02d-%02d", 1 + i % 12, 1 + i % 28)
            let x = Double((i * 37) % 101) / 10
            return "\(day),\(x),\(i % 3 == 0 ? "red" : "blue"),\(x + Double(i % 5) > 6 ? "yes" : "no")"
        }
        return try directory.write("dated.csv", "day,x,colour,label\n" + rows.joined(separator: "\n") + "\n")
    }

    func run(_ name: String, data: String, extra: [String] = []) async throws -> ProcessOutcome {
        try await runProcess(
            Fixtures.automlBinary,
            [
                "run", data, "--target", "label", "--time-limit", "5m", "--max-candidates", "3", "--parallel", "1",
                "--algorithms", "linear,gbdt", "--job-name", name, "--store", store, "--output", directory.path(name), "--seed", "3",
            ] + extra, currentDirectory: directory.url.path)
    }

    @Test func indexStatesTheDataTheResultTheCaveatsAndHowToReproduce() async throws {
        let data = try smallDatedFile()
        let outcome = try await run("dated", data: data)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("index.md (start here)"))
        let index = try String(contentsOfFile: directory.path("dated/index.md"), encoding: .utf8)
        let digest = try await runProcess("/usr/bin/sha256sum", [data]).standardOutput.split(separator: " ").first.map(String.init) ?? "?"
        for expected in [
            "# AutoML job: dated", "**Data:** `dated.csv`, SHA-256 `\(digest)`", "**Shape:** 150 rows × 4 columns",
            "**Target:** `label`, a binary task; ranked by `f1`", "[leaderboard](leaderboard.md)", "[insights](insights.md)",
            "[explanations](explanations.md)", "[model/](model/manifest.json)",
            "## Result", "**Best pipeline:** trial", "**How sure:** Honest estimate of the saved model: f1",
            "**Trials:** 3 completed, 0 failed, 0 cut off",
            "## Caveats", "**Tiny data:** 150 rows", "**Dates shuffled into folds:** `day`", "got only its starting trial",
            "## Alerts", "## Reproduce", "**automl version:** 0.2.0", "--seed 3", "(check with `sha256sum`)",
        ] {
            #expect(index.contains(expected), "\(expected)\n\(index)")
        }
        let leaderboard = try String(contentsOfFile: directory.path("dated/leaderboard.md"), encoding: .utf8)
        #expect(leaderboard.contains("Trials: 3 completed, 0 failed, 0 cut off."))
        #expect(leaderboard.contains("## Failed and cut-off trials") && leaderboard.contains("None: every trial completed."))
        #expect(leaderboard.contains("SHA-256 `\(digest)`") && leaderboard.contains("automl 0.2.0, seed 3"))
        let candidates = try String(contentsOfFile: directory.path("dated/candidates.md"), encoding: .utf8)
        #expect(candidates.contains("SHA-256 `\(digest)`"))
        // No test file, and time to refit per fold: permutation importance on out-of-fold rows.
        let explanations = try String(contentsOfFile: directory.path("dated/explanations.md"), encoding: .utf8)
        #expect(explanations.contains("Permutation importance on out-of-fold rows") && explanations.contains("across 150 rows"), "\(explanations)")
    }

    @Test func theSpelledOutCommandReproducesTheLeaderboard() async throws {
        let data = try smallDatedFile()
        await #expect(try run("original", data: data).status == 0)
        let index = try String(contentsOfFile: directory.path("original/index.md"), encoding: .utf8)
        let line = try #require(index.split(separator: "\n").first { $0.hasPrefix("- **Every setting spelled out:**") })
        let command = try #require(line.split(separator: "`").dropFirst().first).split(separator: " ").map(String.init)
        #expect(command.starts(with: ["automl", "run"]))
        // The same settings under another name and folder.
        var arguments = Array(command.dropFirst())
        for (option, value) in [("--job-name", "replay"), ("--output", directory.path("replay"))] {
            let position = try #require(arguments.firstIndex(of: option))
            arguments[position + 1] = value
        }
        let replay = try await runProcess(Fixtures.automlBinary, arguments + ["--store", store], currentDirectory: directory.url.path)
        #expect(replay.status == 0, "\(replay.standardError)")
        func ranking(_ name: String) throws -> [String] { try leaderboardWithoutTimings(directory.path("\(name)/leaderboard.csv")) }
        #expect(try ranking("original") == ranking("replay"))
    }
}

/// `automl run --candidate FILE`: the command candidates.md gives for a candidate evaluates that
/// pipeline again and gets its validation score exactly; a replay on other data or seed is refused.
@Suite(.processSlot) struct CandidateReplayCommandTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-replay") }

    @Test func aCandidatesCommandReproducesItsScore() async throws {
        let store = directory.path("automl.sqlite")
        let run = try await runProcess(
            Fixtures.automlBinary,
            [
                "run", Fixtures.sharedDataset("titanic_train"), "--target", "survived", "--time-limit", "5m", "--max-candidates", "5", "--parallel",
                "1",
                "--algorithms", "linear,gbdt", "--job-name", "search", "--store", store, "--output", directory.path("search"), "--seed", "4",
            ], currentDirectory: directory.url.path)
        #expect(run.status == 0, "\(run.standardError)")
        let candidates = try String(contentsOfFile: directory.path("search/candidates.md"), encoding: .utf8)
        // The gbdt section's command.
        let section = try #require(candidates.components(separatedBy: "## Candidate gbdt").last)
        let line = try #require(section.split(separator: "\n").first { $0.hasPrefix("Refit exactly this pipeline") })
        let command = try #require(line.split(separator: "`").dropFirst().first).split(separator: " ").map(String.init)
        let candidateIndex = try #require(command.firstIndex(of: "--candidate"))
        let file = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: command[candidateIndex + 1]))) as? [String: Any]
        let expected = try #require(file?["score"] as? Double)
        let replay = try await runProcess(
            Fixtures.automlBinary, Array(command.dropFirst()) + ["--store", store], currentDirectory: directory.url.path)
        #expect(replay.status == 0, "\(replay.standardError)")
        let output = command[try #require(command.firstIndex(of: "--output")) + 1]
        let rows = try String(contentsOfFile: output + "/leaderboard.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 2 && rows[1].contains("gbdt"), "one gbdt pipeline evaluated")
        let written = try FileManager.default.contentsOfDirectory(atPath: output + "/candidates")
        #expect(written.count == 1)
        let replayed =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/candidates/" + written[0]))) as? [String: Any]
        let score = try #require(replayed?["score"] as? Double)
        #expect(abs(score - expected) < 1e-12, "replayed \(score), first \(expected)")

        // Another seed, another file, no file: refused with what to do.
        let wrongSeed = try await runProcess(
            Fixtures.automlBinary, Array(command.dropFirst()) + ["--store", store, "--seed", "5", "--job-name", "x1"],
            currentDirectory: directory.url.path)
        #expect(wrongSeed.status == 2 && wrongSeed.standardError.contains("was evaluated with --seed 4; give --seed 4"), "\(wrongSeed.standardError)")
        var otherData = Array(command.dropFirst())
        otherData[1] = Fixtures.sharedDataset("titanic_test")
        let wrongData = try await runProcess(
            Fixtures.automlBinary, otherData + ["--store", store, "--job-name", "x2"], currentDirectory: directory.url.path)
        #expect(wrongData.status == 2 && wrongData.standardError.contains("was evaluated on data with SHA-256"), "\(wrongData.standardError)")
        let missing = try await runProcess(
            Fixtures.automlBinary,
            [
                "run", Fixtures.sharedDataset("titanic_train"), "--target", "survived", "--candidate", directory.path("nowhere.json"), "--store",
                store,
            ], currentDirectory: directory.url.path)
        #expect(missing.status == 2 && missing.standardError.contains("nowhere.json: no such file"), "\(missing.standardError)")
    }
}
