import AutoML
import Foundation
import TestSupport
import Testing
import Tuning

/// `automl worker` joining an `automl run` job: real processes sharing a real store (PostgreSQL when
/// the test server is configured, else an SQLite file), the job's training file read by each.
@Suite(.processSlot) struct RunWorkerTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-run-worker") }

    static let data = Fixtures.packageRoot.appendingPathComponent("benchmarks-data/loans.csv").path

    func launch(_ name: String, _ arguments: [String]) throws -> LaunchedProcess {
        try launchProcess(Fixtures.automlBinary, arguments, currentDirectory: directory.url, log: directory.url.appendingPathComponent("\(name).log"))
    }

    func log(_ name: String) -> String { (try? String(contentsOf: directory.url.appendingPathComponent("\(name).log"), encoding: .utf8)) ?? "" }

    /// A shared store: a fresh PostgreSQL database when the test server is configured, else an
    /// SQLite file in the test's directory (`automl` reaches both by the returned argument).
    func sharedStore(postgreSQL: Bool) throws -> (argument: String, store: any TrialStore & JobStore) {
        if postgreSQL, PostgreSQLTestServer.url != nil {
            let url = try PostgreSQLTestServer.freshDatabase()
            return (url, try PostgreSQLTrialStore(server: PostgreSQLLocation(parsing: url)))
        }
        let path = directory.path("store.sqlite")
        return (path, try SQLiteTrialStore(path: path))
    }

    /// Starts `automl run` on the loans file as job `shared-run` (one pipeline at a time) and
    /// returns once the job is searching.
    func startRun(store: (argument: String, store: any TrialStore & JobStore), seconds: Int) throws -> LaunchedProcess {
        let starter = try launch(
            "starter",
            [
                "run", Self.data, "--target", "defaulted", "--time-limit", "\(seconds)s", "--parallel", "1", "--job-name", "shared-run",
                "--store", store.argument, "--output", directory.path("out"), "--stale-after", "10s",
            ])
        waitFor(60) { !((try? store.store.trials(study: "shared-run")) ?? []).isEmpty }
        return starter
    }

    /// The trials of the job held by process `pid`.
    func trials(of pid: Int32, in store: any TrialStore) -> [Trial] {
        ((try? store.trials(study: "shared-run")) ?? []).filter { ($0.worker ?? "").contains(":\(pid):") }
    }

    @Test func aWorkerSharesTheSearchAndTheJobsProcessRanksItsPipelines() async throws {
        let shared = try sharedStore(postgreSQL: true)
        let starter = try startRun(store: shared, seconds: 30)
        defer { kill(starter.processIdentifier, SIGKILL) }
        let worker = try launch("worker", ["worker", "--store", shared.argument, "--job", "shared-run", "--parallel", "1"])
        defer { kill(worker.processIdentifier, SIGKILL) }
        await worker.waitUntilExit()
        await starter.waitUntilExit()
        #expect(worker.terminationStatus == 0, "\(log("worker"))")
        #expect(starter.terminationStatus == 0, "\(log("starter"))")
        #expect(log("worker").contains("Worker done:"), "\(log("worker"))")
        // The trials the worker finished, from its own lines ("trial N algorithm: f1=..."); the store
        // names the last holder, which differs when a trial was taken for lost and claimed again.
        let done = log("worker").split(separator: "\n").compactMap { line -> Int? in
            let words = line.split(separator: " ")
            guard words.count >= 4, words[0] == "trial", words[3].hasPrefix("f1=") else { return nil }
            return Int(words[1])
        }
        #expect(!done.isEmpty, "the worker completed no pipeline: \(log("worker"))")
        // The job's process ranked the worker's pipelines beside its own, from the scores the worker
        // kept in the store.
        let ranked = try String(contentsOfFile: directory.path("out/leaderboard.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .compactMap { Int($0.split(separator: ",")[1]) }
        #expect(!Set(done).isDisjoint(with: ranked), "worker's \(done), ranked \(ranked)")
        #expect(try shared.store.job(named: "shared-run")?.status == .completed)
        #expect(!log("worker").contains("finishes the job"), "the job's own process ended it")
    }

    @Test func aWorkerFinishesARunJobWhoseProcessWasKilled() async throws {
        let shared = try sharedStore(postgreSQL: false)
        let starter = try startRun(store: shared, seconds: 30)
        defer { kill(starter.processIdentifier, SIGKILL) }
        let worker = try launch("worker", ["worker", "--store", shared.argument, "--job", "shared-run", "--parallel", "1"])
        defer { kill(worker.processIdentifier, SIGKILL) }
        // SIGKILL the job's own process once the worker is searching too.
        waitFor(60) { !trials(of: worker.processIdentifier, in: shared.store).isEmpty }
        #expect(!trials(of: worker.processIdentifier, in: shared.store).isEmpty, "\(log("worker"))")
        kill(starter.processIdentifier, SIGKILL)
        await starter.waitUntilExit()
        await worker.waitUntilExit()
        #expect(worker.terminationStatus == 0, "\(log("worker"))")
        #expect(log("worker").contains("this worker finished the job"), "\(log("worker"))")
        let job = try #require(try shared.store.job(named: "shared-run"))
        #expect(job.status == .completed, "\(job)")
        #expect(job.elapsedSeconds < 40, "the time the job ran without its process counts: \(job.elapsedSeconds) s")
        for file in ["model/manifest.json", "index.md", "leaderboard.md"] {
            #expect(FileManager.default.fileExists(atPath: directory.path("out/\(file)")), "\(file) missing")
        }
        // The saved model predicts.
        let predicted = try await runProcess(
            Fixtures.automlBinary, ["predict", "--model", directory.path("out/model"), "--input", Self.data, "--output", directory.path("p.csv")])
        #expect(predicted.status == 0, "\(predicted.standardError)")
    }

    /// A job record in progress, owned by this (live) test process, whose stored configuration reads
    /// `data` and recorded `digest` as its SHA-256.
    func recordJob(data: String, digest: String) throws -> String {
        let path = directory.path("refusals.sqlite")
        let store = try SQLiteTrialStore(path: path)
        var configuration = RunConfiguration(data: data, target: "defaulted", output: directory.path("out"), jobName: "elsewhere")
        configuration.dataSHA256 = digest
        let definition = String(decoding: try JSONEncoder().encode(configuration), as: UTF8.self)
        try store.saveJob(
            JobRecord(
                name: "elsewhere", kind: .automl, definition: definition, outputDirectory: configuration.output, owner: .current, heartbeatAt: Date())
        )
        return path
    }

    @Test func aWorkerRefusesATrainingFileThatDiffersOrIsMissing() async throws {
        let copy = directory.path("loans.csv")
        try FileManager.default.copyItem(atPath: Self.data, toPath: copy)
        let store = try recordJob(data: copy, digest: String(repeating: "0", count: 64))
        let differs = try await runProcess(Fixtures.automlBinary, ["worker", "--store", store, "--job", "elsewhere"])
        #expect(differs.status == 2)
        #expect(
            differs.standardError.contains("Cannot join job 'elsewhere': its training file \(copy) differs from the job's"),
            "\(differs.standardError)")
        #expect(differs.standardError.contains("the job recorded 0000"))
        try FileManager.default.removeItem(atPath: copy)
        let missing = try await runProcess(Fixtures.automlBinary, ["worker", "--store", store, "--job", "elsewhere"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("its training file \(copy) is not on this machine"), "\(missing.standardError)")
    }
}
