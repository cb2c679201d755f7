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
    /// A worker cannot join an `automl run` job: the job's training file is not here, or differs.
    case dataMismatch(job: String, file: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .unreadableFile(let path, let reason):
            return "Cannot read \(path): \(reason). Check the path and its permissions."
        case .syntax(let file, let detail):
            return "\(file) is not valid YAML or JSON: \(detail)"
        case .invalidJobFile(let file, let line, let column, let key, let reason):
            let position = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(file)\(position): '\(key)': \(reason)."
        case .unknownJob(let name, let store):
            return "There is no job named '\(name)' in the store \(store). List the jobs with `automl jobs --store \(store)`."
        case .jobExists(let name, let status, let kind):
            let command = kind == "automl" ? "run" : "tune"
            let what = kind == "automl" ? "an `automl run` job" : kind == "tuning" ? "an `automl tune` job" : kind
            let resumable = status == JobRecord.Status.stopped.rawValue || status == JobRecord.Status.failed.rawValue
            return "A job named '\(name)' is already in the store (\(status), \(what)). "
                + (resumable
                    ? "Continue it with `automl \(command) --resume \(name)`, or give this one another name with --job-name."
                    : "Give this one another name with --job-name; `automl jobs show \(name)` shows the earlier one.")
        case .notResumable(let name, let reason):
            return "Job '\(name)' cannot be resumed: \(reason)."
        case .invalidSetting(let name, let reason):
            return "\(name): \(reason)."
        case .unusableTarget(let file, let column, let reason):
            return "\(file): the target column '\(column)' \(reason)."
        case .timeLimitTooShort(let limit, let needed):
            return "The time limit of \(TimeSpan.describe(limit)) is too short: \(needed). Raise --time-limit."
        case .schemaMismatch(let file, let reason):
            return "\(file): \(reason)."
        case .dataMismatch(let job, let file, let reason):
            return "Cannot join job '\(job)': its training file \(file) \(reason). A worker reads the job's data at the same path as the "
                + "job's own process, and it must be the same file (same SHA-256); copy or mount it there, then start the worker again."
        case .targetUnreachable(let option, let target, let best):
            return "\(option) \(target): no pipeline reached it on its out-of-fold predictions (\(best)), so no model was saved; "
                + "the leaderboard and reports are written. Lower the target, or give the search more time with --time-limit."
        }
    }
}
