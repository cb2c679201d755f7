import Foundation

/// A loopback TCP listener that answers like a PostgreSQL server without TLS: every connection's
/// first message (an SSLRequest) gets `N` ("no TLS here"), then the connection is closed. Enough to
/// see a client that requires TLS refuse it.
public final class PlainPostgreSQLListener: @unchecked Sendable {
    public let port: Int
    private let socket: Int32
    private let thread: Thread

    public init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw PlainPostgreSQLListenerError.socket(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socket, 8) == 0 else {
            close(socket)
            throw PlainPostgreSQLListenerError.socket(errno)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.socket = socket
        thread = Thread {
            while true {
                let connection = accept(socket, nil, nil)
                guard connection >= 0 else { return }
                var request = [UInt8](repeating: 0, count: 8)
                _ = read(connection, &request, 8)
                var answer = UInt8(ascii: "N")
                _ = write(connection, &answer, 1)
                close(connection)
            }
        }
        thread.start()
    }

    /// Stops listening (the accepting thread then ends).
    public func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
    }
}

/// Why the listener could not start.
public enum PlainPostgreSQLListenerError: Error {
    case socket(Int32)
}
