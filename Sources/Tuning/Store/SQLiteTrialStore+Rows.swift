import Foundation
import GRDB

/// Reading rows back into values, and turning GRDB's errors into ``TuningError``.
extension SQLiteTrialStore {
    /// `body` in one immediate write transaction.
    func write<T>(_ body: @escaping (Database) throws -> T) throws(TuningError) -> T {
        try translatingErrors { try pool.write(body) }
    }

    /// `body` on a read snapshot.
    func read<T>(_ body: @escaping (Database) throws -> T) throws(TuningError) -> T {
        try translatingErrors { try pool.read(body) }
    }

    /// Runs `access`, passing ``TuningError`` through and turning anything else into a store failure.
    private func translatingErrors<T>(_ access: () throws -> T) throws(TuningError) -> T {
        do {
            return try access()
        } catch let error as TuningError {
            throw error
        } catch {
            throw .storeFailure(path: path, message: Self.describe(error))
        }
    }

    func encodeJSON(_ value: some Encodable) throws(TuningError) -> String {
        try StoreJSON.encode(value, location: path)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try StoreJSON.decode(type, text)
    }

    static func fetchStudy(_ db: Database, name: String) throws -> StudyRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM studies WHERE name = ?", arguments: [name]) else { return nil }
        let directionText: String = row["direction"]
        guard let direction = Direction(rawValue: directionText) else {
            throw TuningError.storeFailure(path: db.description, message: "study '\(name)' has an unknown direction '\(directionText)'")
        }
        let seed: Int64 = row["seed"]
        let created: Double = row["created_at"]
        return StudyRecord(
            name: row["name"], space: try decodeJSON(SearchSpace.self, row["space"]), direction: direction,
            seed: UInt64(bitPattern: seed), parents: try decodeJSON([String].self, row["parents"]),
            createdAt: Date(timeIntervalSince1970: created))
    }

    /// Trials of `study` (one when `number` is given), with their intermediate values.
    static func fetchTrials(_ db: Database, study: String, number: Int?) throws -> [Trial] {
        let filter = number == nil ? "" : " AND number = ?"
        let arguments: StatementArguments = number.map { [study, $0] } ?? [study]
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM trials WHERE study = ?\(filter) ORDER BY number", arguments: arguments)
        let valueRows = try Row.fetchAll(
            db, sql: "SELECT number, step, value FROM intermediate_values WHERE study = ?\(filter) ORDER BY number, step",
            arguments: arguments)
        var intermediate: [Int: [IntermediateValue]] = [:]
        for row in valueRows {
            let value: Double? = row["value"]
            intermediate[row["number"], default: []].append(IntermediateValue(step: row["step"], value: value ?? .nan))
        }
        return try rows.map { row in
            let statusText: String = row["status"]
            guard let status = TrialStatus(rawValue: statusText) else {
                throw TuningError.storeFailure(path: db.description, message: "a trial has an unknown status '\(statusText)'")
            }
            let seed: Int64 = row["seed"]
            let started: Double? = row["started_at"]
            let finished: Double? = row["finished_at"]
            let value: Double? = row["value"]
            let trialNumber: Int = row["number"]
            let process: String? = row["process"]
            return Trial(
                number: trialNumber, assignment: try decodeJSON(Assignment.self, row["assignment"]), status: status,
                value: status == .completed ? (value ?? .nan) : value, intermediateValues: intermediate[trialNumber] ?? [],
                error: row["error"], seed: UInt64(bitPattern: seed), attempts: row["attempts"],
                startedAt: started.map { Date(timeIntervalSince1970: $0) }, finishedAt: finished.map { Date(timeIntervalSince1970: $0) },
                process: try process.map { try decodeJSON(TrialProcess.self, $0) }, samplerFallback: row["sampler_fallback"],
                worker: row["worker"], heartbeatAt: (row["heartbeat_at"] as Double?).map { Date(timeIntervalSince1970: $0) })
        }
    }

    static func requireUnfinished(_ db: Database, study: String, number: Int) throws {
        guard try fetchStudy(db, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
        guard let status = try String.fetchOne(db, sql: "SELECT status FROM trials WHERE study = ? AND number = ?", arguments: [study, number])
        else { throw TuningError.unknownTrial(study: study, number: number) }
        if TrialStatus(rawValue: status)?.isFinished ?? false {
            throw TuningError.trialAlreadyFinished(study: study, number: number, status: status)
        }
    }

    /// A date as the store gives it back (seconds since 1970 as a double).
    static func roundTrip(_ date: Date) -> Date { Date(timeIntervalSince1970: date.timeIntervalSince1970) }

    static func describe(_ error: any Error) -> String {
        if let database = error as? DatabaseError { return database.message ?? database.description }
        return "\(error)"
    }

}
