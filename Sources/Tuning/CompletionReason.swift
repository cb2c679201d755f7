import Foundation

/// Why a tuning job ended.
public enum CompletionReason: Sendable, Equatable, CustomStringConvertible {
    case maxTrials
    case maxRuntime
    case targetReached(trial: Int)
    case noImprovement(trials: Int)
    case searchSpaceExhausted
    case consecutiveFailures(trials: Int, lastError: String)
    /// The user interrupted the job (Ctrl-C); running trials are re-run on resume.
    case interrupted

    public var description: String {
        switch self {
        case .maxTrials: "the maximum number of trials finished"
        case .maxRuntime: "the maximum runtime passed"
        case .targetReached(let trial): "trial \(trial) reached the target objective value"
        case .noImprovement(let trials): "\(trials) completed trials in a row did not improve on the best"
        case .searchSpaceExhausted: "every point of the search space was tried"
        case .consecutiveFailures(let trials, let lastError):
            "\(trials) trials in a row failed, so the job stopped (fix the script and resume the job); the last failed because: \(lastError)"
        case .interrupted: "the job was interrupted; resume it to re-run its unfinished trials and finish its budget"
        }
    }
}
