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
    /// Two things that must have the same length do not.
    case shapeMismatch(what: String, expected: Int, found: Int)
    /// A feature column holds labels; learners need numbers (run the feature pipeline first).
    case nonNumericFeature(name: String, type: String)
    /// No rows to fit on.
    case emptyTrainingSet
    /// No feature columns to fit on (e.g. the preprocessing dropped them all).
    case noFeatures
    /// A sample weight is negative or not finite.
    case invalidWeight(row: Int, value: Double)
    /// The target cannot be learned as given.
    case invalidTarget(row: Int, reason: String)
    /// The training target has a single class.
    case singleClass(label: String)
    /// A validation or test row has a class the training rows lack.
    case unknownClass(label: String, row: Int, known: [String])
    /// A learner that cannot take missing or infinite values got one.
    case nonFiniteFeature(name: String, learner: String)
    /// A hyperparameter is out of range or of the wrong kind.
    case invalidHyperparameter(learner: String, message: String)
    /// A model file names an algorithm this automl does not know.
    case unknownAlgorithm(name: String, known: [String])
    /// A model file cannot be read.
    case unreadableModel(path: String, reason: String)
    /// Fitting stopped because its task was cancelled (a job's time limit or Ctrl-C).
    case cancelled
    /// A model that cannot explain its predictions (a tree model saved before covers were kept).
    case notExplainable(learner: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .missingColumn(let name, let available):
            let shown = available.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
            return
                "The input has no column '\(name)', which the model was trained on (columns present: \(shown)\(available.count > 8 ? ", …" : "")). Add the column, spelled as in the training file."
        case .targetRequired(let step, let column):
            return "Column '\(column)': \(step) needs the target column. Fit with a target, or choose another encoding."
        case .stepNotApplicable(let step, let column, let reason):
            return "Column '\(column)': \(step) cannot apply (\(reason)). Choose a step that fits the column's type."
        case .unsupportedVersion(let found, let supported):
            return
                "The saved transform has format version \(found), but this automl reads up to version \(supported). Upgrade automl, or refit the model."
        case .shapeMismatch(let what, let expected, let found):
            return "The \(what) is \(found), expected \(expected). Give inputs of matching sizes."
        case .nonNumericFeature(let name, let type):
            return "Feature '\(name)' is \(type), but learners need numbers. Encode it first (the preprocessing pipeline does)."
        case .noFeatures:
            return
                "There are no feature columns to learn from: every column but the target was dropped (identifiers, constants, mostly missing). Add informative columns to the file."
        case .emptyTrainingSet:
            return "There are no training rows. Give a file with at least one row per class."
        case .invalidWeight(let row, let value):
            return "Sample weight \(value) in row \(row + 1) is not a finite, non-negative number. Fix or drop that row's weight."
        case .invalidTarget(let row, let reason):
            return "The target cannot be learned: row \(row + 1): \(reason). Fix the target column or choose another problem type."
        case .singleClass(let label):
            return
                "The training target has only one class ('\(label)'); a classifier needs at least two. Check the target column, or add rows of the other classes."
        case .unknownClass(let label, let row, let known):
            return
                "Row \(row + 1) has class '\(label)', which the training rows do not have (known: \(known.prefix(10).joined(separator: ", "))). Remove those rows or add such rows to the training set."
        case .nonFiniteFeature(let name, let learner):
            return "Feature '\(name)' has missing or infinite values, which \(learner) cannot take. Impute them first (the preprocessing plan does)."
        case .invalidHyperparameter(let learner, let message):
            return "\(learner): \(message)"
        case .unknownAlgorithm(let name, let known):
            return
                "Unknown algorithm '\(name)' (known: \(known.joined(separator: ", "))). Check the spelling, or upgrade automl if the model came from a newer version."
        case .unreadableModel(let path, let reason):
            return "Cannot read the model \(path): \(reason). Point to a model directory written by automl."
        case .cancelled:
            return "Fitting was cancelled (the job's time limit passed or it was interrupted)."
        case .notExplainable(let learner, let reason):
            return
                "The \(learner) model cannot explain its predictions: \(reason). Refit it with this version of automl (`automl run`) to get explanations."
        }
    }
}
