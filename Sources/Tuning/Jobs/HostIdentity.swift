import Foundation

/// The machine a process runs on, and its current boot: a process id means something only on the
/// host and boot that gave it out.
public struct HostIdentity: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The host name (`gethostname`).
    public var name: String
    /// The kernel's boot id (`/proc/sys/kernel/random/boot_id`; empty where there is none).
    public var boot: String

    public init(name: String, boot: String) {
        self.name = name
        self.boot = boot
    }

    /// This machine, read once.
    public static let current: HostIdentity = {
        var buffer = [CChar](repeating: 0, count: 256)
        let name =
            gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown"
        let boot =
            (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return HostIdentity(name: name, boot: boot)
    }()

    /// Whether a process id recorded under this identity can be looked up here: same host, same boot.
    public var isThisBoot: Bool { self == Self.current && !boot.isEmpty }

    /// Whether this is this host after a reboot: every process it recorded is gone.
    public var isThisHostRebooted: Bool { name == Self.current.name && !boot.isEmpty && boot != Self.current.boot }

    public var description: String { name }
}
