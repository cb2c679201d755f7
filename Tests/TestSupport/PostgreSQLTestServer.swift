import Foundation
import Logging
import NIOPosix
import PostgresNIO
import Testing
import Tuning

/// The PostgreSQL server the tests may use: `AUTOML_TEST_POSTGRESQL`, a URL whose user may create
/// databases (`bash scripts/start-postgresql.sh` starts one and prints it; `.ci/run` sets it).
/// Without it the PostgreSQL cases are skipped, and a test says so.
public enum PostgreSQLTestServer {
    public static let url: String? = {
        let value = ProcessInfo.processInfo.environment["AUTOML_TEST_POSTGRESQL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    /// Why the PostgreSQL cases did not run.
    public static let skipped: Comment =
        "no PostgreSQL server: set AUTOML_TEST_POSTGRESQL=postgresql://USER@HOST:PORT/DATABASE (bash scripts/start-postgresql.sh starts one)"

    /// A new, empty database on the test server; the URL of it.
    public static func freshDatabase() throws -> String {
        guard let url else { throw PostgreSQLTestServerError.notConfigured }
        let server = try PostgreSQLLocation(parsing: url)
        let name = "automl_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var logger = Logger(label: "automl.tests.postgresql")
        logger.logLevel = .critical
        let configuration =
            server.socketDirectory.map {
                PostgresConnection.Configuration(
                    unixSocketPath: "\($0)/.s.PGSQL.\(server.port)", username: server.user, password: server.password, database: server.database)
            }
            ?? PostgresConnection.Configuration(
                host: server.host, port: server.port, username: server.user, password: server.password, database: server.database, tls: .disable)
        let connection = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger
        ).wait()
        defer { try? connection.close().wait() }
        _ = try connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger).wait()
        var copy = server
        copy.database = name
        return copy.redacted.replacingOccurrences(of: "postgresql://\(server.user)@", with: "postgresql://\(credentials(server))@")
    }

    private static func credentials(_ server: PostgreSQLLocation) -> String {
        guard let password = server.password else { return server.user }
        return server.user + ":" + (password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? password)
    }
}

/// Why ``PostgreSQLTestServer`` cannot give a database.
public enum PostgreSQLTestServerError: Error {
    case notConfigured
}
