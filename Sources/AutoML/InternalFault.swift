import Foundation

/// A fault of automl itself, not of the user's input (a learner that produced a non-finite score, a
/// trial for a candidate the job does not have): the command exits 1, and the message asks for a
/// report rather than a change of input.
public struct InternalFault: Error, LocalizedError, Equatable, Sendable {
    public var what: String

    public init(_ what: String) { self.what = what }

    public var errorDescription: String? {
        "internal fault: \(what). This is a bug in automl, not a problem with the input; please report it with the command that produced it."
    }
}
