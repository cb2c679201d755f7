import Foundation
import TestSupport
import Testing
import Tuning

/// `automl run --resume`: a run killed with SIGKILL is found Stopped, resumed with its finished
/// trials kept, and ends with its model; what cannot be resumed is refused with the reason.
@Suite(.processSlot) struct RunResumeTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-resume") }

    var store: String { directory.path("runs/automl.sqlite") }

    func trials(_ job: String) -> [Trial] { (try? SQLiteTrialStore(path: store).trials(study: job)) ?? [] }

    @Test func aRunKilledWithSIGKILLResumesWithItsFinishedTrialsKept() async throws {
        let process = try launchProcess(
            Fixtures.automlBinary,
            [
                "run", Fixtures.sharedDataset("titanic_train"), "--target", "survived", "--time-limit", "10m", "--max-candidates", "14",
                "--parallel", "1", "--algorithms", "linear,knn", "--job-name", "killed", "--store", store, "--output", "killed-run",
            ], currentDirectory: directory.url, log: directory.url.appendingPathComponent("killed.log"))
        waitFor(120) { trials("killed").filter { $0.status.isFinished }.count >= 4 }
        kill(process.processIdentifier, SIGKILL)
        await process.waitUntilExit()
        let before = trials("killed").filter { $0.status.isFinished }
        #expect(before.count >= 4 && before.count < 14, "\(before.count) trials finished before the kill")

        // Any look at the store finds the dead job and records it Stopped, with the command to resume it.
        let jobs = try await runProcess(Fixtures.automlBinary, ["jobs", "--store", store])
        #expect(jobs.status == 0 && jobs.standardOutput.contains("Stopped"), "\(jobs.standardOutput)")
        let stopped = try #require(try SQLiteTrialStore(path: store).job(named: "killed"))
        #expect(stopped.status == .stopped && stopped.reason.contains("automl run --resume killed"), "\(stopped.reason)")
        let show = try await runProcess(Fixtures.automlBinary, ["jobs", "show", "killed", "--store", store], currentDirectory: directory.url.path)
        #expect(show.status == 0 && show.standardOutput.contains("`automl run --resume killed` continues it"), "\(show.standardOutput)")
        #expect(
            show.standardOutput.contains("exploration.md`") && !show.standardOutput.contains("leaderboard.md`"),
            "only the outputs on disk are listed: \(show.standardOutput)")
        // A new job of that name is refused with the same advice.
        let again = try await runProcess(
            Fixtures.automlBinary,
            [
                "run", Fixtures.sharedDataset("titanic_train"), "--target", "survived", "--job-name", "killed", "--store", store,
            ], currentDirectory: directory.url.path)
        #expect(again.status == 2 && again.standardError.contains("Continue it with `automl run --resume killed`"), "\(again.standardError)")

        // Resumed from another directory: the stored relative paths are read against the first one.
        let resumed = try await runProcess(Fixtures.automlBinary, ["run", "--resume", "killed", "--store", store], currentDirectory: "/")
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let after = trials("killed")
        #expect(after.count == 14 && Set(after.map(\.number)).count == 14, "no trial lost or run twice: \(after.map(\.number))")
        #expect(after.filter { $0.status.isFinished }.count == 14)
        for trial in before {
            let now = try #require(after.first { $0.number == trial.number })
            #expect(now.value == trial.value && now.attempts == trial.attempts, "finished trial \(trial.number) kept as it was")
        }
        let job = try #require(try SQLiteTrialStore(path: store).job(named: "killed"))
        #expect(job.status == .completed)
        let output = directory.path("killed-run")
        let leaderboard = try String(contentsOfFile: output + "/leaderboard.csv", encoding: .utf8).split(separator: "\n")
        #expect(leaderboard.count == after.filter { $0.status == .completed }.count + 1, "every completed trial ranked, the kept ones too")
        for trial in after {
            #expect(
                try SQLiteTrialStore(path: store).attachment(study: "killed", number: trial.number) == nil,
                "the kept scores go when the job completes")
        }
        let predict = try await runProcess(
            Fixtures.automlBinary,
            [
                "predict", "--model", output + "/model", "--input", Fixtures.sharedDataset("titanic_test"), "--output", directory.path("p.csv"),
            ])
        #expect(predict.status == 0, "\(predict.standardError)")

        // A completed job is not resumed.
        let twice = try await runProcess(Fixtures.automlBinary, ["run", "--resume", "killed", "--store", store])
        #expect(twice.status == 2 && twice.standardError.contains("cannot be resumed: it has completed"), "\(twice.standardError)")
    }

    @Test func resumeTakesNoOtherOptionsAndNamesWhatIsWrong() async throws {
        let extra = try await runProcess(Fixtures.automlBinary, ["run", "--resume", "x", "--time-limit", "1m", "--seed", "3", "--store", store])
        #expect(extra.status == 2 && extra.standardError.contains("drop --time-limit, --seed"), "\(extra.standardError)")
        let ghost = try await runProcess(Fixtures.automlBinary, ["run", "--resume", "ghost", "--store", store])
        #expect(ghost.status == 2 && ghost.standardError.contains("There is no job named 'ghost'"), "\(ghost.standardError)")
        let none = try await runProcess(Fixtures.automlBinary, ["run", "--store", store])
        #expect(none.status == 2 && none.standardError.contains("Missing the training CSV file"), "\(none.standardError)")
        let noTarget = try await runProcess(Fixtures.automlBinary, ["run", Fixtures.sharedDataset("titanic_train"), "--store", store])
        #expect(noTarget.status == 2 && noTarget.standardError.contains("Missing --target"), "\(noTarget.standardError)")
    }
}
