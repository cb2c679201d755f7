import Foundation
import TestSupport
import Testing
import Tuning

/// Kills a real tuning process with SIGKILL several times mid-run, resumes it, and checks the SQLite
/// store ends with exactly the budget of completed trials and no duplicates.
@Suite(.processSlot) struct CrashSafetyTests {
    @Test func aKilledJobResumesToItsBudgetWithoutLosingOrDuplicatingTrials() async throws {
        let directory = try TemporaryDirectory("automl-crash")
        let path = directory.url.appendingPathComponent("trials.sqlite").path
        let probe = Fixtures.builtExecutable("tuning-probe")
        let budget = 40
        var kills = 0
        var completedBeforeKill: [Int] = []
        func completed() -> Int {
            ((try? SQLiteTrialStore(path: path).trials(study: "crash-probe")) ?? []).filter { $0.status == .completed }.count
        }
        for progress in [1, 2, 1, 2] {
            let before = completed()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: probe)
            process.arguments = [path, "\(budget)", "3", "200"]
            process.standardOutput = FileHandle.nullDevice
            let exit = ProcessExit(process)
            try process.run()
            // Killed as soon as it has finished `progress` more trials (others are running then):
            // waiting on progress, not on a fixed sleep that a busy test executor may overrun.
            waitFor(120) { completed() >= before + progress || !process.isRunning }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            await exit.wait()
            let store = try SQLiteTrialStore(path: path)
            if let trials = try? store.trials(study: "crash-probe") {
                completedBeforeKill.append(trials.filter { $0.status == .completed }.count)
            }
        }
        #expect(kills >= 3, "the probe finished before it could be killed")
        let outcome = try await runProcess(probe, [path, "\(budget)", "3", "200"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let trials = try SQLiteTrialStore(path: path).trials(study: "crash-probe")
        let completed = trials.filter { $0.status == .completed }
        #expect(completed.count == budget)
        #expect(trials.count == budget)
        #expect(Set(trials.map(\.number)).count == trials.count)
        #expect(Set(trials.map(\.assignment)).count == trials.count)
        // Progress was kept across kills, and killed trials were run again.
        #expect(completedBeforeKill == completedBeforeKill.sorted())
        #expect(trials.contains { $0.attempts > 1 })
    }
}
