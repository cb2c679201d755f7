import Foundation

/// Where a report's files go: the Markdown at the top of the job folder, its SVG figures under
/// `figures/` (links in the Markdown are relative to it).
enum ReportFiles {
    /// Writes `markdown` as `directory/name` and its `figures` into `directory/figures/`.
    /// - Throws: a file system error.
    static func write(_ markdown: String, named name: String, figures: [(name: String, svg: String)] = [], to directory: URL) throws {
        try write(figures: figures, to: directory)
        try Data(markdown.utf8).write(to: directory.appendingPathComponent(name))
    }

    /// Writes `figures` into `directory/figures/`.
    /// - Throws: a file system error.
    static func write(figures: [(name: String, svg: String)], to directory: URL) throws {
        let folder = directory.appendingPathComponent("figures")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for figure in figures { try Data(figure.svg.utf8).write(to: folder.appendingPathComponent(figure.name)) }
    }
}
