import Foundation

/// A length of time as users write it on the command line and in job files: `90s`, `10m`, `1.5h`,
/// `2d`, or a plain number of seconds.
public enum TimeSpan {
    /// Seconds in `text`, nil when it is not a positive duration.
    public static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(suffix: String, scale: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
            if let value = Double(number), value > 0, value.isFinite { return value * unit.scale }
            if unit.suffix == "ms" { continue }
            return nil
        }
        if let value = Double(trimmed), value > 0, value.isFinite { return value }
        return nil
    }

    /// `seconds` as people read it: `45 s`, `12 min 5 s`, `2 h 3 min`.
    public static func describe(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "\(seconds)" }
        if seconds < 10 { return "\(Double(Int(seconds * 10)) / 10) s" }
        let whole = Int(seconds.rounded())
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        if hours > 0 { return "\(hours) h \(minutes) min" }
        if minutes > 0 { return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s" }
        return "\(rest) s"
    }
}
