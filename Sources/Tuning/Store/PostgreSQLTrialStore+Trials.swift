import Foundation
import PostgresNIO

extension PostgreSQLTrialStore {
    public func openStudy(_ record: StudyRecord) throws(TuningError) -> StudyRecord {
        let space = try encodeJSON(record.space)
        let parents = try encodeJSON(record.parents)
        return try transaction { session in
            // The lock makes a second opener of a new study wait, then find it.
            try session.execute("SELECT pg_advisory_xact_lock(hashtext(\(record.name)))")
            if let existing = try Self.fetchStudy(session, name: record.name) {
                if let problem = self.mismatch(between: existing, and: record) { throw problem }
                return existing
            }
            try session.execute(
                """
                INSERT INTO studies (name, space, direction, seed, parents, created_at)
                VALUES (\(record.name), \(space), \(record.direction.rawValue), \(Int64(bitPattern: record.seed)), \(parents), \(record.createdAt.timeIntervalSince1970))
                """)
            return record
        }
    }

    public func study(named name: String) throws(TuningError) -> StudyRecord? {
        try transaction(readOnly: true) { session in try Self.fetchStudy(session, name: name) }
    }

    public func studies() throws(TuningError) -> [StudyRecord] {
        try transaction(readOnly: true) { session in
            try session.rows("SELECT name FROM studies ORDER BY created_at, name").compactMap {
                try Self.fetchStudy(session, name: try $0["name"].decode(String.self))
            }
        }
    }

    public func createTrial(
        study: String, assignment: Assignment, status: TrialStatus, fallback: String?, limit: Int?, worker: String?
    ) throws(TuningError) -> Trial? {
        let json = try encodeJSON(assignment)
        return try transaction { session in
            // The study's row lock serializes numbering and the limit across every process and machine.
            guard let record = try Self.fetchStudy(session, name: study, forUpdate: true) else { throw TuningError.unknownStudy(name: study) }
            // One round trip for the count and the next number, and one for all parameters: the
            // study's row stays locked for every statement here (8 workers queued on it).
            let counted = try session.row("SELECT COUNT(*) AS trials, COALESCE(MAX(number) + 1, 0) AS next FROM trials WHERE study = \(study)")
            if let limit, try counted?["trials"].decode(Int.self) ?? 0 >= limit { return nil }
            let number = try counted?["next"].decode(Int.self) ?? 0
            let now = Date()
            let running = status == .running
            let seed = Int64(bitPattern: record.trialSeed(number))
            let attempts = running ? 1 : 0
            let started: Double? = running ? now.timeIntervalSince1970 : nil
            let holder = running ? worker : nil
            let beat: Double? = holder == nil ? nil : now.timeIntervalSince1970
            try session.execute(
                """
                INSERT INTO trials (study, number, assignment, status, seed, attempts, started_at, sampler_fallback, worker, heartbeat_at)
                VALUES (\(study), \(number), \(json), \(status.rawValue), \(seed), \(attempts), \(started), \(fallback), \(holder), \(beat))
                """)
            let names = assignment.values.keys.sorted()
            if !names.isEmpty {
                let values = names.map { assignment.values[$0]?.description ?? "" }
                try session.execute(
                    """
                    INSERT INTO trial_parameters (study, number, name, value)
                    SELECT \(study), \(number), name, value FROM unnest(\(names)::text[], \(values)::text[]) AS given(name, value)
                    """)
            }
            return Trial(
                number: number, assignment: assignment, status: status, seed: record.trialSeed(number), attempts: attempts,
                startedAt: started.map { Date(timeIntervalSince1970: $0) }, samplerFallback: fallback, worker: holder,
                heartbeatAt: beat.map { Date(timeIntervalSince1970: $0) })
        }
    }

