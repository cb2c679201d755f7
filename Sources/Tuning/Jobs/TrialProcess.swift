import Foundation

/// Where a running trial's processes are: the host and the process group its command leads (a
/// trial's command runs in its own session, so the group holds everything it started).
public struct TrialProcess: Codable, Sendable, Equatable {
    public var host: HostIdentity
    public var processGroup: Int32

    public init(host: HostIdentity, processGroup: Int32) {
        self.host = host
        self.processGroup = processGroup
    }

    /// The environment variable every trial's command gets with its job's name: the proof that a
    /// process in a recorded group is still that trial's and not a stranger that reused the number.
    public static let jobVariable = "AUTOML_JOB"

    /// Kills (SIGKILL) the group when it is on this host and boot and still holds a process of job
    /// `job`; returns the processes found.
    @discardableResult
    public func killIfLeftBehind(job: String) -> [Int32] {
        guard host.isThisBoot, processGroup > 1 else { return [] }
        let members = ProcessTable.members(ofGroup: processGroup, withEnvironment: Self.jobVariable, value: job)
        if !members.isEmpty { kill(-processGroup, SIGKILL) }
        return members
    }
}
