import Foundation

/// What can go wrong defining or checking a search space. Messages say what happened, where, and
/// what to do.
public enum TuningError: Error, LocalizedError, Equatable, Sendable {
    /// A value outside its parameter's domain.
    case outOfRange(parameter: String, value: String, domain: String)
    /// A value of the wrong kind (a label for a number, a fraction for a whole number).
    case wrongKind(parameter: String, value: String, expected: String)
    /// A name no parameter has.
    case unknownParameter(name: String, known: [String])

    public var errorDescription: String? {
        switch self {
        case let .outOfRange(parameter, value, domain):
            return "Hyperparameter '\(parameter)' = \(value) is outside its range \(domain). Choose a value inside the range."
        case let .wrongKind(parameter, value, expected):
            return "Hyperparameter '\(parameter)' = '\(value)' is not \(expected). Give \(expected)."
        case let .unknownParameter(name, known):
            return "There is no hyperparameter '\(name)' (known: \(known.joined(separator: ", "))). Check the spelling."
        }
    }
}
