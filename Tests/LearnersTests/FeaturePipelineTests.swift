import Foundation
import Learners
import Tabular
import TestSupport
import Testing

/// Fitted transforms: fit on training rows, apply to any table with the same columns.
@Suite struct FeaturePipelineTests {
    func table(_ csv: String) throws -> Table {
        let directory = try TemporaryDirectory()
        return try CSVReader().read(directory.write("data.csv", csv)).table
    }

    func values(_ table: Table, _ name: String) throws -> [Double] {
        try table.column(named: name).numbers
    }

    func roundTrip(_ fitted: FeaturePipeline.Fitted) throws -> FeaturePipeline.Fitted {
        try JSONDecoder().decode(FeaturePipeline.Fitted.self, from: JSONEncoder().encode(fitted))
    }

    @Test func imputeScaleAndIndicatorUseTrainingStatisticsOnly() throws {
        let training = try table("x,z\n1,a\n2,b\n,c\n3,d\n")
        let pipeline = FeaturePipeline(columns: [.init(column: "x", steps: [.impute(.median, indicator: true), .standardize])])
        let fitted = try pipeline.fit(training)
        #expect(fitted.featureNames == ["x", "x_missing"])
        let scaled = try values(fitted.transform(training), "x")
        // Median 2 fills the gap; mean 2 and sample std of [1,2,2,3] = sqrt(2/3).
        let sd = (2.0 / 3.0).squareRoot()
        #expect(scaled.map { ($0 * 1e9).rounded() } == [-1 / sd, 0, 0, 1 / sd].map { ($0 * 1e9).rounded() })
        let later = try fitted.transform(table("x,z\n,a\n5,b\n"))
        #expect(try values(later, "x_missing") == [1, 0])
        #expect(abs(try values(later, "x")[1] - 3 / sd) < 1e-12)
    }

    @Test func oneHotGroupsRareLabelsAndHandlesUnseenAndMissing() throws {
        let training = try table("city\nParis\nParis\nParis\nLyon\nLyon\nLyon\nNice\n")
        let fitted = try FeaturePipeline(columns: [.init(column: "city", steps: [.oneHot(minimumCount: 2, maximumLevels: 10)])]).fit(training)
        #expect(fitted.featureNames == ["city=Lyon", "city=Paris", "city=(other)"])
        let applied = try fitted.transform(table("city,other\nNice,1\nRome,2\n,3\nParis,4\n"))
        #expect(try values(applied, "city=(other)") == [1, 1, 0, 0])
        #expect(try values(applied, "city=Paris") == [0, 0, 0, 1])
        #expect(try values(applied, "city=Lyon") == [0, 0, 0, 0])
    }

    @Test func ordinalCodesFollowNumericOrderAndUnseenIsMinusOne() throws {
        let training = try table("grade\n10\n9\n2\n9\n")
        // Whole numbers enter as numbers; ordinal codes are for labels.
        #expect(throws: LearnersError.self) { try FeaturePipeline(columns: [.init(column: "grade", steps: [.ordinal])]).fit(training) }
        let labels = try table("size\nS\nM\nL\nM\nS\nS\nL\nM\nM\nS\nL\nS\nM\nL\nM\nS\nS\nL\nM\nM\nXL\n")
        let codes = try FeaturePipeline(columns: [.init(column: "size", steps: [.ordinal])]).fit(labels)
        let applied = try codes.transform(table("size,k\nL,1\nXXL,2\n,3\n"))
        #expect(try values(applied, "size") == [0, -1, -1])
    }

    @Test func targetEncodingIsOutOfFoldOnTrainingRows() throws {
        var csv = "shop,y\n"
        for i in 0..<100 { csv += "s\(i % 10),\(i % 10 < 5 ? 1 : 0)\n" }
        let training = try table(csv)
        let target = EncodingTarget(try training.column(named: "y"), problemType: .binary)
        let pipeline = FeaturePipeline(columns: [.init(column: "shop", steps: [.targetEncoding(folds: 5, smoothing: 1)])])
        let (fitted, features) = try pipeline.fitTransform(training, target: target, seed: 3)
        let outOfFold = try values(features, "shop_target")
        let full = try values(fitted.transform(training), "shop_target")
        #expect(outOfFold != full, "training rows must not see their own target")
        // Full-data encoding of s0 (10 rows, all 1, prior 0.5, smoothing 1): (10 + 0.5) / 11.
        #expect(abs(full[0] - 10.5 / 11) < 1e-12)
        let unseen = try values(fitted.transform(table("shop,y\nnew,0\n")), "shop_target")
        #expect(unseen == [0.5])
        let noTarget = #expect(throws: LearnersError.self) { try pipeline.fit(training) }
        #expect(noTarget?.errorDescription?.contains("needs the target column") == true)
    }

