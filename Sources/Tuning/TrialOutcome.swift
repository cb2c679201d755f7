import Foundation

/// How a trial ended, as its worker reports it.
public enum TrialOutcome: Sendable, Equatable {
    /// The objective value.
    case completed(Double)
    /// The evaluation failed with this message.
    case failed(String)
    /// An early-stopping rule stopped it; the last reported value, if any.
    case stopped(Double?)
}
