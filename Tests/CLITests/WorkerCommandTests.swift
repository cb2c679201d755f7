import Foundation
import TestSupport
import Testing
import Tuning

/// `automl worker` joining an `automl tune` job through a shared PostgreSQL store: real processes
/// on loopback, some killed with SIGKILL while they hold trials.
@Suite(.processSlot, .enabled(if: PostgreSQLTestServer.url != nil, PostgreSQLTestServer.skipped))
struct WorkerCommandTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-worker") }

    func launch(_ name: String, _ arguments: [String]) throws -> LaunchedProcess {
        try launchProcess(Fixtures.automlBinary, arguments, currentDirectory: directory.url, log: directory.url.appendingPathComponent("\(name).log"))
    }

    func log(_ name: String) -> String { (try? String(contentsOf: directory.url.appendingPathComponent("\(name).log"), encoding: .utf8)) ?? "" }

    /// The job's trials, as the store has them now (none before the study exists).
    func trials(_ store: PostgreSQLTrialStore) -> [Trial] { (try? store.trials(study: "shared")) ?? [] }

    /// Whether a running trial is held by process `pid`.
    func holdsATrial(_ store: PostgreSQLTrialStore, _ pid: Int32) -> Bool {
        trials(store).contains { $0.status == .running && ($0.worker ?? "").contains(":\(pid):") }
    }

    /// A shared tuning job of `total` trials, each a script sleeping `seconds`, started by
    /// `automl tune` in a fresh database with a 3 s stale limit; returns once the job is recorded
    /// in progress. Every trial first waits for the file ``gate`` to exist, so the job cannot end
    /// before the test has its workers in place (a loaded machine starts them slowly).
    /// The file every trial waits for (see ``startJob(total:seconds:)``).
    var gate: String { directory.path("go") }

    /// Lets every trial run.
    func openGate() { FileManager.default.createFile(atPath: gate, contents: Data()) }

    func startJob(total: Int, seconds: Double) async throws -> (
        server: PostgreSQLLocation, store: PostgreSQLTrialStore, program: String, starter: LaunchedProcess
    ) {
        let url = try PostgreSQLTestServer.freshDatabase()
        let server = try PostgreSQLLocation(parsing: url)
        let store = try PostgreSQLTrialStore(server: server)
        let program = try directory.write(
            "bowl-\(seconds).sh",
            "#!/bin/sh\nwhile [ ! -e '\(gate)' ]; do sleep 0.05; done\nsleep \(seconds)\nawk -v x=\"$2\" 'BEGIN { printf \"loss=%.6f\\n\", (x - 0.3) * (x - 0.3) }'\n"
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program)
        let starter = try launch(
            "starter",
            [
                "tune", "--range", "x:continuous:0:1", "--metric", "loss=loss=([0-9.]+)", "--objective", "loss", "--goal", "minimize",
                "--max-trials", "\(total)", "--max-parallel", "1", "--job-name", "shared", "--store", url, "--output", directory.path("shared"),
                "--stale-after", "3s", "--", program,
            ])
        waitFor(60) { (try? store.job(named: "shared"))??.status == .inProgress && !trials(store).isEmpty }
        return (server, store, program, starter)
    }

    @Test func theJobFinishesItsTrialsExactlyOnceWhenItsProcessAndAWorkerAreKilled() async throws {
        let total = 16
        let (server, store, program, starter) = try await startJob(total: total, seconds: 1)
        let url = server.redacted
        defer { kill(starter.processIdentifier, SIGKILL) }
        var workers: [LaunchedProcess] = []
        for k in 0..<3 {
            workers.append(
                try launch("worker-\(k)", ["worker", "--store", url, "--job", "shared", "--parallel", "1", "--stale-after", "3s"]))
        }
        defer { for worker in workers { kill(worker.processIdentifier, SIGKILL) } }

        // SIGKILL the job's own process and one worker, each while it holds a running trial.
        waitFor(60) { holdsATrial(store, starter.processIdentifier) && holdsATrial(store, workers[0].processIdentifier) }
        #expect(holdsATrial(store, starter.processIdentifier) && holdsATrial(store, workers[0].processIdentifier), "\(trials(store))")
        kill(starter.processIdentifier, SIGKILL)
        kill(workers[0].processIdentifier, SIGKILL)
        await starter.waitUntilExit()
        await workers[0].waitUntilExit()
        openGate()

        // The two others take over the lost trials once they are silent for 3 s, finish the budget,
        // and one of them records the job's end and writes its report.
        for worker in workers.dropFirst() {
            await worker.waitUntilExit()
            #expect(worker.terminationStatus == 0, "\(log("worker-1"))\n\(log("worker-2"))")
        }
        let finished = trials(store)
        #expect(finished.map(\.number) == Array(0..<total), "no trial number twice, none past the limit")
        #expect(finished.allSatisfy { $0.status == .completed }, "\(finished.map { ($0.number, $0.status) })")
        #expect(finished.filter { $0.attempts == 2 }.count >= 2, "the two killed trials ran again: \(finished.map(\.attempts))")
        let job = try #require(try store.job(named: "shared"))
        #expect(job.status == .completed, "\(job)")
        #expect(FileManager.default.fileExists(atPath: directory.path("shared/tuning.md")))
        #expect((log("worker-1") + log("worker-2")).contains("this worker recorded the job Completed"))
        // No trial command is left running on this "machine".
        #expect(TuneCommandTests.processes(mentioning: program).isEmpty, "left behind: \(TuneCommandTests.processes(mentioning: program))")
    }

    /// Four workers, each on its own "machine" (a network namespace with its own address, reaching
    /// the PostgreSQL server over a veth pair), join a 40-trial job; two are killed with SIGKILL
    /// while they hold trials. The job ends with exactly 40 completed trials, each number once.
    @Test(.enabled(if: NetworkNamespace.available, "network namespaces need root and iproute2 (ip netns)"))
    func fourMachinesShareAJobAndTwoDie() async throws {
        let total = 40
        let (server, store, program, starter) = try await startJob(total: total, seconds: 0.5)
        defer { kill(starter.processIdentifier, SIGKILL) }
        var machines: [NetworkNamespace] = []
        var workers: [LaunchedProcess] = []
        defer {
            for worker in workers { kill(worker.processIdentifier, SIGKILL) }
            for machine in machines { machine.deleteNow() }
        }
        for k in 0..<4 {
            let machine = try await NetworkNamespace.make(index: k)
            machines.append(machine)
            var remote = server
            remote.host = machine.hostAddress
            let remoteURL = remote.redacted
            workers.append(
                try launchProcess(
                    NetworkNamespace.ip,
                    machine.arguments(
                        Fixtures.automlBinary, ["worker", "--store", remoteURL, "--job", "shared", "--parallel", "1", "--stale-after", "3s"]),
                    currentDirectory: directory.url, log: directory.url.appendingPathComponent("machine-\(k).log")))
        }
        // `ip netns exec` runs the worker in its own process: the worker is the one holding trials.
        func workerProcess(_ k: Int) -> Int32? {
            trials(store).compactMap { trial -> Int32? in
                guard trial.status == .running, let worker = trial.worker else { return nil }
                let parts = worker.split(separator: ":")
                guard parts.count == 3, let pid = Int32(parts[1]) else { return nil }
                let parent = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: " ").dropFirst(3).first
                return parent.flatMap { Int32($0) } == workers[k].processIdentifier || pid == workers[k].processIdentifier ? pid : nil
            }.first
        }
        // Every machine holds a trial (waiting at the gate) before two of them die.
        waitFor(120) { (0..<4).allSatisfy { workerProcess($0) != nil } }
        for k in 0..<4 { #expect(workerProcess(k) != nil, "machine \(k)'s worker never held a trial: \(log("machine-\(k)"))") }
        for k in [1, 3] {
            let pid = try #require(workerProcess(k))
            kill(pid, SIGKILL)
        }
        openGate()
        await starter.waitUntilExit()
        #expect(starter.terminationStatus == 0, "\(log("starter"))")
        for k in [0, 2] {
            await workers[k].waitUntilExit()
            #expect(workers[k].terminationStatus == 0, "\(log("machine-\(k)"))")
        }
        for k in [1, 3] { await workers[k].waitUntilExit() }
        let finished = trials(store)
        #expect(finished.map(\.number) == Array(0..<total), "no trial number twice, none past the limit")
        #expect(finished.allSatisfy { $0.status == .completed }, "\(finished.map { ($0.number, $0.status) })")
        #expect(finished.filter { $0.attempts == 2 }.count >= 2, "the killed workers' trials ran again: \(finished.map(\.attempts))")
        #expect(
            Set(finished.compactMap(\.worker)).count == 3,
            "the job's process and both surviving machines finished trials: \(Set(finished.compactMap(\.worker)))")
        #expect(try store.job(named: "shared")?.status == .completed)
        #expect(TuneCommandTests.processes(mentioning: program).isEmpty, "left behind: \(TuneCommandTests.processes(mentioning: program))")
    }

    /// A worker on its own "machine" loses the network while it holds a trial: it retries for its
    /// --store-timeout, then exits 1 saying the store is unreachable, leaving no trial process
    /// behind and the job's record as it was; the job's own process re-runs its trial and finishes.
    @Test(.enabled(if: NetworkNamespace.available, "network namespaces need root and iproute2 (ip netns)"))
    func aWorkerThatLosesTheStoreGivesUpAndTheOthersGoOn() async throws {
        let total = 8
        let (server, store, program, starter) = try await startJob(total: total, seconds: 0.2)
        defer { kill(starter.processIdentifier, SIGKILL) }
        let machine = try await NetworkNamespace.make(index: 9)
        defer { machine.deleteNow() }
        var remote = server
        remote.host = machine.hostAddress
        let worker = try launchProcess(
            NetworkNamespace.ip,
            machine.arguments(
                Fixtures.automlBinary,
                ["worker", "--store", remote.redacted, "--job", "shared", "--parallel", "1", "--stale-after", "3s", "--store-timeout", "2s"]),
            currentDirectory: directory.url, log: directory.url.appendingPathComponent("cut-off.log"))
        defer { kill(worker.processIdentifier, SIGKILL) }
        // `ip netns exec` runs the worker as its own child: find the trial its worker holds.
        func heldRemotely() -> Trial? {
            trials(store).first { $0.status == .running && !($0.worker ?? "").contains(":\(starter.processIdentifier):") }
        }
        waitFor(120) { heldRemotely() != nil }
        let lost = try #require(heldRemotely(), "the worker never held a trial: \(log("cut-off"))")
        try await machine.cut()
        let cut = ContinuousClock.now
        await worker.waitUntilExit()
        let gaveUpAfter = ContinuousClock.now - cut
        #expect(worker.terminationStatus == 1, "\(log("cut-off"))")
        #expect(log("cut-off").contains("unreachable for 2 s (retried with back-off)"), "\(log("cut-off"))")
        #expect(gaveUpAfter < .seconds(30), "gave up after \(gaveUpAfter)")
        #expect(try store.job(named: "shared")?.status == .inProgress, "the job's record is untouched")
        // The worker's trial process ends with it (parent-death signal); the starter's runs on.
        func trialProcesses() -> [String] {
            TuneCommandTests.processes(mentioning: program).filter { !$0.hasPrefix("\(starter.processIdentifier):") }
        }
        waitFor(10) { trialProcesses().count <= 1 }
        #expect(trialProcesses().count <= 1, "\(trialProcesses())")

        // The job's own process takes the lost trial over once its worker is silent, and finishes.
        openGate()
        await starter.waitUntilExit()
        #expect(starter.terminationStatus == 0, "\(log("starter"))")
        let finished = trials(store)
        #expect(finished.map(\.number) == Array(0..<total))
        #expect(finished.allSatisfy { $0.status == .completed }, "\(finished.map { ($0.number, $0.status) })")
        #expect(finished.first { $0.number == lost.number }?.attempts == 2, "the lost trial ran again")
        #expect(try store.job(named: "shared")?.status == .completed)
        #expect(TuneCommandTests.processes(mentioning: program).isEmpty)
    }

    /// Ctrl-C on a worker: it exits 130 and its running trial is pending again at once, for the
    /// others, not after --stale-after.
    @Test func anInterruptedWorkerHandsItsTrialBackAtOnce() async throws {
        let (server, store, _, starter) = try await startJob(total: 4, seconds: 0.2)
        defer { kill(starter.processIdentifier, SIGKILL) }
        let worker = try launch("interrupted", ["worker", "--store", server.redacted, "--job", "shared", "--parallel", "1", "--stale-after", "60s"])
        defer { kill(worker.processIdentifier, SIGKILL) }
        waitFor(60) { holdsATrial(store, worker.processIdentifier) }
        let held = try #require(trials(store).first { ($0.worker ?? "").contains(":\(worker.processIdentifier):") }, "\(log("interrupted"))")
        kill(worker.processIdentifier, SIGINT)
        await worker.waitUntilExit()
        #expect(worker.terminationStatus == 130, "\(log("interrupted"))")
        let after = try #require(trials(store).first { $0.number == held.number })
        #expect(after.status == .pending && after.worker == nil, "\(after)")
        openGate()
        await starter.waitUntilExit()
        #expect(starter.terminationStatus == 0, "\(log("starter"))")
        #expect(trials(store).map(\.status) == Array(repeating: .completed, count: 4))
    }

    @Test func aWorkerRefusesWhatItCannotJoin() async throws {
        let url = try PostgreSQLTestServer.freshDatabase()
        let none = try await automl("worker", "--store", url, "--any", in: directory)
        #expect(none.status == 2 && none.standardError.contains("no job is in progress"), "\(none.standardError)")
        let unknown = try await automl("worker", "--store", url, "--job", "ghost", in: directory)
        #expect(unknown.status == 2 && unknown.standardError.contains("ghost"), "\(unknown.standardError)")
        let neither = try await automl("worker", "--store", url, in: directory)
        #expect(neither.status == 2 && neither.standardError.contains("--job NAME"), "\(neither.standardError)")
        for (arguments, message) in [
            (["--job", "a", "--any"], "not both"), (["--any", "--parallel", "0"], "--parallel must be from 1"),
            (["--any", "--stale-after", "soon"], "--stale-after takes"), (["--any", "--stale-after", "2s"], "--stale-after must be at least 3s"),
        ] {
            let refused = try await runProcess(Fixtures.automlBinary, ["worker", "--store", url] + arguments, currentDirectory: directory.url.path)
            #expect(refused.status == 2 && refused.standardError.contains(message), "\(arguments): \(refused.standardError)")
        }
        // A job that is not running is not joined, whatever its kind.
        let run = try await automl(
            "run", Fixtures.sharedDataset("penguins_train"), "--target", "species", "--max-candidates", "1", "--parallel", "1",
            "--algorithms", "linear", "--job-name", "penguins", "--store", url, "--output", directory.path("penguins"), in: directory)
        #expect(run.status == 0, "\(run.standardError)")
        let automlJob = try await automl("worker", "--store", url, "--job", "penguins", in: directory)
        #expect(
            automlJob.status == 2 && automlJob.standardError.contains("is Completed, not in progress")
                && automlJob.standardError.contains("automl run --resume penguins"), "\(automlJob.standardError)")
        let program = try directory.write("zero.sh", "#!/bin/sh\necho loss=0\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program)
        let tune = try await automl(
            "tune", "--range", "x:continuous:0:1", "--metric", "loss=loss=([0-9.]+)", "--objective", "loss", "--goal", "minimize",
            "--max-trials", "1", "--job-name", "done", "--store", url, "--output", directory.path("done"), "--", program, in: directory)
        #expect(tune.status == 0, "\(tune.standardError)")
        let finished = try await automl("worker", "--store", url, "--job", "done", in: directory)
        #expect(finished.status == 2 && finished.standardError.contains("is Completed, not in progress"), "\(finished.standardError)")
    }
}
