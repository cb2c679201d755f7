/// Writes CSV text as RFC 4180 reads it: fields with a comma, quote or line break are quoted, with
/// quotes doubled.
public enum CSVWriter {
    /// One field, quoted when it must be.
    public static func field(_ text: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record (no line break).
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }
}
