import Foundation
import PostgresNIO

extension PostgreSQLTrialStore: JobStore {
    /// The server and database, without the password.
    public var location: String { server.redacted }

    public func saveJob(_ job: JobRecord) throws(TuningError) {
        let owner = try job.owner.map { owner throws(TuningError) in try encodeJSON(owner) }
        try transaction { session in
            try session.execute(
                """
                INSERT INTO jobs (name, kind, definition, output_directory, status, reason, elapsed_seconds, created_at, updated_at, owner, heartbeat_at)
                VALUES (\(job.name), \(job.kind.rawValue), \(job.definition), \(job.outputDirectory), \(job.status.rawValue), \(job.reason),
                        \(job.elapsedSeconds), \(job.createdAt.timeIntervalSince1970), \(job.updatedAt.timeIntervalSince1970), \(owner),
                        \(job.heartbeatAt?.timeIntervalSince1970))
                ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, definition = EXCLUDED.definition,
                    output_directory = EXCLUDED.output_directory, status = EXCLUDED.status, reason = EXCLUDED.reason,
                    elapsed_seconds = EXCLUDED.elapsed_seconds, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
                    owner = EXCLUDED.owner, heartbeat_at = EXCLUDED.heartbeat_at
                """)
        }
    }

    public func replaceJob(_ job: JobRecord, ifUpdatedAt seen: Date) throws(TuningError) -> Bool {
        let owner = try job.owner.map { owner throws(TuningError) in try encodeJSON(owner) }
        return try transaction { session in
            try session.execute(
                """
                UPDATE jobs SET kind = \(job.kind.rawValue), definition = \(job.definition), output_directory = \(job.outputDirectory),
                    status = \(job.status.rawValue), reason = \(job.reason), elapsed_seconds = \(job.elapsedSeconds),
                    created_at = \(job.createdAt.timeIntervalSince1970), updated_at = \(job.updatedAt.timeIntervalSince1970), owner = \(owner),
                    heartbeat_at = \(job.heartbeatAt?.timeIntervalSince1970)
                WHERE name = \(job.name) AND abs(updated_at - \(seen.timeIntervalSince1970)) < 0.001
                """) == 1
        }
    }

    public func job(named name: String) throws(TuningError) -> JobRecord? {
        try transaction(readOnly: true) { session in
            try session.row("SELECT \(unescaped: Self.jobColumns) FROM jobs WHERE name = \(name)").map { try Self.jobRecord($0, session) }
        }
    }

    public func jobs() throws(TuningError) -> [JobRecord] {
        try transaction(readOnly: true) { session in
            try session.rows("SELECT \(unescaped: Self.jobColumns) FROM jobs ORDER BY created_at, name").map { try Self.jobRecord($0, session) }
        }
    }

    private static let jobColumns =
        "name, kind, definition, output_directory, status, reason, elapsed_seconds, created_at, updated_at, owner, heartbeat_at"

    private static func jobRecord(_ row: PostgresRandomAccessRow, _ session: PostgreSQLSession) throws -> JobRecord {
        let name = try row["name"].decode(String.self)
        let kind = try row["kind"].decode(String.self)
        let status = try row["status"].decode(String.self)
        guard let parsedKind = JobRecord.Kind(rawValue: kind), let parsedStatus = JobRecord.Status(rawValue: status) else {
            throw TuningError.storeFailure(
                path: session.location.redacted,
                message: "job '\(name)' has kind '\(kind)' and status '\(status)', which this version does not know")
        }
        return JobRecord(
            name: name, kind: parsedKind, definition: try row["definition"].decode(String.self),
            outputDirectory: try row["output_directory"].decode(String.self), status: parsedStatus, reason: try row["reason"].decode(String.self),
            elapsedSeconds: try row["elapsed_seconds"].decode(Double.self),
            createdAt: Date(timeIntervalSince1970: try row["created_at"].decode(Double.self)),
            updatedAt: Date(timeIntervalSince1970: try row["updated_at"].decode(Double.self)),
            owner: try row["owner"].decode(String?.self).map { try StoreJSON.decode(JobOwner.self, $0) },
            heartbeatAt: try row["heartbeat_at"].decode(Double?.self).map { Date(timeIntervalSince1970: $0) })
    }
}
