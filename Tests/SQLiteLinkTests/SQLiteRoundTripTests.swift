import Foundation
import GRDB
import Testing

/// Proves that GRDB links against the system libsqlite3 and that a real database file on disk
/// round-trips rows, in WAL mode as the trial store will use it.
@Suite struct SQLiteRoundTripTests {
    @Test func writesAndReadsBackARealFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("automl-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path

        do {
            let pool = try DatabasePool(path: path)
            try pool.write { db in
                try db.execute(sql: "CREATE TABLE trial (number INTEGER PRIMARY KEY, value REAL NOT NULL, state TEXT NOT NULL)")
                try db.execute(sql: "INSERT INTO trial (number, value, state) VALUES (?, ?, ?)", arguments: [0, 0.25, "complete"])
                try db.execute(sql: "INSERT INTO trial (number, value, state) VALUES (?, ?, ?)", arguments: [1, -1.5, "failed"])
            }
        }
        let reopened = try DatabaseQueue(path: path)
        let rows = try reopened.read { db in try Row.fetchAll(db, sql: "SELECT number, value, state FROM trial ORDER BY number") }
        #expect(rows.count == 2)
        #expect(rows[0]["value"] as Double? == 0.25)
        #expect(rows[1]["state"] as String? == "failed")
        let journalMode = try reopened.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journalMode == "wal")
    }
}
