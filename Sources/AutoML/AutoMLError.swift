import Foundation
import Tuning

/// What can go wrong in a job's definition or inputs, found by the AutoML layer. Messages say what
/// happened, where (file, line, column) and what to do.
public enum AutoMLError: Error, LocalizedError, Equatable, Sendable {
    /// A file that cannot be read at all.
    case unreadableFile(path: String, reason: String)
    /// A job file that is not valid YAML or JSON.
    case syntax(file: String, detail: String)
    /// A key of a job file with a wrong or missing value.
    case invalidJobFile(file: String, line: Int?, column: Int?, key: String, reason: String)
    /// A job that cannot be resumed or found.
    case unknownJob(name: String, store: String)
    /// A new job given the name of one in the store; `kind` is the existing job's kind (`tuning`,
    /// `automl`), which decides what the message advises.
    case jobExists(name: String, status: String, kind: String = "tuning")
    /// A job that cannot be resumed: it finished, or it is another kind of job.
    case notResumable(name: String, reason: String)
    /// An option of a job with a value it cannot use.
    case invalidSetting(name: String, reason: String)
    /// A training file whose target cannot be learned (constant, all missing, an identifier, too few rows).
    case unusableTarget(file: String, column: String, reason: String)
    /// The time limit leaves no room to train anything.
    case timeLimitTooShort(limit: Double, needed: String)
    /// No pipeline reaches a precision target on its out-of-fold predictions.
    case targetUnreachable(option: String, target: Double, best: String)
    /// A file to predict lacks columns the model was trained on, or has them in a form it cannot read.
    case schemaMismatch(file: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .unreadableFile(path, reason):
            return "Cannot read \(path): \(reason). Check the path and its permissions."
        case let .syntax(file, detail):
            return "\(file) is not valid YAML or JSON: \(detail)"
        case let .invalidJobFile(file, line, column, key, reason):
            let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(file)\(position): '\(key)': \(reason)."
        case let .unknownJob(name, store):
            return "There is no job named '\(name)' in the store \(store). List the jobs with `automl jobs --store \(store)`."
        case let .jobExists(name, status, kind):
            let command = kind == "automl" ? "run" : "tune"
            let what = kind == "automl" ? "an `automl run` job" : kind == "tuning" ? "an `automl tune` job" : kind
            let resumable = status == JobRecord.Status.stopped.rawValue || status == JobRecord.Status.failed.rawValue
            return "A job named '\(name)' is already in the store (\(status), \(what)). "
                + (resumable ? "Continue it with `automl \(command) --resume \(name)`, or give this one another name with --job-name."
                    : "Give this one another name with --job-name; `automl jobs show \(name)` shows the earlier one.")
        case let .notResumable(name, reason):
            return "Job '\(name)' cannot be resumed: \(reason)."
        case let .invalidSetting(name, reason):
            return "\(name): \(reason)."
        case let .unusableTarget(file, column, reason):
            return "\(file): the target column '\(column)' \(reason)."
        case let .timeLimitTooShort(limit, needed):
            return "The time limit of \(TimeSpan.describe(limit)) is too short: \(needed). Raise --time-limit."
        case let .schemaMismatch(file, reason):
            return "\(file): \(reason)."
        case let .targetUnreachable(option, target, best):
            return "\(option) \(target): no pipeline reached it on its out-of-fold predictions (\(best)), so no model was saved; "
                + "the leaderboard and reports are written. Lower the target, or give the search more time with --time-limit."
        }
    }
}
