import Foundation
import TestSupport
import Testing
import Tuning

/// One contract, every store: every behaviour a ``Study`` relies on.
@Suite struct TrialStoreContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case memory, sqlite, postgresql
        var testDescription: String { rawValue }

        /// The kinds this machine can test: PostgreSQL only with a server (``PostgreSQLTestServer``).
        static var available: [Kind] { PostgreSQLTestServer.url == nil ? [.memory, .sqlite] : allCases }
    }

    @Test(.enabled(if: PostgreSQLTestServer.url != nil, PostgreSQLTestServer.skipped)) func postgreSQLCasesRun() throws {
        #expect(Kind.available.contains(.postgresql))
        let url = try PostgreSQLTestServer.freshDatabase()
        #expect(try PostgreSQLTrialStore(server: PostgreSQLLocation(parsing: url)).studies().isEmpty)
    }

    /// A fresh store of `kind` (SQLite: a real file in a fresh directory, removed by the caller;
    /// PostgreSQL: a new database on the test server).
    static func makeStore(_ kind: Kind) throws -> (store: any TrialStore, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("automl-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch kind {
        case .memory: return (InMemoryTrialStore(), directory)
        case .sqlite: return (try SQLiteTrialStore(path: directory.appendingPathComponent("trials.sqlite").path), directory)
        case .postgresql:
            return (try PostgreSQLTrialStore(server: PostgreSQLLocation(parsing: PostgreSQLTestServer.freshDatabase())), directory)
        }
    }

    @Test(arguments: Kind.available) func savesListsAndReplacesJobs(kind: Kind) throws {
        let (store, directory) = try Self.makeStore(kind)
        defer { try? FileManager.default.removeItem(at: directory) }
        let jobs = try #require(store as? any JobStore)
        let created = Date(timeIntervalSince1970: 1_800_000_000)
        var first = JobRecord(
            name: "b-job", kind: .tuning, definition: #"{"x":1}"#, outputDirectory: "/tmp/b", createdAt: created, updatedAt: created)
        let second = JobRecord(
            name: "a-job", kind: .automl, definition: "{}", outputDirectory: "/tmp/a",
            createdAt: created.addingTimeInterval(5), updatedAt: created.addingTimeInterval(5))
        try jobs.saveJob(first)
        try jobs.saveJob(second)
        #expect(try jobs.jobs().map(\.name) == ["b-job", "a-job"])
        first.status = .completed
        first.reason = "the maximum number of trials finished"
        first.elapsedSeconds = 12.5
        try jobs.saveJob(first)
        #expect(try jobs.job(named: "b-job") == first)
        #expect(try jobs.jobs().count == 2)
        #expect(try jobs.job(named: "nope") == nil)
    }

    @Test(arguments: Kind.available) func aJobIsTakenOverByOneOfItsContenders(kind: Kind) throws {
        let (store, directory) = try Self.makeStore(kind)
        defer { try? FileManager.default.removeItem(at: directory) }
        let jobs = try #require(store as? any JobStore)
        let seen = Date(timeIntervalSince1970: 1_800_000_000.123_456)
        let job = JobRecord(name: "contested", kind: .automl, definition: "{}", outputDirectory: "/tmp/c", createdAt: seen, updatedAt: seen)
        try jobs.saveJob(job)
        // Every contender read the same record; each tries to take it over.
        var takers: [Int] = []
        for contender in 0..<3 {
            var mine = job
            mine.reason = "taken by \(contender)"
            mine.updatedAt = seen.addingTimeInterval(Double(contender + 1))
            if try jobs.replaceJob(mine, ifUpdatedAt: seen) {
                takers.append(contender)
            }
        }
        #expect(takers == [0])
        #expect(try jobs.job(named: "contested")?.reason == "taken by 0")
        // The record as it reads back is a valid witness for the next take-over.
        let stored = try #require(try jobs.job(named: "contested"))
        var next = stored
        next.reason = "taken again"
        #expect(try jobs.replaceJob(next, ifUpdatedAt: stored.updatedAt))
        #expect(try jobs.job(named: "contested") == next)
        var absent = job
        absent.name = "absent"
        #expect(try jobs.replaceJob(absent, ifUpdatedAt: seen) == false)
        #expect(try jobs.job(named: "absent") == nil)
    }

    @Test(arguments: Kind.available) func keepsAttachmentsWithTrials(kind: Kind) throws {
        let (store, directory) = try Self.makeStore(kind)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try store.openStudy(record)
        let first = try store.createTrial(study: "job", assignment: Assignment(["x1": .real(1), "x2": .real(2)]), status: .running)
        let second = try store.createTrial(study: "job", assignment: Assignment(["x1": .real(3), "x2": .real(4)]), status: .running)
        let bytes = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try store.saveAttachment(study: "job", number: first.number, data: bytes)
        try store.saveAttachment(study: "job", number: second.number, data: Data())
        #expect(try store.attachment(study: "job", number: first.number) == bytes)
        #expect(try store.attachment(study: "job", number: second.number) == Data())
        try store.saveAttachment(study: "job", number: first.number, data: Data([1, 2, 3]))
        #expect(try store.attachment(study: "job", number: first.number) == Data([1, 2, 3]))
        #expect(throws: TuningError.unknownTrial(study: "job", number: 9)) {
            try store.saveAttachment(study: "job", number: 9, data: Data([1]))
        }
        #expect(try store.attachment(study: "job", number: 9) == nil)
        try store.removeAttachments(study: "job")
        #expect(try store.attachment(study: "job", number: first.number) == nil)
        #expect(try store.trials(study: "job").count == 2)
    }

    let record = StudyRecord(name: "job", space: TestFunctions.braninSpace, direction: .minimize, seed: 7)

    @Test(arguments: Kind.available) func keepsAJobsOwnerAndHeartbeat(kind: Kind) throws {
        let (store, directory) = try Self.makeStore(kind)
        defer { try? FileManager.default.removeItem(at: directory) }
        let jobs = try #require(store as? any JobStore)
        let beat = Date(timeIntervalSince1970: 1_800_000_123.25)
        let owner = JobOwner(host: HostIdentity(name: "node-7", boot: "b00t"), pid: 4242, startTicks: 987_654)
        let job = JobRecord(
            name: "owned", kind: .automl, definition: "{}", outputDirectory: "/tmp/o", createdAt: beat, updatedAt: beat, owner: owner,
            heartbeatAt: beat)
        try jobs.saveJob(job)
        #expect(try jobs.job(named: "owned") == job)
        #expect(try jobs.job(named: "owned")?.owner == owner)
    }

    @Test(arguments: Kind.available) func recordsATrialsProcessUntilItIsClaimedAgain(kind: Kind) throws {
        let (store, directory) = try Self.makeStore(kind)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try store.openStudy(record)
        let trial = try store.createTrial(study: "job", assignment: Assignment(["x1": .real(1), "x2": .real(2)]), status: .running)
        #expect(trial.process == nil)
        let process = TrialProcess(host: HostIdentity(name: "node-7", boot: "b00t"), processGroup: 31337)
        try store.recordProcess(study: "job", number: trial.number, process: process)
        #expect(try store.trials(study: "job").first?.process == process)
        // A re-queued trial keeps the record (a resume kills what it names) until claimed again.
        #expect(try store.requeueRunningTrials(study: "job") == 1)
        #expect(try store.trials(study: "job").first?.process == process)
        #expect(try store.claimPendingTrial(study: "job")?.process == nil)
        _ = try store.finishTrial(study: "job", number: trial.number, outcome: .completed(1))
        #expect(throws: TuningError.self) { try store.recordProcess(study: "job", number: trial.number, process: process) }
        let drawn = try store.createTrial(
            study: "job", assignment: Assignment(["x1": .real(3), "x2": .real(4)]), status: .running, fallback: "the model failed")
        #expect(drawn.samplerFallback == "the model failed")
        #expect(try store.trials(study: "job").last?.samplerFallback == "the model failed")
        #expect(try store.trials(study: "job").first?.samplerFallback == nil)
    }

    @Test(arguments: Kind.available) func opensOrCreatesAStudyAndRefusesAMismatch(kind: Kind) throws {
        let (store, directory) = try Self.makeStore(kind)
        defer { try? FileManager.default.removeItem(at: directory) }
        let created = try store.openStudy(record)
        #expect(created.name == "job")
        #expect(try store.openStudy(record).seed == 7)
        var other = record
        other.direction = .maximize
        #expect(throws: TuningError.studyMismatch(study: "job", detail: "direction (minimize, not maximize)")) { try store.openStudy(other) }
        other = record
        other.space = TestFunctions.conditionalSpace
        #expect(throws: TuningError.studyMismatch(study: "job", detail: "search space")) { try store.openStudy(other) }
        #expect(try store.studies().map(\.name) == ["job"])
        #expect(try store.study(named: "nope") == nil)
        #expect(throws: TuningError.unknownStudy(name: "nope")) { try store.trials(study: "nope") }
    }

    @Test(arguments: Kind.available) func trialsAreNumberedAndFinishedOnce(kind: Kind) throws {
        let (store, directory) = try Self.makeStore(kind)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try store.openStudy(record)
        let a = try store.createTrial(study: "job", assignment: Assignment(["x1": .real(1), "x2": .real(2)]), status: .running)
        let b = try store.createTrial(study: "job", assignment: Assignment(["x1": .real(3), "x2": .real(4)]), status: .running)
        #expect(a.number == 0 && b.number == 1)
        #expect(a.seed == record.trialSeed(0) && a.seed != b.seed)
        try store.recordIntermediate(study: "job", number: 0, step: 1, value: 5)
        try store.recordIntermediate(study: "job", number: 0, step: 2, value: 4)
        try store.recordIntermediate(study: "job", number: 0, step: 2, value: 3.5)
        let done = try store.finishTrial(study: "job", number: 0, outcome: .completed(3.25))
        #expect(done.status == .completed && done.value == 3.25 && done.finishedAt != nil)
        #expect(done.intermediateValues == [IntermediateValue(step: 1, value: 5), IntermediateValue(step: 2, value: 3.5)])
        #expect(throws: TuningError.trialAlreadyFinished(study: "job", number: 0, status: "completed")) {
            try store.finishTrial(study: "job", number: 0, outcome: .completed(1))
        }
        #expect(throws: TuningError.trialAlreadyFinished(study: "job", number: 0, status: "completed")) {
            try store.recordIntermediate(study: "job", number: 0, step: 3, value: 1)
        }
        _ = try store.finishTrial(study: "job", number: 1, outcome: .failed("diverged"))
        #expect(throws: TuningError.unknownTrial(study: "job", number: 9)) { try store.finishTrial(study: "job", number: 9, outcome: .failed("x")) }
        let trials = try store.trials(study: "job")
        #expect(trials.map(\.status) == [.completed, .failed])
        #expect(trials[1].error == "diverged" && trials[1].value == nil)
        #expect(trials[0].assignment == a.assignment)
    }

    @Test(arguments: Kind.available) func runningTrialsAreRequeuedAndClaimedInOrder(kind: Kind) throws {
        let (store, directory) = try Self.makeStore(kind)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try store.openStudy(record)
        for i in 0..<3 { _ = try store.createTrial(study: "job", assignment: Assignment(["x1": .real(Double(i))]), status: .running) }
        _ = try store.finishTrial(study: "job", number: 1, outcome: .completed(1))
        try store.recordIntermediate(study: "job", number: 2, step: 1, value: 9)
        #expect(try store.requeueRunningTrials(study: "job") == 2)
        let first = try store.claimPendingTrial(study: "job")
        #expect(first?.number == 0 && first?.status == .running && first?.attempts == 2)
        let second = try store.claimPendingTrial(study: "job")
        #expect(second?.number == 2 && second?.intermediateValues == [])
        #expect(try store.claimPendingTrial(study: "job") == nil)
        let queued = try store.createTrial(study: "job", assignment: Assignment(["x1": .real(5)]), status: .pending)
        #expect(queued.number == 3 && queued.attempts == 0)
        #expect(try store.claimPendingTrial(study: "job")?.number == 3)
    }

    @Test(arguments: Kind.available) func concurrentWritersLoseNothing(kind: Kind) async throws {
        let (store, directory) = try Self.makeStore(kind)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try store.openStudy(record)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    let mine = try Self.reopened(store)
                    for i in 0..<10 {
                        let trial = try mine.createTrial(
                            study: "job", assignment: Assignment(["x1": .real(Double(worker * 100 + i))]), status: .running)
                        try mine.recordIntermediate(study: "job", number: trial.number, step: 1, value: Double(i))
                        _ = try mine.finishTrial(study: "job", number: trial.number, outcome: .completed(Double(worker)))
                    }
                }
            }
            try await group.waitForAll()
        }
        let trials = try store.trials(study: "job")
        #expect(trials.count == 80)
        #expect(trials.map(\.number) == Array(0..<80))
        #expect(Set(trials.map(\.assignment)).count == 80)
        #expect(trials.allSatisfy { $0.status == .completed && $0.intermediateValues.count == 1 })
    }

    /// Another handle on the same store, as another process would open it (SQLite: its own
    /// connection pool on the file; PostgreSQL: its own connection).
    static func reopened(_ store: any TrialStore) throws -> any TrialStore {
        if let sqlite = store as? SQLiteTrialStore { return try SQLiteTrialStore(path: sqlite.path) }
        if let postgreSQL = store as? PostgreSQLTrialStore { return try PostgreSQLTrialStore(server: postgreSQL.server) }
        return store
    }

    @Test(arguments: Kind.available) func workersNeverPassTheTrialLimitNorClaimATrialTwice(kind: Kind) async throws {
        let (store, directory) = try Self.makeStore(kind)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try store.openStudy(record)
        for i in 0..<6 { _ = try store.createTrial(study: "job", assignment: Assignment(["x1": .real(Double(-i))]), status: .pending) }
        let limit = 30
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    let mine = try Self.reopened(store)
                    var i = 0
                    while true {
                        let name = "worker-\(worker)"
                        let trial =
                            try mine.claimPendingTrial(study: "job", worker: name)
                            ?? mine.createTrial(
                                study: "job", assignment: Assignment(["x1": .real(Double(worker * 100 + i))]), status: .running, fallback: nil,
                                limit: limit, worker: name)
                        guard let trial else { return }
                        #expect(trial.worker == name && trial.heartbeatAt != nil)
                        _ = try mine.finishTrial(study: "job", number: trial.number, outcome: .completed(Double(i)))
                        i += 1
                    }
                }
            }
            try await group.waitForAll()
        }
        let trials = try store.trials(study: "job")
        #expect(trials.map(\.number) == Array(0..<limit))
        #expect(trials.allSatisfy { $0.status == .completed && $0.attempts == 1 }, "every trial ran once")
        #expect(
            try store.createTrial(
                study: "job", assignment: Assignment(["x1": .real(0.5)]), status: .running, fallback: nil, limit: limit, worker: "late")
                == nil)
    }

    @Test(arguments: Kind.available) func aSilentWorkersTrialsAreRequeuedAndTheOthersKept(kind: Kind) throws {
        let (store, directory) = try Self.makeStore(kind)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try store.openStudy(record)
        func create(_ x: Double, _ worker: String?) throws -> Trial? {
            try store.createTrial(study: "job", assignment: Assignment(["x1": .real(x)]), status: .running, fallback: nil, limit: nil, worker: worker)
        }
        let silent = try #require(try create(1, "silent"))
        let alive = try #require(try create(2, "alive"))
        let unnamed = try #require(try create(3, nil))
        #expect(unnamed.worker == nil && unnamed.heartbeatAt == nil)
        // Time passes; only one of the two named workers says it is alive.
        Thread.sleep(forTimeInterval: 1)
        #expect(try store.beat(study: "job", worker: "alive") == [alive.number])
        #expect(try store.requeueStaleTrials(study: "job", silentFor: 0.5) == [silent.number])
        #expect(try store.beat(study: "job", worker: "silent") == [], "the silent worker holds nothing any more")
        let statuses = try store.trials(study: "job").map(\.status)
        #expect(statuses == [.pending, .running, .running])
        let again = try #require(try store.claimPendingTrial(study: "job", worker: "other"))
        #expect(again.number == silent.number && again.attempts == 2 && again.worker == "other" && again.seed == silent.seed)
        #expect(try store.requeueStaleTrials(study: "job", silentFor: 0.5) == [], "a trial held by no worker is never stale")
    }

    @Test(arguments: Kind.available) func aStoppingWorkerReleasesItsTrialsAndOnlyItsOwn(kind: Kind) throws {
        let (store, directory) = try Self.makeStore(kind)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try store.openStudy(record)
        func create(_ x: Double, _ worker: String?) throws -> Trial? {
            try store.createTrial(study: "job", assignment: Assignment(["x1": .real(x)]), status: .running, fallback: nil, limit: nil, worker: worker)
        }
        let first = try #require(try create(1, "leaving"))
        _ = try #require(try create(2, "staying"))
        let second = try #require(try create(3, "leaving"))
        _ = try store.finishTrial(study: "job", number: second.number, outcome: .completed(1))
        let third = try #require(try create(4, "leaving"))
        #expect(try store.releaseTrials(study: "job", worker: "leaving") == [first.number, third.number])
        #expect(try store.trials(study: "job").map(\.status) == [.pending, .running, .completed, .pending])
        #expect(try store.releaseTrials(study: "job", worker: "leaving") == [])
        let again = try #require(try store.claimPendingTrial(study: "job", worker: "staying"))
        #expect(again.number == first.number && again.attempts == 2 && again.seed == first.seed)
        #expect(throws: TuningError.unknownStudy(name: "nope")) { try store.releaseTrials(study: "nope", worker: "x") }
    }

    @Test func sqliteStoreSurvivesReopeningAndKeepsItsSchemaInWAL() throws {
        let (store, directory) = try Self.makeStore(.sqlite)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try #require(store as? SQLiteTrialStore).path
        _ = try store.openStudy(record)
        _ = try store.createTrial(study: "job", assignment: Assignment(["x1": .real(1.5), "x2": .integer(2)]), status: .running)
        _ = try store.finishTrial(study: "job", number: 0, outcome: .stopped(0.5))
        let reopened = try SQLiteTrialStore(path: path)
        let trial = try #require(try reopened.trials(study: "job").first)
        #expect(trial.status == .stopped && trial.value == 0.5)
        #expect(trial.assignment == Assignment(["x1": .real(1.5), "x2": .integer(2)]))
        #expect(try reopened.study(named: "job")?.space == TestFunctions.braninSpace)
    }

    @Test func aFileThatIsNotAStoreIsAClearError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("automl-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("notes.txt").path
        try Data(String(repeating: "not a database\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SQLiteTrialStore(path: path)
            Issue.record("opening a text file as a store succeeded")
        } catch {
            guard case .storeFailure(let failedPath, let message) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(failedPath == path)
            #expect(message.contains("not a database"), "\(message)")
            #expect(error.errorDescription?.contains("Check the file") == true)
        }
        #expect(throws: TuningError.self) { try SQLiteTrialStore(path: directory.appendingPathComponent("missing/dir/store.sqlite").path) }
    }
}
