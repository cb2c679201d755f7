import AutoML
import Foundation
import Learners
import Tabular
import TestSupport
import Testing

/// Alerts and plans on real datasets and on small files built to show one problem each.
@Suite struct FindingRulesTests {
    func explore(_ csv: String, target: String?) throws -> Exploration {
        let directory = try TemporaryDirectory()
        let table = try CSVReader().read(directory.write("data.csv", csv)).table
        return try Exploration(table: table, source: "data.csv", profiler: Profiler(target: target))
    }

    func kinds(_ exploration: Exploration, column: String?) -> Set<Finding.Kind> {
        Set(exploration.findings.filter { $0.column == column }.map(\.kind))
    }

    func plan(_ exploration: Exploration, _ family: LearnerFamily, _ column: String) -> PreprocessingPlan.ColumnPlan? {
        exploration.plans.first { $0.family == family }?.columns.first { $0.column == column }
    }

    @Test func bankChurnIdentifiersAreFlaggedAndDropped() throws {
        let table = try CSVReader().read(Fixtures.sharedDataset("bank_churn")).table
        let exploration = try Exploration(table: table, source: "bank_churn.csv", profiler: Profiler(target: "Exited"))
        for name in ["RowNumber", "CustomerId"] {
            #expect(kinds(exploration, column: name).contains(.identifierLike), "\(name)")
            for family in LearnerFamily.allCases { #expect(plan(exploration, family, name)?.isDropped == true, "\(name) \(family)") }
        }
        #expect(kinds(exploration, column: "Surname").contains(.highCardinality))
        #expect(plan(exploration, .linear, "Geography")?.steps.map(\.step) == [.oneHot(minimumCount: 100, maximumLevels: 20)])
        #expect(plan(exploration, .trees, "Geography")?.steps.map(\.step) == [.ordinal])
        #expect(plan(exploration, .linear, "Surname")?.steps.first?.step == .targetEncoding(folds: 5, smoothing: 10))
        #expect(plan(exploration, .trees, "Balance")?.steps.isEmpty == true)
        #expect(plan(exploration, .linear, "Balance")?.steps.last?.step == .standardize)
    }

    @Test func titanicCabinIsMostlyMissingAndKeptAsAnIndicator() throws {
        let table = try CSVReader().read(Fixtures.sharedDataset("titanic")).table
        let exploration = try Exploration(table: table, source: "titanic.csv", profiler: Profiler(target: "survived"))
        #expect(kinds(exploration, column: "cabin").contains(.highMissing))
        // 77% missing, and missing cabins go with dying: only the indicator is kept.
        #expect(plan(exploration, .trees, "cabin")?.steps.map(\.step) == [.missingIndicatorOnly])
        #expect(plan(exploration, .linear, "name")?.steps.first?.step == .tfidf(buckets: 128, maximumNgram: 2))
        #expect(plan(exploration, .linear, "fare")?.steps.map(\.step) == [.log1p, .standardize])
        #expect(exploration.profile.target?.problem.problemType == .binary)
    }

    @Test func wineQualityDuplicatesImbalanceAndRareClass() throws {
        let table = try CSVReader().read(Fixtures.sharedDataset("wine_quality")).table
        let exploration = try Exploration(table: table, source: "wine_quality.csv", profiler: Profiler(target: "quality"))
        #expect(kinds(exploration, column: nil).contains(.duplicateRows))
        #expect(exploration.profile.duplicates.count == 1177)
        #expect(kinds(exploration, column: "quality").isSuperset(of: [.classImbalance, .tooFewRows]))
        #expect(exploration.plans.allSatisfy { $0.dropDuplicateRows })
        #expect(exploration.profile.target?.problem.problemType == .multiclass)
    }

    @Test func syntheticProblemsEachRaiseTheirAlert() throws {
        var csv = "id,constant,mostly_missing,leak,city,mixed,almost,y\n"
        for i in 0..<200 {
            let y = i % 3 == 0 ? "yes" : "no"
            let missing = i % 10 < 8 ? "" : "\(i)"
            let city = ["Paris", "paris ", "Lyon", "Nice"][i % 4]
            let mixed = i % 2 == 0 ? "\(i)" : "n\(i % 5)"
            let almost = i == 7 ? "b" : "a"
            csv += "\(i + 1),same,\(missing),\(y == "yes" ? 1 : 0).\(i % 10),\"\(city)\",\(mixed),\(almost),\(y)\n"
        }
        let exploration = try explore(csv, target: "y")
        #expect(kinds(exploration, column: "id").contains(.identifierLike))
        #expect(kinds(exploration, column: "constant").contains(.constant))
        #expect(kinds(exploration, column: "mostly_missing").contains(.highMissing))
        #expect(kinds(exploration, column: "leak").contains(.targetLeakage))
        #expect(kinds(exploration, column: "city").contains(.inconsistentCategories))
        #expect(kinds(exploration, column: "mixed").contains(.mixedTypes))
        #expect(kinds(exploration, column: "almost").contains(.quasiConstant))
        #expect(exploration.findings.first?.severity == .critical, "leakage comes first")
        // Leakage suspects are flagged in every plan, never silently dropped.
        for family in LearnerFamily.allCases {
            let leak = try #require(plan(exploration, family, "leak"))
            #expect(!leak.isDropped && leak.flags.contains { $0.contains("leakage") })
            #expect(plan(exploration, family, "constant")?.isDropped == true)
            #expect(plan(exploration, family, "mostly_missing")?.isDropped == true)
        }
    }

    @Test func targetWithMissingValuesAndTooFewRows() throws {
        let exploration = try explore("x,y\n1,2.5\n2,\n3,4.5\n4,1.25\n", target: "y")
        #expect(kinds(exploration, column: "y").contains(.targetMissing))
        #expect(kinds(exploration, column: nil).contains(.tooFewRows))
        #expect(exploration.profile.target?.problem.problemType == .regression)
    }

    @Test func singleValueTargetIsUnusable() throws {
        let exploration = try explore("x,y\n1,a\n2,a\n3,a\n", target: "y")
        #expect(kinds(exploration, column: "y").contains(.unusableTarget))
        #expect(exploration.profile.target?.problem.problemType == nil)
    }
}