    public func claimPendingTrial(study: String, worker: String?) throws(TuningError) -> Trial? {
        try transaction { session in
            guard try Self.fetchStudy(session, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
            // A trial another worker is claiming right now is skipped, not waited for.
            guard
                let number = try session.row(
                    "SELECT number FROM trials WHERE study = \(study) AND status = 'pending' ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED"
                )?["number"].decode(Int.self)
            else { return nil }
            let now = Date().timeIntervalSince1970
            let beat: Double? = worker == nil ? nil : now
            try session.execute("DELETE FROM intermediate_values WHERE study = \(study) AND number = \(number)")
            try session.execute(
                """
                UPDATE trials SET status = 'running', attempts = attempts + 1, started_at = \(now), process = NULL, worker = \(worker), heartbeat_at = \(beat)
                WHERE study = \(study) AND number = \(number)
                """)
            return try Self.fetchTrials(session, study: study, number: number).first
        }
    }

    public func beat(study: String, worker: String) throws(TuningError) -> [Int] {
        try transaction { session in
            guard try Self.fetchStudy(session, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
            return try session.rows(
                """
                UPDATE trials SET heartbeat_at = \(Date().timeIntervalSince1970)
                WHERE study = \(study) AND status = 'running' AND worker = \(worker) RETURNING number
                """
            ).map { try $0["number"].decode(Int.self) }.sorted()
        }
    }

    public func requeueStaleTrials(study: String, silentFor seconds: Double) throws(TuningError) -> [Int] {
        try transaction { session in
            guard try Self.fetchStudy(session, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
            let cutoff = Date().timeIntervalSince1970 - seconds
            return try session.rows(
                """
                UPDATE trials SET status = 'pending', worker = NULL
                WHERE study = \(study) AND status = 'running' AND worker IS NOT NULL AND COALESCE(heartbeat_at, started_at) < \(cutoff)
                RETURNING number
                """
            ).map { try $0["number"].decode(Int.self) }.sorted()
        }
    }

    public func releaseTrials(study: String, worker: String) throws(TuningError) -> [Int] {
        try transaction { session in
            guard try Self.fetchStudy(session, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
            return try session.rows(
                """
                UPDATE trials SET status = 'pending', worker = NULL
                WHERE study = \(study) AND status = 'running' AND worker = \(worker) RETURNING number
                """
            ).map { try $0["number"].decode(Int.self) }.sorted()
        }
    }

    public func recordIntermediate(study: String, number: Int, step: Int, value: Double) throws(TuningError) {
        try transaction { session in
            try Self.requireUnfinished(session, study: study, number: number)
            let stored: Double? = value.isNaN ? nil : value
            try session.execute(
                """
                INSERT INTO intermediate_values (study, number, step, value) VALUES (\(study), \(number), \(step), \(stored))
                ON CONFLICT (study, number, step) DO UPDATE SET value = EXCLUDED.value
                """)
        }
    }

    public func recordProcess(study: String, number: Int, process: TrialProcess) throws(TuningError) {
        let json = try encodeJSON(process)
        try transaction { session in
            try Self.requireUnfinished(session, study: study, number: number)
            try session.execute("UPDATE trials SET process = \(json) WHERE study = \(study) AND number = \(number)")
        }
    }

    public func finishTrial(study: String, number: Int, outcome: TrialOutcome) throws(TuningError) -> Trial {
        let fields = outcome.fields
        return try transaction { session in
            try Self.requireUnfinished(session, study: study, number: number)
            let value = fields.value.flatMap { $0.isNaN ? nil : $0 }
            try session.execute(
                """
                UPDATE trials SET status = \(fields.status.rawValue), value = \(value), error = \(fields.error), finished_at = \(Date().timeIntervalSince1970)
                WHERE study = \(study) AND number = \(number)
                """)
            guard let trial = try Self.fetchTrials(session, study: study, number: number).first else {
                throw TuningError.unknownTrial(study: study, number: number)
            }
            return trial
        }
    }

    public func trials(study: String) throws(TuningError) -> [Trial] {
        try transaction(readOnly: true) { session in
            guard try Self.fetchStudy(session, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
            return try Self.fetchTrials(session, study: study, number: nil)
        }
    }

    public func requeueRunningTrials(study: String) throws(TuningError) -> Int {
        try transaction { session in
            guard try Self.fetchStudy(session, name: study) != nil else { throw TuningError.unknownStudy(name: study) }
            return try session.execute("UPDATE trials SET status = 'pending', worker = NULL WHERE study = \(study) AND status = 'running'")
        }
    }
}
