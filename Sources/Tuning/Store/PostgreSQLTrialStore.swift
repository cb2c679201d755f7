import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// A ``TrialStore`` and ``JobStore`` in a PostgreSQL database, shared by every process and machine
/// that opens the same URL: the store for many machines (``SQLiteTrialStore`` is the one for one).
///
/// The schema is SQLite's, migration for migration (``StoreMigrations/postgreSQL``, recorded in
/// `automl_migrations`). Every change is one transaction on the store's connection, committed
/// before the call returns. Trial numbers are assigned under a lock on the study's row, and a
/// pending trial is claimed with `FOR UPDATE SKIP LOCKED`, so two workers never get the same one.
///
/// The protocols are synchronous, as SQLite's calls are: each call waits for its transaction on
/// PostgresNIO's event loops. It must not be called on one of those loops.
public final class PostgreSQLTrialStore: TrialStore, @unchecked Sendable {
    /// The server and database (its ``PostgreSQLLocation/redacted`` form is ``location``).
    public let server: PostgreSQLLocation
    /// How long the server may be unreachable before a call fails: a statement unanswered this
    /// long counts as a lost connection, and a lost or refused connection is retried (with
    /// back-off) for this long after the first failure.
    public let reconnectWindow: Duration
    let logger: Logger

    // @unchecked Sendable: `connection` is only touched while `lock` is held, and every
    // transaction runs whole under it.
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private static let connectionIDs = Mutex(0)

    /// Connects, and brings the database's schema up to date.
    /// - Throws: ``TuningError/storeFailure(path:message:)`` naming the server (never the password)
    ///   and what went wrong, after retrying a refused connection for `reconnectWindow`.
    public init(server: PostgreSQLLocation, reconnectWindow: Duration = .seconds(30)) throws(TuningError) {
        self.server = server
        self.reconnectWindow = reconnectWindow
        var logger = Logger(label: "automl.store.postgresql")
        logger.logLevel = .critical
        self.logger = logger
        try migrate()
    }

    deinit {
        dropConnection()
    }

    /// One transaction: `body` runs between BEGIN and COMMIT (ROLLBACK when it throws). A
    /// connection that fails before COMMIT is sent is re-opened and the transaction run again, with
    /// back-off, for up to ``reconnectWindow`` after the first failure; once COMMIT is sent its
    /// outcome is not guessed.
    func transaction<T>(readOnly: Bool = false, _ body: (PostgreSQLSession) throws -> T) throws(TuningError) -> T {
        lock.lock()
        defer { lock.unlock() }
        var deadline: ContinuousClock.Instant?
        var attempt = 0
        while true {
            var committing = false
            do {
                let session = PostgreSQLSession(connection: try connected(), logger: logger, location: server, answerWithin: reconnectWindow)
                try session.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
                let value: T
                do {
                    value = try body(session)
                } catch {
                    try? session.execute("ROLLBACK")
                    throw error
                }
                committing = true
                try session.execute("COMMIT")
                return value
            } catch let error as TuningError {
                throw error
            } catch {
                let giveUpAt = deadline ?? ContinuousClock.now + reconnectWindow
                deadline = giveUpAt
                guard Self.isConnectionLoss(error), !committing, ContinuousClock.now < giveUpAt else {
                    if Self.isConnectionLoss(error) { dropConnection() }
                    throw .storeFailure(
                        path: server.redacted,
                        message: Self.describe(error) + (committing ? " (while committing)" : "")
                            + (Self.isConnectionLoss(error) && !committing
                                ? "; the server was unreachable for \(Self.seconds(reconnectWindow)) (retried with back-off)" : ""))
                }
                dropConnection()
                attempt += 1
                Thread.sleep(forTimeInterval: min(2, 0.05 * pow(2, Double(min(attempt, 10)))))
            }
        }
    }

