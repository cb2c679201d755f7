import Foundation

/// Numbers for people: short, stable across runs, never in exponent form below a million.
public enum NumberFormat {
    public static func short(_ value: Double?) -> String {
        guard let value else { return "—" }
        if value.isNaN { return "—" }
        if value.isInfinite { return value > 0 ? "∞" : "−∞" }
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        let magnitude = value.magnitude
        let text: String
        if magnitude >= 1e6 {
            text = Printf.general(value, 4)
        } else if magnitude >= 100 {
            text = Printf.fixed(value, 1)
        } else if magnitude >= 1 {
            text = Printf.fixed(value, 3)
        } else {
            text = Printf.general(value, 4)
        }
        return trimmed(text)
    }

    static func fixed(_ value: Double?, _ digits: Int = 3) -> String {
        guard let value, !value.isNaN else { return "—" }
        return Printf.fixed(value, digits)
    }

    static func percent(_ part: Int, of total: Int) -> String {
        total == 0 ? "0%" : FindingRules.percent(Double(part) / Double(total))
    }

    /// A share (0…1) as a percentage, never rounding a near-total or near-zero share to 100% or 0%.
    static func percent(_ share: Double) -> String {
        share.isNaN ? "—" : FindingRules.percent(share)
    }

    /// A prediction's number as every prediction output writes it (`automl predict`'s file,
    /// `automl serve`'s answers): Swift's shortest round-trip digits, empty when not finite.
    public static func exact(_ value: Double) -> String { value.isFinite ? "\(value)" : "" }

    public static func bytes(_ count: Int) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : Printf.fixed(value, 1) + " " + units[unit]
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains("."), !text.contains("e") else { return text }
        var result = text
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return result
    }
}
