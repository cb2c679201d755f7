import Logging
import NIOCore
import PostgresNIO

/// One transaction's view of a PostgreSQL connection: statements run one at a time, each waited
/// for (the store's protocols are synchronous).
struct PostgreSQLSession {
    let connection: PostgresConnection
    let logger: Logger
    let location: PostgreSQLLocation

    /// Runs a statement; returns the rows it changed (or returned).
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        let result = try connection.query(query, logger: logger).wait()
        return result.metadata.rows ?? result.rows.count
    }

    /// The rows a query returns, with columns found by name.
    func rows(_ query: PostgresQuery) throws -> [PostgresRandomAccessRow] {
        try connection.query(query, logger: logger).wait().rows.map { $0.makeRandomAccess() }
    }

    /// The first row a query returns, nil if none.
    func row(_ query: PostgresQuery) throws -> PostgresRandomAccessRow? {
        try rows(query).first
    }
}
