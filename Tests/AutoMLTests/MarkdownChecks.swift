import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Structural checks of generated Markdown and SVG.
enum MarkdownChecks {
    /// Cells of a table row: split on pipes that are not backslash-escaped.
    static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        cells.append(current)
        // A row starts and ends with a pipe: drop the empty text outside them.
        return Array(cells.dropFirst().dropLast())
    }

    /// Problems with the tables of `markdown`: every table needs a delimiter row right after its
    /// header, and every row as many cells as the header.
    static func tableProblems(_ markdown: String) -> [String] {
        var problems: [String] = []
        let lines = markdown.components(separatedBy: "\n")
        var i = 0
        while i < lines.count {
            guard lines[i].hasPrefix("|") else {
                i += 1
                continue
            }
            let width = cells(lines[i]).count
            if i + 1 >= lines.count
                || !cells(lines[i + 1]).allSatisfy({ $0.trimmingCharacters(in: .whitespaces).allSatisfy { "-:".contains($0) } && !$0.isEmpty })
            {
                problems.append("line \(i + 1): table header without a delimiter row")
            }
            var j = i
            while j < lines.count, lines[j].hasPrefix("|") {
                if !lines[j].hasSuffix("|") { problems.append("line \(j + 1): row does not end with a pipe") }
                if cells(lines[j]).count != width { problems.append("line \(j + 1): \(cells(lines[j]).count) cells, header has \(width)") }
                j += 1
            }
            i = j
        }
        return problems
    }

    /// nil when `svg` parses as XML; else the parser's error.
    static func xmlError(_ svg: String) -> String? {
        let parser = XMLParser(data: Data(svg.utf8))
        return parser.parse() ? nil : (parser.parserError.map { "\($0)" } ?? "unknown XML error")
    }
}
