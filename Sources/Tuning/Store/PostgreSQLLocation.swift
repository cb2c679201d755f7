import Foundation

/// Where a PostgreSQL store is: `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, with the
/// libpq query options `sslmode` (`disable`, `prefer`, `require`, `verify-ca`, `verify-full`;
/// default `prefer`), `sslrootcert` (the certificate authorities to verify the server with) and
/// `host` (a directory holding the server's Unix socket, instead of TCP). `postgres://` is
/// accepted too. The password is kept for connecting only: ``redacted`` is what messages, logs and
/// reports show.
public struct PostgreSQLLocation: Sendable, Equatable {
    /// Whether TLS is used and what it checks, as libpq's `sslmode`: never; when the server offers
    /// it; always (refusing a server without), encrypted but unverified; always, with the server's
    /// certificate verified against ``rootCertificates`` (else the system's authorities); and with
    /// the certificate also naming the host.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// A PEM file of the certificate authorities that sign the server's certificate
    /// (`sslrootcert`), for `verify-ca` and `verify-full`.
    public var rootCertificates: String?
    /// The directory of the server's Unix socket (`?host=/run/postgresql`), used instead of TCP.
    public var socketDirectory: String?

    /// Whether `text` names a PostgreSQL store rather than an SQLite file.
    public static func isPostgreSQL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Reads a store URL.
    /// - Throws: ``TuningError/invalidSetting(name:reason:)`` saying what is wrong and the form
    ///   expected; the message never repeats the password.
    public init(parsing text: String) throws(TuningError) {
        let form = "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require|verify-ca|verify-full]"
        guard Self.isPostgreSQL(text), let components = URLComponents(string: text) else {
            throw .invalidSetting(name: "store", reason: "'\(Self.redact(text))' is not a PostgreSQL URL; write \(form)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw .invalidSetting(name: "store", reason: "'\(Self.redact(text))' names no user; write \(form)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw .invalidSetting(name: "store", reason: "'\(Self.redact(text))' names no database after the host; write \(form)")
        }
        var tls = TLSMode.prefer
        var socketDirectory: String?
        var rootCertificates: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = TLSMode(rawValue: value) else {
                    throw .invalidSetting(
                        name: "store",
                        reason: "sslmode '\(item.value ?? "")' is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "host":
                guard let value = item.value, value.hasPrefix("/") else {
                    throw .invalidSetting(
                        name: "store", reason: "the host option must be the directory of the server's Unix socket, e.g. host=/run/postgresql")
                }
                socketDirectory = value
            case "sslrootcert":
                guard let value = item.value, !value.isEmpty else {
                    throw .invalidSetting(name: "store", reason: "sslrootcert must name a PEM file of certificate authorities")
                }
                rootCertificates = value
            default:
                throw .invalidSetting(
                    name: "store", reason: "the URL option '\(item.name)' is not supported (only sslmode, sslrootcert and host)")
            }
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw .invalidSetting(name: "store", reason: "port \(port) is not from 1 to 65535") }
        let host = components.host ?? ""
        guard !host.isEmpty || socketDirectory != nil else {
            throw .invalidSetting(name: "store", reason: "'\(Self.redact(text))' names no host; write \(form)")
        }
        self.user = user
        self.password = components.password
        self.host = host.isEmpty ? "localhost" : host
        self.port = port
        self.database = database
        self.tls = tls
        self.rootCertificates = rootCertificates
        self.socketDirectory = socketDirectory
    }

    /// The URL without its password, for messages.
    public var redacted: String {
        var text = "postgresql://\(user)@\(host):\(port)/\(database)"
        var options: [String] = []
        if tls != .prefer { options.append("sslmode=\(tls.rawValue)") }
        if let rootCertificates { options.append("sslrootcert=\(rootCertificates)") }
        if let socketDirectory { options.append("host=\(socketDirectory)") }
        if !options.isEmpty { text += "?" + options.joined(separator: "&") }
        return text
    }

    /// The socket file of a Unix-socket location.
    var socketPath: String? { socketDirectory.map { "\($0)/.s.PGSQL.\(port)" } }

    /// `text` with any password between `://user:` and `@` replaced by `***`.
    public static func redact(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
