import AutoML
import Foundation
import TestSupport
import Testing
import Tuning

/// The job lifecycle on the in-memory store: ownership, heartbeats, how jobs end, and what a job
/// whose process died leaves (found, recorded Stopped, its trial processes killed).
@Suite struct JobLifecycleTests {
    let store = InMemoryTrialStore()

    func record(_ name: String, kind: JobRecord.Kind = .automl) -> JobRecord {
        JobRecord(name: name, kind: kind, definition: "{}", outputDirectory: "/tmp/\(name)")
    }

    /// A process id that has just ended (a `true` that was waited for).
    static func deadProcess() async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        let exit = ProcessExit(process)
        try process.run()
        await exit.wait()
        return process.processIdentifier
    }

    @Test func aNewJobIsOwnedByThisProcessAndEndsOnce() async throws {
        let lifecycle = try await JobLifecycle.begin(record("fresh"), store: store)
        let saved = try #require(try store.job(named: "fresh"))
        #expect(saved.status == .inProgress && saved.owner == .current && saved.heartbeatAt != nil)
        #expect(!JobLifecycle.isStale(saved))
        await lifecycle.beat()
        let ended = try await lifecycle.end(.completed, reason: "done")
        #expect(ended.status == .completed && ended.reason == "done" && ended.elapsedSeconds > 0)
        await lifecycle.fail(CocoaError(.fileNoSuchFile))
        #expect(try store.job(named: "fresh")?.status == .completed, "a later failure does not overwrite how it ended")
        await #expect(throws: AutoMLError.jobExists(name: "fresh", status: "Completed", kind: "automl")) {
            _ = try await JobLifecycle.begin(self.record("fresh"), store: self.store)
        }
    }

    @Test func theHeartbeatKeepsTheRecordAndItsElapsedTimeCurrent() async throws {
        let lifecycle = try await JobLifecycle.begin(record("beating"), store: store, heartbeat: .milliseconds(20))
        let first = try #require(try store.job(named: "beating")?.heartbeatAt)
        // Wait for the event (a later heartbeat in the store), bounded, not for a fixed time; the bound
        // is wide because CPU-bound tests beside this one can hold every executor thread for minutes.
        let deadline = ContinuousClock.now + .seconds(300)
        while try store.job(named: "beating")?.heartbeatAt == first, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        let beaten = try #require(try store.job(named: "beating"))
        #expect(beaten.heartbeatAt.map { $0 > first } == true, "no heartbeat was written")
        #expect(beaten.elapsedSeconds > 0 && beaten.status == .inProgress)
        let ended = try await lifecycle.end(.stopped, reason: "interrupted")
        try await Task.sleep(for: .milliseconds(100))
        #expect(try store.job(named: "beating") == ended, "no heartbeat after the end")
    }

    @Test func anyErrorRecordsTheJobFailedWithItsMessage() async throws {
        let lifecycle = try await JobLifecycle.begin(record("broken"), store: store)
        await lifecycle.fail(AutoMLError.invalidSetting(name: "--x", reason: "bad"))
        let job = try #require(try store.job(named: "broken"))
        #expect(job.status == .failed && job.reason == "--x: bad.")
    }

    @Test func aJobWhoseProcessEndedIsStaleAndSettledAsStopped() async throws {
        var job = record("killed")
        job.owner = JobOwner(host: .current, pid: try await Self.deadProcess(), startTicks: 1)
        job.heartbeatAt = Date()
        try store.saveJob(job)
        #expect(JobLifecycle.isStale(job), "a dead owner is stale at once, whatever its heartbeat")
        let settled = try JobLifecycle.settle(job, in: store)
        #expect(settled.status == .stopped)
        #expect(settled.reason.contains("resume it with `automl run --resume killed`"), "\(settled.reason)")
        #expect(try store.job(named: "killed")?.status == .stopped)
    }

    @Test func ownershipIsJudgedByProcessStartTimeAndHeartbeat() async throws {
        var job = record("judged")
        job.heartbeatAt = Date()
        // This process's id with another start time: the id was recycled, the owner is gone.
        job.owner = JobOwner(host: .current, pid: getpid(), startTicks: (JobOwner.current.startTicks) + 1)
        #expect(JobLifecycle.isStale(job))
        job.owner = .current
        #expect(!JobLifecycle.isStale(job))
        // Another host: only the heartbeat tells.
        job.owner = JobOwner(host: HostIdentity(name: "elsewhere", boot: "b"), pid: 1, startTicks: 1)
        #expect(!JobLifecycle.isStale(job))
        #expect(JobLifecycle.isStale(job, now: Date().addingTimeInterval(JobLifecycle.staleAfter + 1)))
        // This host after a reboot: gone.
        job.owner = JobOwner(host: HostIdentity(name: HostIdentity.current.name, boot: "an earlier boot"), pid: getpid(), startTicks: 1)
        #expect(JobLifecycle.isStale(job))
        // Ended jobs are never stale.
        job.status = .completed
        #expect(!JobLifecycle.isStale(job))
    }

    @Test func resumeRefusesARunningACompletedAndAnotherKindOfJob() async throws {
        let running = try await JobLifecycle.begin(record("running"), store: store)
        await #expect(throws: AutoMLError.self) { _ = try await JobLifecycle.resume("running", kind: .automl, store: self.store) }
        try await running.end(.completed, reason: "done")
        do {
            _ = try await JobLifecycle.resume("running", kind: .automl, store: store)
            Issue.record("a completed job was resumed")
        } catch let error as AutoMLError {
            #expect(error.errorDescription?.contains("it has completed") == true)
        }
        try store.saveJob(record("tuned", kind: .tuning))
        do {
            _ = try await JobLifecycle.resume("tuned", kind: .automl, store: store)
            Issue.record("a tuning job was resumed as a run")
        } catch let error as AutoMLError {
            #expect(error.errorDescription?.contains("`automl tune --resume tuned`") == true, "\(error)")
        }
        await #expect(throws: AutoMLError.unknownJob(name: "ghost", store: "memory")) {
            _ = try await JobLifecycle.resume("ghost", kind: .automl, store: self.store)
        }
    }

    @Test func aStoppedJobIsTakenOverWithItsElapsedTime() async throws {
        var job = record("stopped")
        job.status = .stopped
        job.elapsedSeconds = 40
        try store.saveJob(job)
        let lifecycle = try await JobLifecycle.resume("stopped", kind: .automl, store: store)
        #expect(lifecycle.elapsedBeforeThisSession == 40 && lifecycle.elapsed >= 40)
        let taken = try #require(try store.job(named: "stopped"))
        #expect(taken.status == .inProgress && taken.owner == .current && taken.reason.isEmpty)
        try await lifecycle.end(.completed, reason: "done")
    }

    @Test func settlingADeadJobKillsTheTrialProcessesItLeftBehind() async throws {
        let directory = try TemporaryDirectory()
        // A trial's command as the script executor starts it: its own session, AUTOML_JOB set.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["sh", "-c", "echo $$ > group; exec sleep 300"]
        process.currentDirectoryURL = directory.url
        process.environment = ["AUTOML_JOB": "orphaned", "PATH": "/usr/bin:/bin"]
        let exit = ProcessExit(process)
        try process.run()
        waitFor(10) {
            FileManager.default.fileExists(atPath: directory.path("group"))
                && ((try? String(contentsOfFile: directory.path("group"), encoding: .utf8)) ?? "").hasSuffix("\n")
        }
        let group = try #require(
            Int32(try String(contentsOfFile: directory.path("group"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        defer { kill(-group, SIGKILL) }
        _ = try store.openStudy(
            StudyRecord(
                name: "orphaned", space: SearchSpace([Parameter("x", .continuous(lower: 0, upper: 1, scaling: .linear), initial: .real(0.5))]),
                direction: .minimize, seed: 1))
        let trial = try store.createTrial(study: "orphaned", assignment: Assignment(["x": .real(0.5)]), status: .running)
        try store.recordProcess(study: "orphaned", number: trial.number, process: TrialProcess(host: .current, processGroup: group))
        // A stranger's group of the same number is never signalled: the environment must name the job.
        #expect(ProcessTable.members(ofGroup: group, withEnvironment: "AUTOML_JOB", value: "another job").isEmpty)
        #expect(ProcessTable.members(ofGroup: group, withEnvironment: "AUTOML_JOB", value: "orphaned") == [group])
        var job = record("orphaned", kind: .tuning)
        job.owner = JobOwner(host: .current, pid: try await Self.deadProcess(), startTicks: 1)
        try store.saveJob(job)
        let settled = try JobLifecycle.settle(job, in: store)
        #expect(settled.reason.contains("the processes its running trial left were killed"), "\(settled.reason)")
        waitFor(10) { ProcessTable.startTicks(of: group) == nil }
        #expect(ProcessTable.startTicks(of: group) == nil, "the trial's process survived")
        await exit.wait()
    }

    /// A dead job's trial that a live worker on this host holds (`automl worker`) is that worker's:
    /// settling the job leaves it running; once the worker is gone it is killed like the others.
    @Test func settlingLeavesTheTrialsOfLiveWorkersAlone() async throws {
        let directory = try TemporaryDirectory()
        func start(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (Process, ProcessExit) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.currentDirectoryURL = directory.url
            process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a }
            let exit = ProcessExit(process)
            try process.run()
            return (process, exit)
        }
        // The trial's command in its own session, as the script executor starts it; the worker a
        // plain process.
        let (command, commandExit) = try start(
            "/usr/bin/setsid", ["sh", "-c", "echo $$ > group; exec sleep 300"], environment: ["AUTOML_JOB": "shared"])
        let (worker, workerExit) = try start("/bin/sleep", ["300"], environment: [:])
        waitFor(10) { ((try? String(contentsOfFile: directory.path("group"), encoding: .utf8)) ?? "").hasSuffix("\n") }
        let group = try #require(
            Int32(try String(contentsOfFile: directory.path("group"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        defer {
            kill(-group, SIGKILL)
            kill(worker.processIdentifier, SIGKILL)
        }
        waitFor(10) { ProcessTable.startTicks(of: worker.processIdentifier) != nil }
        let ticks = try #require(ProcessTable.startTicks(of: worker.processIdentifier))
        let workerName = JobOwner(host: .current, pid: worker.processIdentifier, startTicks: ticks).workerName
        #expect(JobOwner.isLiveWorker(workerName) && !JobOwner.isLiveWorker("elsewhere:\(worker.processIdentifier):\(ticks)"))
        _ = try store.openStudy(
            StudyRecord(
                name: "shared", space: SearchSpace([Parameter("x", .continuous(lower: 0, upper: 1, scaling: .linear), initial: .real(0.5))]),
                direction: .minimize, seed: 1))
        let trial = try #require(
            try store.createTrial(
                study: "shared", assignment: Assignment(["x": .real(0.5)]), status: .running, fallback: nil, limit: nil, worker: workerName))
        try store.recordProcess(study: "shared", number: trial.number, process: TrialProcess(host: .current, processGroup: group))
        var job = record("shared", kind: .tuning)
        job.owner = JobOwner(host: .current, pid: try await Self.deadProcess(), startTicks: 1)
        try store.saveJob(job)
        let settled = try JobLifecycle.settle(job, in: store)
        #expect(settled.status == .stopped && !settled.reason.contains("were killed"), "\(settled.reason)")
        #expect(ProcessTable.startTicks(of: group) != nil, "the live worker's trial was killed")
        kill(worker.processIdentifier, SIGKILL)
        await workerExit.wait()
        #expect(try JobLifecycle.killRunningTrials(of: "shared", in: store) == 1)
        waitFor(10) { ProcessTable.startTicks(of: group) == nil }
        #expect(ProcessTable.startTicks(of: group) == nil, "the dead worker's trial survived")
        _ = command
        await commandExit.wait()
    }
}