    /// The open connection, opened when there is none (retrying a refused one for
    /// ``reconnectWindow``). Called with `lock` held.
    private func connected() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        let deadline = ContinuousClock.now + reconnectWindow
        var attempt = 0
        while true {
            do {
                let id = Self.connectionIDs.withLock { id in
                    id += 1
                    return id
                }
                let opened = try PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: try configuration(), id: id, logger: logger
                ).wait()
                // A client that dies inside a transaction (its machine or its link gone) would hold
                // its row locks until the server's TCP keepalive notices, hours later, and every
                // other worker's claim would wait on them. The server ends such a session once it
                // has sat idle in its transaction for longer than this client ever waits for an
                // answer itself.
                let idleLimit = max(1000, Int(min(reconnectWindow.inSeconds, 86_400) * 1000))
                _ = try PostgreSQLSession(connection: opened, logger: logger, location: server, answerWithin: reconnectWindow).execute(
                    PostgresQuery(unsafeSQL: "SET idle_in_transaction_session_timeout = \(idleLimit)"))
                connection = opened
                return opened
            } catch {
                guard Self.isConnectionLoss(error), ContinuousClock.now < deadline else { throw error }
                attempt += 1
                Thread.sleep(forTimeInterval: min(2, 0.05 * pow(2, Double(min(attempt, 10)))))
            }
        }
    }

    /// Closes the connection and waits until it is closed (PostgresNIO requires a connection to be
    /// closed before it is released).
    private func dropConnection() {
        if let connection {
            let closing: EventLoopFuture<Void> = connection.close()
            try? closing.wait()
        }
        connection = nil
    }

    private func configuration() throws -> PostgresConnection.Configuration {
        if let socket = server.socketPath {
            return .init(unixSocketPath: socket, username: server.user, password: server.password, database: server.database)
        }
        // As libpq: `prefer` and `require` encrypt without checking the certificate; the verify
        // modes check it against `sslrootcert` (else the system's authorities).
        var client = TLSConfiguration.makeClientConfiguration()
        switch server.tls {
        case .disable, .prefer, .require: client.certificateVerification = .none
        case .verifyCA: client.certificateVerification = .noHostnameVerification
        case .verifyFull: client.certificateVerification = .fullVerification
        }
        if let roots = server.rootCertificates {
            guard FileManager.default.isReadableFile(atPath: roots) else {
                throw TuningError.invalidSetting(
                    name: "store", reason: "sslrootcert \(roots) is not a readable file of certificate authorities (PEM)")
            }
            client.trustRoots = .file(roots)
        }
        let tls: PostgresConnection.Configuration.TLS
        switch server.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: client))
        case .require, .verifyCA, .verifyFull: tls = .require(try NIOSSLContext(configuration: client))
        }
        var configuration = PostgresConnection.Configuration(
            host: server.host, port: server.port, username: server.user, password: server.password, database: server.database, tls: tls)
        // A name, not an address, goes in SNI; an address is matched against the certificate's IP entries.
        if server.tls == .verifyFull, server.host.contains(where: \.isLetter), !server.host.contains(":") {
            configuration.options.tlsServerName = server.host
        }
        configuration.options.connectTimeout = .seconds(max(1, min(10, reconnectWindow.components.seconds)))
        return configuration
    }

    /// Applies the migrations this database lacks, in order, under a lock every opener takes, so
    /// processes opening a new database at once apply each migration once.
    private func migrate() throws(TuningError) {
        try transaction { session in
            try session.execute("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            try session.execute(
                "CREATE TABLE IF NOT EXISTS automl_migrations (identifier TEXT PRIMARY KEY NOT NULL, applied_at DOUBLE PRECISION NOT NULL)")
            let applied = Set(try session.rows("SELECT identifier FROM automl_migrations").map { try $0["identifier"].decode(String.self) })
            for migration in StoreMigrations.postgreSQL where !applied.contains(migration.identifier) {
                for statement in migration.statements { try session.execute(PostgresQuery(unsafeSQL: statement)) }
                try session.execute(
                    "INSERT INTO automl_migrations (identifier, applied_at) VALUES (\(migration.identifier), \(Date().timeIntervalSince1970))")
            }
        }
    }

    /// The advisory lock key migrations are applied under ("automl" in ASCII).
    private static let migrationLock: Int64 = 0x6175_746F_6D6C

    /// `duration` in seconds for messages: "30 s", "0.5 s".
    static func seconds(_ duration: Duration) -> String {
        let seconds = duration.inSeconds
        return (seconds == seconds.rounded() && seconds < 1e15 ? "\(Int(seconds))" : "\(seconds)") + " s"
    }

    static func isConnectionLoss(_ error: any Error) -> Bool {
        if let error = error as? PSQLError {
            // A TLS handshake that fails (an unverifiable certificate) fails again: no retry.
            if error.underlying is NIOSSLError { return false }
            return [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown].contains(error.code)
        }
        if error is NIOConnectionError || error is ChannelError || error is IOError || error is PostgreSQLSession.Unanswered { return true }
        return false
    }

    /// What went wrong, from the server's own message where there is one (PSQLError's description
    /// is a fixed text).
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let tls = error.underlying as? NIOSSLError {
                let verification = "\(tls)".contains("CERTIFICATE_VERIFY_FAILED")
                return "the TLS handshake failed (\(tls))"
                    + (verification
                        ? ": the server's certificate could not be verified; with sslmode=verify-ca or verify-full, sslrootcert must name the certificate authority that signed it"
                        : "")
            }
            if error.code == .sslUnsupported {
                return "the server does not accept TLS connections, which sslmode=require, verify-ca and verify-full ask for; "
                    + "turn ssl on in the server's postgresql.conf, or use sslmode=prefer"
            }
            if let info = error.serverInfo, let message = info[.message] {
                return message + (info[.detail].map { " (\($0))" } ?? "") + (info[.sqlState].map { " [SQLSTATE \($0)]" } ?? "")
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        if let error = error as? PostgresDecodingError { return "a stored value could not be read (\(error.code), column \(error.columnName))" }
        if let error = error as? PostgreSQLSession.Unanswered, let description = error.errorDescription { return description }
        return "\(error)"
    }
}
