import Foundation
import Tuning

/// A length of time as users write it on the command line and in job files: `90s`, `10m`, `1.5h`,
/// `2d`, or a plain number of seconds; at most ``Swift/Duration/longestSeconds`` (100 years).
public enum TimeSpan {
    /// What a duration option accepts, for error messages.
    public static let accepted = "a duration from 1ms to 100 years such as 90s, 10m or 1h"

    /// Seconds in `text`, nil when it is not a positive duration of at most 100 years.
    public static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(suffix: String, scale: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        var seconds: Double?
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
            if let value = Double(number) {
                seconds = value * unit.scale
                break
            }
            if unit.suffix == "ms" { continue }
            return nil
        }
        guard let value = seconds ?? Double(trimmed), value > 0, value <= Duration.longestSeconds else { return nil }
        return value
    }

    /// `seconds` as people read it: `45 s`, `12 min 5 s`, `2 h 3 min`, `3 d 4 h`.
    public static func describe(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "\(seconds)" }
        if seconds < 10 { return "\((seconds * 10).rounded(.down) / 10) s" }
        // Beyond the longest accepted span the figure is only shown, never counted in whole units.
        guard seconds <= Duration.longestSeconds * 10 else { return String(format: "%.3g s", seconds) }
        let whole = Int64(seconds.rounded())
        let (days, hours, minutes, rest) = (whole / 86_400, whole / 3600 % 24, whole / 60 % 60, whole % 60)
        if days > 0 { return hours == 0 ? "\(days) d" : "\(days) d \(hours) h" }
        if hours > 0 { return "\(hours) h \(minutes) min" }
        if minutes > 0 { return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s" }
        return "\(rest) s"
    }
}
