import Foundation

/// What Linux's `/proc` says about this machine's processes: start times, process groups and
/// environments. Elsewhere every answer is "unknown" (nil or empty), and nothing is killed.
public enum ProcessTable {
    /// The fields of `/proc/PID/stat` after the command name (which may hold spaces and parentheses):
    /// index 0 is the state (field 3), 2 the process group (field 5), 19 the start time (field 22).
    static func statFields(of pid: Int32) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    /// The start time of live process `pid` in clock ticks since boot; nil when there is no such
    /// process or it is a zombie.
    public static func startTicks(of pid: Int32) -> UInt64? {
        guard let fields = statFields(of: pid), fields.count > 19, fields[0] != "Z", fields[0] != "X" else { return nil }
        return UInt64(fields[19])
    }

    /// Live processes in process group `group` whose environment has `variable=value`.
    public static func members(ofGroup group: Int32, withEnvironment variable: String, value: String) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        let wanted = Array("\(variable)=\(value)".utf8)
        var found: [Int32] = []
        for entry in entries {
            guard let pid = Int32(entry), let fields = statFields(of: pid), fields.count > 2,
                fields[0] != "Z", Int32(fields[2]) == group,
                let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ")
            else { continue }
            if environment.split(separator: 0).contains(where: { Array($0) == wanted }) { found.append(pid) }
        }
        return found.sorted()
    }
}
