import Foundation
import GRDB
import PostgresNIO
import TestSupport
import Testing

@testable import Tuning

/// SQLite's and PostgreSQL's schemas are one schema: the same migrations in the same order, making
/// the same tables with the same columns, so a job can live in either store.
@Suite struct StoreSchemaTests {
    @Test func bothDialectsListTheSameMigrations() {
        #expect(StoreMigrations.migrator.migrations == StoreMigrations.postgreSQL.map(\.identifier))
    }

    @Test(.enabled(if: PostgreSQLTestServer.url != nil, PostgreSQLTestServer.skipped)) func bothDialectsMakeTheSameColumns() throws {
        let sqlite = try DatabaseQueue()
        try StoreMigrations.migrator.migrate(sqlite)
        let sqliteColumns = try sqlite.read { db in
            var columns: Set<String> = []
            for table in try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb_%' AND name NOT LIKE 'sqlite_%'")
            {
                for column in try db.columns(in: table) { columns.insert("\(table).\(column.name)") }
            }
            return columns
        }
        let store = try PostgreSQLTrialStore(server: PostgreSQLLocation(parsing: PostgreSQLTestServer.freshDatabase()))
        let postgreSQLColumns = try store.transaction(readOnly: true) { session in
            Set(
                try session.rows(
                    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'automl_migrations'"
                ).map { "\(try $0["table_name"].decode(String.self)).\(try $0["column_name"].decode(String.self))" })
        }
        #expect(sqliteColumns.count > 30)
        #expect(postgreSQLColumns == sqliteColumns)
    }
}
