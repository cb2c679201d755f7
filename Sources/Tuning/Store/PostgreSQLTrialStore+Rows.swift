import Foundation
import PostgresNIO

/// Reading rows back into values.
extension PostgreSQLTrialStore {
    func encodeJSON(_ value: some Encodable) throws(TuningError) -> String {
        try StoreJSON.encode(value, location: server.redacted)
    }

    static func fetchStudy(_ session: PostgreSQLSession, name: String, forUpdate: Bool = false) throws -> StudyRecord? {
        let query: PostgresQuery =
            forUpdate
            ? "SELECT name, space, direction, seed, parents, created_at FROM studies WHERE name = \(name) FOR UPDATE"
            : "SELECT name, space, direction, seed, parents, created_at FROM studies WHERE name = \(name)"
        guard let row = try session.row(query) else { return nil }
        let directionText = try row["direction"].decode(String.self)
        guard let direction = Direction(rawValue: directionText) else {
            throw TuningError.storeFailure(path: session.location.redacted, message: "study '\(name)' has an unknown direction '\(directionText)'")
        }
        return StudyRecord(
            name: try row["name"].decode(String.self), space: try StoreJSON.decode(SearchSpace.self, row["space"].decode(String.self)),
            direction: direction, seed: UInt64(bitPattern: try row["seed"].decode(Int64.self)),
            parents: try StoreJSON.decode([String].self, row["parents"].decode(String.self)),
            createdAt: Date(timeIntervalSince1970: try row["created_at"].decode(Double.self)))
    }

    /// Trials of `study` (one when `number` is given), with their intermediate values.
    static func fetchTrials(_ session: PostgreSQLSession, study: String, number: Int?) throws -> [Trial] {
        let columns =
            "number, assignment, status, value, error, seed, attempts, started_at, finished_at, process, sampler_fallback, worker, heartbeat_at"
        let rows: [PostgresRandomAccessRow]
        let valueRows: [PostgresRandomAccessRow]
        if let number {
            rows = try session.rows("SELECT \(unescaped: columns) FROM trials WHERE study = \(study) AND number = \(number)")
            valueRows = try session.rows(
                "SELECT number, step, value FROM intermediate_values WHERE study = \(study) AND number = \(number) ORDER BY step")
        } else {
            rows = try session.rows("SELECT \(unescaped: columns) FROM trials WHERE study = \(study) ORDER BY number")
            valueRows = try session.rows("SELECT number, step, value FROM intermediate_values WHERE study = \(study) ORDER BY number, step")
        }
        var intermediate: [Int: [IntermediateValue]] = [:]
        for row in valueRows {
            let value = try row["value"].decode(Double?.self)
            intermediate[try row["number"].decode(Int.self), default: []].append(
                IntermediateValue(step: try row["step"].decode(Int.self), value: value ?? .nan))
        }
        return try rows.map { row in
            let statusText = try row["status"].decode(String.self)
            guard let status = TrialStatus(rawValue: statusText) else {
                throw TuningError.storeFailure(path: session.location.redacted, message: "a trial has an unknown status '\(statusText)'")
            }
            let value = try row["value"].decode(Double?.self)
            let trialNumber = try row["number"].decode(Int.self)
            let process = try row["process"].decode(String?.self)
            return Trial(
                number: trialNumber, assignment: try StoreJSON.decode(Assignment.self, row["assignment"].decode(String.self)), status: status,
                value: status == .completed ? (value ?? .nan) : value, intermediateValues: intermediate[trialNumber] ?? [],
                error: try row["error"].decode(String?.self), seed: UInt64(bitPattern: try row["seed"].decode(Int64.self)),
                attempts: try row["attempts"].decode(Int.self),
                startedAt: try row["started_at"].decode(Double?.self).map { Date(timeIntervalSince1970: $0) },
                finishedAt: try row["finished_at"].decode(Double?.self).map { Date(timeIntervalSince1970: $0) },
                process: try process.map { try StoreJSON.decode(TrialProcess.self, $0) },
                samplerFallback: try row["sampler_fallback"].decode(String?.self), worker: try row["worker"].decode(String?.self),
                heartbeatAt: try row["heartbeat_at"].decode(Double?.self).map { Date(timeIntervalSince1970: $0) })
        }
    }

    /// Checks the trial exists and has not ended, locking its row until the transaction ends (so
    /// two workers cannot both finish it).
    static func requireUnfinished(_ session: PostgreSQLSession, study: String, number: Int) throws {
        guard try fetchStudy(session, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
        guard
            let status = try session.row("SELECT status FROM trials WHERE study = \(study) AND number = \(number) FOR UPDATE")?["status"].decode(
                String.self)
        else { throw TuningError.unknownTrial(study: study, number: number) }
        if TrialStatus(rawValue: status)?.isFinished ?? false {
            throw TuningError.trialAlreadyFinished(study: study, number: number, status: status)
        }
    }
}
