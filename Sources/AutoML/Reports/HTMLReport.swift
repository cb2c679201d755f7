import Foundation
import Ink

/// A Markdown report as one self-contained HTML page: rendered by Ink, every `figures/*.svg` image
/// inlined as SVG markup, links to sibling `.md` reports pointed at their `.html` pages, and a
/// small style sheet, so the page opens anywhere with nothing beside it.
public enum HTMLReport {
    /// The page for `markdown`, whose figure paths are relative to `directory`.
    public static func page(title: String, markdown: String, directory: URL) -> String {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .images) { html, _ in inlined(html, directory: directory) })
        parser.addModifier(
            Modifier(target: .links) { html, _ in
                // Reports link to each other as name.md; their HTML pages sit beside them.
                html.replacingOccurrences(of: ".md\"", with: ".html\"")
            })
        let body = parser.html(from: markdown)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(SVGChart.escape(title))</title>
            <style>
            body { font-family: Helvetica, Arial, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; display: block; overflow-x: auto; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; vertical-align: top; }
            th { background: #f3f3f3; }
            code { background: #f5f5f5; padding: 0 0.2em; border-radius: 3px; }
            figure.chart svg { max-width: 100%; height: auto; }
            h1, h2, h3 { line-height: 1.2; }
            </style>
            </head>
            <body>
            \(body)
            </body>
            </html>

            """
    }

    /// An `<img>` of a local SVG replaced by the SVG itself (its XML declaration dropped); other
    /// images are left as they are.
    static func inlined(_ html: String, directory: URL) -> String {
        guard let start = html.range(of: "src=\""), let end = html[start.upperBound...].firstIndex(of: "\"") else { return html }
        let path = String(html[start.upperBound..<end])
        guard path.hasSuffix(".svg"), !path.contains("://"), !path.hasPrefix("/"),
            let data = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path)
        else { return html }
        var svg = String(decoding: data, as: UTF8.self)
        if let declaration = svg.range(of: "?>"), svg.hasPrefix("<?xml") { svg = String(svg[declaration.upperBound...]) }
        return "<figure class=\"chart\">" + svg + "</figure>"
    }

    /// Writes `name.html` beside every `name.md` at the top of `directory`; returns the pages written.
    /// - Throws: a file system error.
    @discardableResult
    public static func writePages(in directory: URL) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".md") }.sorted()
        var written: [String] = []
        for name in names {
            let markdown = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let title = markdown.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? name
            let page = Self.page(title: title.replacingOccurrences(of: "\\", with: ""), markdown: markdown, directory: directory)
            let html = String(name.dropLast(3)) + ".html"
            try Data(page.utf8).write(to: directory.appendingPathComponent(html))
            written.append(html)
        }
        return written
    }
}