    @Test func datePartsAndTfidf() throws {
        let training = try table("when,note\n2024-01-31,red car fast\n2024-03-02,blue car\n2023-12-25,red red boat\n")
        let pipeline = FeaturePipeline(columns: [
            .init(column: "when", steps: [.dateParts]),
            .init(column: "note", steps: [.tfidf(buckets: 16, maximumNgram: 2)]),
        ])
        let fitted = try pipeline.fit(training)
        let features = try fitted.transform(training)
        #expect(try values(features, "when_year") == [2024, 2024, 2023])
        #expect(try values(features, "when_weekday") == [2, 5, 0])
        #expect(try values(features, "when_elapsed_days") == [37, 68, 0])
        for row in 0..<3 {
            let norm = (0..<16).reduce(0.0) { sum, k in
                let v = (try? values(features, "note_tfidf_\(k)")[row]) ?? 0
                return sum + v * v
            }
            #expect(abs(norm - 1) < 1e-12, "row \(row) is L2-normalized")
        }
    }

    @Test func columnsTypedDifferentlyInALaterFileAreReadTheTrainingWay() throws {
        var csv = "pclass,flag\n"
        for i in 0..<30 { csv += "\(i % 3 + 1),\(i % 2 == 0 ? "yes" : "no")\n" }
        let training = try table(csv)
        #expect(try training.column(named: "pclass").type == .categorical)
        let fitted = try FeaturePipeline(columns: [
            .init(column: "pclass", steps: [.oneHot(minimumCount: 1, maximumLevels: 10)]),
            .init(column: "flag", steps: []),
        ]).fit(training)
        // Three rows: pclass reads as integers and flag as a one-label category here.
        let later = try fitted.transform(table("pclass,flag\n2\n3,yes\n1,yes\n".replacingOccurrences(of: "\n2\n", with: "\n2,yes\n")))
        #expect(try values(later, "pclass=2") == [1, 0, 0])
        #expect(try values(later, "flag") == [1, 1, 1])
    }

    @Test func missingColumnAndWrongStepsAreClearErrors() throws {
        let training = try table("a,b\n1,x\n2,y\n")
        let fitted = try FeaturePipeline(columns: [.init(column: "a", steps: [])]).fit(training)
        let missing = #expect(throws: LearnersError.self) { try fitted.transform(table("b\nx\n")) }
        #expect(missing?.errorDescription?.contains("no column 'a'") == true)
        let wrong = #expect(throws: LearnersError.self) {
            try FeaturePipeline(columns: [.init(column: "b", steps: [.standardize])]).fit(training)
        }
        #expect(wrong?.errorDescription?.contains("Column 'b'") == true)
        let unencoded = #expect(throws: LearnersError.self) {
            try FeaturePipeline(columns: [.init(column: "b", steps: [.impute(.mostFrequent, indicator: false)])]).fit(training)
        }
        #expect(unencoded?.errorDescription?.contains("end with an encoder") == true)
        var future = try JSONSerialization.jsonObject(with: JSONEncoder().encode(fitted)) as? [String: Any] ?? [:]
        future["formatVersion"] = 99
        let data = try JSONSerialization.data(withJSONObject: future)
        let version = #expect(throws: LearnersError.self) { try JSONDecoder().decode(FeaturePipeline.Fitted.self, from: data) }
        #expect(version == .unsupportedVersion(found: 99, supported: 1))
    }

    /// Law: fit, encode to JSON, decode, transform gives the same features as before encoding.
    @Test(arguments: [("titanic", "survived"), ("taxis", "fare"), ("adult", "class")])
    func savedPipelineTransformsIdentically(_ dataset: String, _ targetName: String) throws {
        let training = try CSVReader().read(Fixtures.sharedDataset("\(dataset)_train")).table
        let test = try CSVReader().read(Fixtures.sharedDataset("\(dataset)_test")).table
        var recipes: [FeaturePipeline.ColumnRecipe] = []
        for column in training.columns where column.name != targetName {
            switch column.type {
            case .integer, .real: recipes.append(.init(column: column.name, steps: [.impute(.median, indicator: true), .log1p, .robustScale]))
            case .categorical:
                recipes.append(
                    .init(
                        column: column.name, steps: [.impute(.constant("(missing)"), indicator: true), .oneHot(minimumCount: 5, maximumLevels: 20)]))
                recipes.append(.init(column: column.name, steps: [.targetEncoding(folds: 5, smoothing: 10), .standardize]))
            case .text: recipes.append(.init(column: column.name, steps: [.tfidf(buckets: 32, maximumNgram: 2)]))
            case .datetime: recipes.append(.init(column: column.name, steps: [.dateParts, .standardize]))
            default: break
            }
        }
        let problem: ProblemType = targetName == "fare" ? .regression : .binary
        let target = EncodingTarget(try training.column(named: targetName), problemType: problem)
        let fitted = try FeaturePipeline(columns: recipes).fit(training, target: target, seed: 7)
        let restored = try roundTrip(fitted)
        #expect(restored == fitted)
        let before = try fitted.transform(test)
        let after = try restored.transform(test)
        #expect(before.rowCount == test.rowCount)
        #expect(before.columnNames == after.columnNames)
        for (a, b) in zip(before.columns, after.columns) {
            #expect(a.numbers.elementsEqual(b.numbers) { $0.bitPattern == $1.bitPattern }, "\(a.name)")
            #expect(!a.numbers.contains { $0.isNaN }, "\(a.name) has no missing values")
        }
    }
}
