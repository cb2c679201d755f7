import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One transaction's view of a PostgreSQL connection: statements run one at a time, each waited
/// for (the store's protocols are synchronous), at most ``answerWithin``.
struct PostgreSQLSession {
    let connection: PostgresConnection
    let logger: Logger
    let location: PostgreSQLLocation
    /// How long a statement may go unanswered before its connection is closed, which fails the
    /// statement as a lost connection: a server behind a dead network never answers, and TCP alone
    /// would wait many minutes to say so.
    let answerWithin: Duration

    /// Runs a statement; returns the rows it changed (or returned).
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        let result = try answer(query)
        return result.metadata.rows ?? result.rows.count
    }

    /// The rows a query returns, with columns found by name.
    func rows(_ query: PostgresQuery) throws -> [PostgresRandomAccessRow] {
        try answer(query).rows.map { $0.makeRandomAccess() }
    }

    /// A statement that got no answer within ``answerWithin`` (its connection is closed).
    struct Unanswered: LocalizedError {
        var seconds: Double
        var errorDescription: String? { "the server did not answer a statement within \(seconds) s" }
    }

    /// The query's result, waited for at most ``answerWithin``: past it the wait fails with
    /// ``Unanswered`` and the connection is closed. The wait does not rest on the connection
    /// failing the query when closed: a statement sent just as the server ended the session (an
    /// idle-in-transaction timeout) was seen never to complete.
    private func answer(_ query: PostgresQuery) throws -> PostgresQueryResult {
        let connection = self.connection
        let nanoseconds = answerWithin.components.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let limit = TimeAmount.nanoseconds(nanoseconds.overflow ? .max : nanoseconds.partialValue)
        let answered = connection.eventLoop.makePromise(of: PostgresQueryResult.self)
        let seconds = answerWithin.inSeconds
        let timeout = connection.eventLoop.scheduleTask(in: limit) {
            // The first completion stands: a late answer is ignored.
            answered.fail(Unanswered(seconds: seconds))
            let closing: EventLoopFuture<Void> = connection.close()
            _ = closing
        }
        defer { timeout.cancel() }
        connection.query(query, logger: logger).cascade(to: answered)
        return try answered.futureResult.wait()
    }

    /// The first row a query returns, nil if none.
    func row(_ query: PostgresQuery) throws -> PostgresRandomAccessRow? {
        try rows(query).first
    }
}
