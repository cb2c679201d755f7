import Foundation

/// Why a request (or the server's configuration) cannot be served: the HTTP status to answer with
/// and a message that says what is wrong and how to fix it.
public struct InvocationError: Error, LocalizedError, Equatable, Sendable {
    /// The HTTP status code (4xx for the client's mistakes, 500 for the server's own faults).
    public var status: Int
    public var message: String

    public init(status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    public var errorDescription: String? { message }

    static func badRequest(_ message: String) -> InvocationError { InvocationError(status: 400, message) }
    static func unsupportedMediaType(_ message: String) -> InvocationError { InvocationError(status: 415, message) }
    static func notAcceptable(_ message: String) -> InvocationError { InvocationError(status: 406, message) }
    static func tooLarge(_ message: String) -> InvocationError { InvocationError(status: 413, message) }
    /// A server setting that cannot work (reported before the server starts).
    static func configuration(_ message: String) -> InvocationError { InvocationError(status: 500, message) }
}
