import Foundation

/// The process that runs a job: its host, process id and the kernel's start time of that process
/// (so a recycled process id is not mistaken for it).
public struct JobOwner: Codable, Sendable, Equatable, CustomStringConvertible {
    public var host: HostIdentity
    public var pid: Int32
    /// The process's start time in clock ticks since boot (`/proc/PID/stat`, field 22; 0 if unknown).
    public var startTicks: UInt64

    public init(host: HostIdentity, pid: Int32, startTicks: UInt64) {
        self.host = host
        self.pid = pid
        self.startTicks = startTicks
    }

    /// This process.
    public static var current: JobOwner {
        let pid = getpid()
        return JobOwner(host: .current, pid: pid, startTicks: ProcessTable.startTicks(of: pid) ?? 0)
    }

    /// Whether the owner is known to have ended: on this host and boot, its process is gone (or its id
    /// now names a younger process); on this host after a reboot, always. Nil when it runs on another
    /// host, where only its heartbeat tells.
    public var hasEnded: Bool? {
        if host.isThisHostRebooted { return true }
        guard host.isThisBoot else { return nil }
        guard let ticks = ProcessTable.startTicks(of: pid) else { return true }
        return startTicks != 0 && ticks != startTicks
    }

    public var description: String { "process \(pid) on \(host.name)" }

    /// The name the process's trials are held under in a shared study (`HOST:PID:START`), unique
    /// across machines and process id reuse.
    public var workerName: String { "\(host.name):\(pid):\(startTicks)" }

    /// Whether `workerName` names a process of this host (running or not).
    public static func isOnThisHost(_ workerName: String) -> Bool {
        let parts = workerName.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 3 && parts.dropLast(2).joined(separator: ":") == HostIdentity.current.name
    }

    /// Whether `workerName` names a process that still runs on this host (same host name, and its
    /// process id started at the recorded tick). False for other hosts: only heartbeats tell there.
    public static func isLiveWorker(_ workerName: String) -> Bool {
        let parts = workerName.split(separator: ":", omittingEmptySubsequences: false)
        guard isOnThisHost(workerName), let pid = Int32(parts[parts.count - 2]), let ticks = UInt64(parts[parts.count - 1]) else { return false }
        return ProcessTable.startTicks(of: pid) == ticks
    }
}
