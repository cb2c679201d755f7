import Foundation

/// Where a trial is in its life.
///
/// `pending` trials wait for a worker (a trial that was running when its process died is put back
/// to pending on resume); `running` ones have a worker; the other three are final.
public enum TrialStatus: String, Codable, Sendable, CaseIterable {
    case pending
    case running
    case completed
    case failed
    case stopped

    /// Whether the trial is being evaluated or waits for a worker (running or pending).
    public var isUnderWay: Bool { self == .running || self == .pending }

    /// Whether the trial has ended (completed, failed or stopped).
    public var isFinished: Bool { self == .completed || self == .failed || self == .stopped }
}
