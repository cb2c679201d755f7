import Foundation

/// Builds Markdown that reads well in a terminal and on a code-review page. Text given as plain
/// text is escaped, so names with `|`, `*`, `_` or `<` never break tables or turn into markup.
public struct MarkdownDocument: Sendable {
    public private(set) var text = ""

    public init() {}

    /// `#`…`######` heading with plain `title`.
    public mutating func heading(_ level: Int, _ title: String) {
        separate()
        text += String(repeating: "#", count: max(1, min(6, level))) + " " + Self.escape(title) + "\n"
    }

    /// A paragraph of Markdown (escape plain parts with ``escape(_:)``).
    public mutating func paragraph(_ markdown: String) {
        separate()
        text += markdown + "\n"
    }

    /// A bullet list of Markdown items.
    public mutating func bullets(_ items: [String]) {
        guard !items.isEmpty else { return }
        separate()
        for item in items { text += "- " + item + "\n" }
    }

    /// A table of plain-text cells; `rightAligned` columns hold numbers.
    public mutating func table(_ headers: [String], _ rows: [[String]], rightAligned: Set<Int> = []) {
        separate()
        text += "| " + headers.map(Self.escape).joined(separator: " | ") + " |\n"
        text += "|" + headers.indices.map { rightAligned.contains($0) ? " ---: " : " --- " }.joined(separator: "|") + "|\n"
        for row in rows {
            precondition(row.count == headers.count, "table row has \(row.count) cells for \(headers.count) headers")
            text += "| " + row.map { Self.escape($0).isEmpty ? " " : Self.escape($0) }.joined(separator: " | ") + " |\n"
        }
    }

    /// An image: `alt` is plain text, `path` relative to the report.
    public mutating func image(_ alt: String, path: String) {
        separate()
        text += "![\(Self.escape(alt))](\(path))\n"
    }

    private mutating func separate() {
        if !text.isEmpty, !text.hasSuffix("\n\n") { text += "\n" }
    }

    /// Plain text made safe inside Markdown: punctuation that could start markup is backslash-escaped
    /// and line breaks become spaces.
    public static func escape(_ plain: String) -> String {
        var result = ""
        result.reserveCapacity(plain.count)
        let characters = Array(plain)
        for (i, character) in characters.enumerated() {
            // An underscore between letters or digits never starts emphasis (CommonMark), so
            // `native_country` stays readable in a terminal.
            if character == "_", i > 0, i + 1 < characters.count,
                characters[i - 1].isLetter || characters[i - 1].isNumber,
                characters[i + 1].isLetter || characters[i + 1].isNumber
            {
                result.append(character)
                continue
            }
            switch character {
            case "\\", "|", "*", "_", "`", "[", "]", "<", "#", "~", "$":
                result.append("\\")
                result.append(character)
            case "\n", "\r", "\r\n", "\t":
                result.append(" ")
            default:
                result.append(character)
            }
        }
        return result
    }

    /// Plain text escaped, with its first letter capitalized: reasons read as sentences.
    public static func sentence(_ plain: String) -> String {
        guard let first = plain.first else { return plain }
        return escape(first.uppercased() + plain.dropFirst())
    }

    /// Plain text as inline code, with a fence longer than any backtick run inside it.
    public static func code(_ plain: String) -> String {
        let flat = plain.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        var longest = 0
        var run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.isEmpty ? " " : ""
        return fence + pad + flat + pad + fence
    }
}
