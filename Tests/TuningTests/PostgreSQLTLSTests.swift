import Foundation
import TestSupport
import Testing

@testable import Tuning

/// TLS to the PostgreSQL store, as the URL's `sslmode` asks, against the test server (which has a
/// self-signed certificate: `scripts/start-postgresql.sh`), and against a server without TLS.
@Suite(.enabled(if: PostgreSQLTestServer.url != nil, PostgreSQLTestServer.skipped))
struct PostgreSQLTLSTests {
    /// A fresh database's URL with `options` added.
    static func url(_ options: String) throws -> String { try PostgreSQLTestServer.freshDatabase() + "?" + options }

    /// Whether the store's own connection is encrypted, as the server sees it.
    static func encrypted(_ store: PostgreSQLTrialStore) throws -> Bool {
        try store.transaction(readOnly: true) { session in
            try session.row("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")?["ssl"].decode(Bool.self) ?? false
        }
    }

    /// The test server's certificate file, as the server names it.
    static func serverCertificate() throws -> String {
        let store = try PostgreSQLTrialStore(server: PostgreSQLLocation(parsing: try url("sslmode=disable")))
        return try store.transaction(readOnly: true) { session in try session.row("SHOW ssl_cert_file")?["ssl_cert_file"].decode(String.self) ?? "" }
    }

    @Test(arguments: [("sslmode=require", true), ("sslmode=prefer", true), ("sslmode=disable", false)])
    func theConnectionIsEncryptedAsTheURLAsks(_ options: String, _ expected: Bool) throws {
        let store = try PostgreSQLTrialStore(server: PostgreSQLLocation(parsing: try Self.url(options)))
        #expect(try Self.encrypted(store) == expected)
        // The store works over it.
        _ = try store.openStudy(StudyRecord(name: "tls", space: TestFunctions.braninSpace, direction: .minimize, seed: 1))
        #expect(try store.studies().map(\.name) == ["tls"])
    }

    @Test func verifyModesCheckTheCertificateAgainstTheGivenAuthority() throws {
        let certificate = try Self.serverCertificate()
        #expect(FileManager.default.isReadableFile(atPath: certificate), "\(certificate)")
        for mode in ["verify-ca", "verify-full"] {
            let store = try PostgreSQLTrialStore(server: PostgreSQLLocation(parsing: try Self.url("sslmode=\(mode)&sslrootcert=\(certificate)")))
            #expect(try Self.encrypted(store), "\(mode)")
        }
        // Without the authority that signed it, the self-signed certificate is refused.
        let error = #expect(throws: TuningError.self) {
            _ = try PostgreSQLTrialStore(server: PostgreSQLLocation(parsing: try Self.url("sslmode=verify-ca")), reconnectWindow: .seconds(1))
        }
        #expect(error?.localizedDescription.contains("certificate") == true, "\(String(describing: error))")
    }

    @Test func requireRefusesAServerWithoutTLS() throws {
        let server = try PlainPostgreSQLListener()
        defer { server.stop() }
        let error = #expect(throws: TuningError.self) {
            _ = try PostgreSQLTrialStore(
                server: PostgreSQLLocation(parsing: "postgresql://me:hunter2@127.0.0.1:\(server.port)/db?sslmode=require"),
                reconnectWindow: .seconds(1))
        }
        let message = error?.localizedDescription ?? ""
        #expect(message.contains("does not accept TLS"), "\(message)")
        #expect(!message.contains("hunter2"))
    }
}
