import Testing
import Tuning

/// Reading `--store postgresql://...`: every part, the defaults, each refusal, and no password in
/// anything shown.
@Suite struct PostgreSQLLocationTests {
    @Test func readsEveryPartAndShowsNoPassword() throws {
        let location = try PostgreSQLLocation(parsing: "postgresql://tuner:s%40cret@db.example:6543/studies?sslmode=require")
        #expect(location.user == "tuner" && location.password == "s@cret" && location.host == "db.example")
        #expect(location.port == 6543 && location.database == "studies" && location.tls == .require && location.socketDirectory == nil)
        #expect(location.redacted == "postgresql://tuner@db.example:6543/studies?sslmode=require")
        #expect(PostgreSQLLocation.redact("postgresql://tuner:s%40cret@db.example/studies") == "postgresql://tuner:***@db.example/studies")
    }

    @Test func defaultsToPort5432AndPreferredTLSAndReadsASocketDirectory() throws {
        let plain = try PostgreSQLLocation(parsing: "postgres://me@localhost/db")
        #expect(plain.port == 5432 && plain.tls == .prefer && plain.password == nil)
        let socket = try PostgreSQLLocation(parsing: "postgresql://me@/db?host=/run/postgresql")
        #expect(socket.socketDirectory == "/run/postgresql" && socket.redacted == "postgresql://me@localhost:5432/db?host=/run/postgresql")
        #expect(PostgreSQLLocation.isPostgreSQL("postgresql://x@y/z") && !PostgreSQLLocation.isPostgreSQL("runs/automl.sqlite"))
    }

    @Test func readsTheVerifyingTLSModesAndTheirAuthority() throws {
        let full = try PostgreSQLLocation(parsing: "postgresql://me:pw@db.example/a?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(full.tls == .verifyFull && full.rootCertificates == "/etc/ca.pem")
        #expect(full.redacted == "postgresql://me@db.example:5432/a?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(try PostgreSQLLocation(parsing: "postgresql://me@db.example/a?sslmode=verify-ca").tls == .verifyCA)
        // A missing authority file is named before any connection is tried.
        #expect(
            throws: TuningError.invalidSetting(
                name: "store", reason: "sslrootcert /nonexistent/ca.pem is not a readable file of certificate authorities (PEM)")
        ) {
            _ = try PostgreSQLTrialStore(
                server: PostgreSQLLocation(parsing: "postgresql://me@127.0.0.1:1/a?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem"))
        }
    }

    @Test(arguments: [
        ("postgresql://db.example/studies", "names no user"),
        ("postgresql://me:pw@db.example", "names no database"),
        ("postgresql://me:pw@db.example/", "names no database"),
        ("postgresql://me:pw@db.example/a?sslmode=always", "sslmode 'always' is not one of disable, prefer, require, verify-ca, verify-full"),
        ("postgresql://me:pw@db.example/a?sslmode=verify-ca&sslrootcert=", "sslrootcert must name a PEM file"),
        ("postgresql://me:pw@db.example/a?timeout=3", "'timeout' is not supported"),
        ("postgresql://me:pw@db.example/a?host=relative", "directory of the server's Unix socket"),
        ("postgresql://me:pw@db.example:70000/a", "port 70000"),
        ("postgresql://me:pw@/a", "names no host"),
    ])
    func refusesWhatItCannotUseWithoutRepeatingThePassword(url: String, message: String) {
        #expect {
            try PostgreSQLLocation(parsing: url)
        } throws: { error in
            let text = (error as? TuningError)?.localizedDescription ?? ""
            return text.contains(message) && !text.contains(":pw@")
        }
    }
}
