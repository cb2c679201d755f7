import AutoML
import Foundation
import Tabular
import TestSupport
import Testing

/// Wide files profile in proportion: pairwise work is capped at `Correlations.maximumColumns` per
/// kind, alerts of one kind are counted past `FindingRules.perKindLimit`, and `profile.json` grows
/// linearly with the columns.
@Suite struct WideFileTests {
    /// `rows` × `columns` random numbers (seeded), plus a column `y` made by `target` from each row.
    static func table(rows: Int, columns: Int, target: (_ row: [Double], _ index: Int) -> String) throws -> Table {
        var generator = SeededGenerator(seed: 5)
        var lines = [((0..<columns).map { "c\($0)" } + ["y"]).joined(separator: ",")]
        for index in 0..<rows {
            let values = (0..<columns).map { _ in (Double.random(in: 0..<1, using: &generator) * 1000).rounded() / 1000 }
            lines.append((values.map { "\($0)" } + [target(values, index)]).joined(separator: ","))
        }
        let directory = try TemporaryDirectory("automl-wide")
        let path = try directory.write("wide.csv", lines.joined(separator: "\n") + "\n")
        return try CSVReader().read(path).table
    }

    @Test func twoThousandColumnsOfThreeRowsProfileInProportion() throws {
        let table = try Self.table(rows: 3, columns: 2000) { _, index in "\(index % 2)" }
        let exploration = try Exploration(table: table, source: "wide.csv", profiler: Profiler(threads: 2))
        let correlations = exploration.profile.correlations
        #expect(correlations.numericColumns.count == Correlations.maximumColumns)
        let leftOut = try #require(correlations.leftOut)
        #expect(leftOut.numeric == 2000 - Correlations.maximumColumns)
        #expect(leftOut.choice == "the columns with the most distinct values")
        #expect(correlations.pairs.count <= Correlations.maximumColumns * (Correlations.maximumColumns - 1) / 2 + Correlations.maximumColumns)
        // 3 rows make every pair look perfectly correlated: hundreds of alike alerts, listed in proportion.
        let byKind = Dictionary(grouping: exploration.findings, by: \.kind)
        for (kind, findings) in byKind { #expect(findings.count <= FindingRules.perKindLimit + 1, "\(kind): \(findings.count) alerts listed") }
        let summary = try #require(byKind[.highlyCorrelated]?.last)
        #expect(summary.column == nil && summary.reason.contains("more pairs with this alert, not listed"), "\(summary.reason)")
        let bytes = try exploration.json().count
        #expect(bytes < 2000 * 8_000, "profile.json is \(bytes) bytes for 2,000 columns")
        let report = ExplorationReport(exploration).render().markdown
        #expect(report.contains("This table is wide: pairs are measured among at most 60 numeric and 60 label columns"))
    }

    @Test func withATargetTheColumnsMostAssociatedWithItAreKept() throws {
        let table = try Self.table(rows: 400, columns: 150) { row, _ in "\(row[149] * 3 + row[7])" }
        let profile = try Profiler(target: "y", problemType: .regression, threads: 2).profile(table)
        let kept = profile.correlations.numericColumns
        #expect(kept.count == Correlations.maximumColumns)
        #expect(kept.contains("y") && kept.contains("c149") && kept.contains("c7"), "\(kept)")
        #expect(profile.correlations.leftOut?.choice.contains("most associated with it") == true)
        #expect(profile.correlations.leftOut?.numeric == 151 - Correlations.maximumColumns)
    }

    @Test func alertsOfOneKindAreCountedPastTheLimitButCriticalOnesAllListed() {
        let many = (0..<40).map { Finding(.info, .skewed, column: "c\($0)", "skewed") }
        let leaks = (0..<30).map { Finding(.critical, .targetLeakage, column: "l\($0)", "leaks") }
        let summarised = FindingRules.summarised(leaks + many)
        #expect(summarised.filter { $0.kind == .targetLeakage }.count == 30)
        let skewed = summarised.filter { $0.kind == .skewed }
        #expect(skewed.count == FindingRules.perKindLimit + 1)
        #expect(skewed.last?.reason == "15 more columns with this alert, not listed (40 in all)")
        #expect(FindingRules.summarised(Array(many.prefix(25))) == Array(many.prefix(25)))
    }
}
