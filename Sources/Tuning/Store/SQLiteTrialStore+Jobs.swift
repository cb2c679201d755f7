import Foundation
import GRDB

extension SQLiteTrialStore: JobStore {
    public var location: String { path }

    public func saveJob(_ job: JobRecord) throws(TuningError) {
        let owner = try job.owner.map { owner throws(TuningError) in try encodeJSON(owner) }
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO jobs
                    (name, kind, definition, output_directory, status, reason, elapsed_seconds, created_at, updated_at, owner, heartbeat_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    job.name, job.kind.rawValue, job.definition, job.outputDirectory, job.status.rawValue, job.reason,
                    job.elapsedSeconds, job.createdAt.timeIntervalSince1970, job.updatedAt.timeIntervalSince1970, owner,
                    job.heartbeatAt?.timeIntervalSince1970,
                ])
        }
    }

    public func replaceJob(_ job: JobRecord, ifUpdatedAt seen: Date) throws(TuningError) -> Bool {
        let owner = try job.owner.map { owner throws(TuningError) in try encodeJSON(owner) }
        return try write { db in
            try db.execute(
                sql: """
                    UPDATE jobs SET kind = ?, definition = ?, output_directory = ?, status = ?, reason = ?, elapsed_seconds = ?,
                        created_at = ?, updated_at = ?, owner = ?, heartbeat_at = ?
                    WHERE name = ? AND abs(updated_at - ?) < 0.001
                    """,
                arguments: [
                    job.kind.rawValue, job.definition, job.outputDirectory, job.status.rawValue, job.reason, job.elapsedSeconds,
                    job.createdAt.timeIntervalSince1970, job.updatedAt.timeIntervalSince1970, owner, job.heartbeatAt?.timeIntervalSince1970,
                    job.name, seen.timeIntervalSince1970,
                ])
            return db.changesCount == 1
        }
    }

    public func job(named name: String) throws(TuningError) -> JobRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM jobs WHERE name = ?", arguments: [name]).map(Self.jobRecord)
        }
    }

    public func jobs() throws(TuningError) -> [JobRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM jobs ORDER BY created_at, name").map(Self.jobRecord)
        }
    }

    static func jobRecord(_ row: Row) throws -> JobRecord {
        let kind: String = row["kind"]
        let status: String = row["status"]
        guard let parsedKind = JobRecord.Kind(rawValue: kind), let parsedStatus = JobRecord.Status(rawValue: status) else {
            throw TuningError.storeFailure(
                path: "jobs",
                message: "job '\(row["name"] as String? ?? "")' has kind '\(kind)' and status '\(status)', which this version does not know")
        }
        let owner: String? = row["owner"]
        let heartbeat: Double? = row["heartbeat_at"]
        return JobRecord(
            name: row["name"], kind: parsedKind, definition: row["definition"], outputDirectory: row["output_directory"],
            status: parsedStatus, reason: row["reason"], elapsedSeconds: row["elapsed_seconds"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]), updatedAt: Date(timeIntervalSince1970: row["updated_at"]),
            owner: try owner.map { try decodeJSON(JobOwner.self, $0) }, heartbeatAt: heartbeat.map { Date(timeIntervalSince1970: $0) })
    }
}
