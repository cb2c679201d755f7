import Foundation

/// What can go wrong fitting or applying learners and transforms. Messages say what happened,
/// where, and what to do.
public enum LearnersError: Error, LocalizedError, Equatable, Sendable {
    /// A column the transform was fitted on is absent from the table it is applied to.
    case missingColumn(name: String, available: [String])
    /// A step needs the target but none was given (e.g. target encoding).
    case targetRequired(step: String, column: String)
    /// A step cannot apply to this kind of column.
    case stepNotApplicable(step: String, column: String, reason: String)
    /// A saved transform was written by a newer version of automl.
    case unsupportedVersion(found: Int, supported: Int)

    public var errorDescription: String? {
        switch self {
        case let .missingColumn(name, available):
            let shown = available.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
            return "The input has no column '\(name)', which the model was trained on (columns present: \(shown)\(available.count > 8 ? ", …" : "")). Add the column, spelled as in the training file."
        case let .targetRequired(step, column):
            return "Column '\(column)': \(step) needs the target column. Fit with a target, or choose another encoding."
        case let .stepNotApplicable(step, column, reason):
            return "Column '\(column)': \(step) cannot apply (\(reason)). Choose a step that fits the column's type."
        case let .unsupportedVersion(found, supported):
            return "The saved transform has format version \(found), but this automl reads up to version \(supported). Upgrade automl, or refit the model."
        }
    }
}
