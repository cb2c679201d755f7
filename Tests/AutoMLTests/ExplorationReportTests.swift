import AutoML
import Foundation
import Tabular
import TestSupport
import Testing

/// The exploration report: golden files, well-formed Markdown and SVG on every shared dataset.
@Suite struct ExplorationReportTests {
    static let targets: [(String, String)] = [
        ("titanic", "survived"), ("adult", "class"), ("bank_churn", "Exited"), ("penguins", "species"),
        ("wine_quality", "quality"), ("diamonds", "price"), ("taxis", "fare"),
        ("california_housing", "median_house_value"), ("ames_housing", "SalePrice"),
    ]

    static func exploration(_ name: String, target: String?) throws -> Exploration {
        let table = try CSVReader().read(Fixtures.sharedDataset(name)).table
        return try Exploration(table: table, source: "\(name).csv", profiler: Profiler(target: target, threads: 2))
    }

    @Test(arguments: ["titanic", "penguins"])
    func reportMatchesGoldenFile(_ name: String) throws {
        let target = Self.targets.first { $0.0 == name }?.1
        let rendered = ExplorationReport(try Self.exploration(name, target: target)).render()
        let mismatch = Golden.mismatch(rendered.markdown, "Tests/AutoMLTests/Golden/\(name)-exploration.md")
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test(arguments: targets.map(\.0))
    func markdownTablesAndFiguresAreWellFormed(_ name: String) throws {
        let target = Self.targets.first { $0.0 == name }?.1
        let rendered = ExplorationReport(try Self.exploration(name, target: target)).render()
        #expect(MarkdownChecks.tableProblems(rendered.markdown) == [])
        #expect(!rendered.figures.isEmpty)
        for figure in rendered.figures {
            #expect(MarkdownChecks.xmlError(figure.svg) == nil, "\(figure.name): \(MarkdownChecks.xmlError(figure.svg) ?? "")")
            #expect(rendered.markdown.contains("(figures/\(figure.name))"), "\(figure.name) is linked")
        }
        #expect(Set(rendered.figures.map(\.name)).count == rendered.figures.count, "figure names are unique")
    }

    @Test func specialCharactersInNamesAreEscaped() throws {
        let directory = try TemporaryDirectory()
        var csv = "\"a|b\",*star*,<tag>,\"x\ny\",`tick`,target\n"
        for i in 0..<60 { csv += "\(i % 7),\(["p", "q|r", "<s>"][i % 3]),\(Double(i) * 1.5),\(i % 2 == 0 ? "u" : "v"),\(i % 5),\(i % 2)\n" }
        let table = try CSVReader().read(directory.write("odd.csv", csv)).table
        let exploration = try Exploration(table: table, source: "odd|file.csv", profiler: Profiler(target: "target"))
        let rendered = ExplorationReport(exploration).render()
        #expect(MarkdownChecks.tableProblems(rendered.markdown) == [])
        #expect(rendered.markdown.contains("a\\|b"))
        #expect(rendered.markdown.contains("\\*star\\*"))
        #expect(rendered.markdown.contains("\\<tag>"))
        #expect(!rendered.markdown.contains("x\ny"))
        for figure in rendered.figures { #expect(MarkdownChecks.xmlError(figure.svg) == nil, "\(figure.name)") }
        let escapedCode = MarkdownDocument.code("a`b")
        #expect(escapedCode == "``a`b``")
    }

    @Test func writesReportFiguresAndJSONThatDecodes() throws {
        let directory = try TemporaryDirectory()
        let exploration = try Self.exploration("penguins", target: "species")
        let report = try ExplorationReport(exploration).write(to: directory.url)
        #expect(report.lastPathComponent == "exploration.md")
        let data = try Data(contentsOf: directory.url.appendingPathComponent("profile.json"))
        let decoded = try JSONDecoder().decode(Exploration.self, from: data)
        // Decoding then encoding again gives the same bytes: nothing is lost on the way.
        #expect(try decoded.json() == data)
        #expect(decoded.findings == exploration.findings && decoded.plans == exploration.plans)
        let figures = try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("figures").path)
        #expect(figures.count == ExplorationReport(exploration).render().figures.count)
    }
}
