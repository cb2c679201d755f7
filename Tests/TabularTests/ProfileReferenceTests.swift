import Foundation
import Tabular
import TestSupport
import Testing

/// The profiler's statistics against an independent computation (pandas and scipy, by the
/// committed script `Fixtures/profile_expected.py`) on every shared dataset.
@Suite struct ProfileReferenceTests {
    struct Reference: Decodable {
        struct ColumnFacts: Decodable {
            var missing: Int
            var distinct: Int
            var mean: Double?
            var std: Double?
            var min: Double?
            var max: Double?
            var skewness: Double?
            var kurtosis: Double?
            var zeros: Int?
            var negatives: Int?
            var quantiles: [Double]?
        }
        struct NumericPair: Decodable {
            var a: String
            var b: String
            var pearson: Double?
            var spearman: Double?
        }
        struct LabelPair: Decodable {
            var a: String
            var b: String
            var v: Double
        }
        var rows: Int
        var duplicates: Int
        var columns: [String: ColumnFacts]
        var numericPairs: [NumericPair]
        var cramersV: [LabelPair]

        // The keys profile_expected.py writes.
        enum CodingKeys: String, CodingKey {
            case rows, duplicates, columns
            case numericPairs = "numeric_pairs"
            case cramersV = "cramers_v"
        }
    }

    static let references: [String: Reference] = {
        let url = Fixtures.packageRoot.appendingPathComponent("Tests/TabularTests/Fixtures/profile_expected.json")
        guard let data = try? Data(contentsOf: url), let decoded = try? JSONDecoder().decode([String: Reference].self, from: data) else { return [:] }
        return decoded
    }()

    static let names = ["titanic", "adult", "bank_churn", "penguins", "wine_quality", "diamonds", "taxis", "california_housing", "ames_housing"]

    /// |a − b| within `absolute` plus `relative` of the larger magnitude.
    func close(_ a: Double?, _ b: Double?, absolute: Double = 1e-9, relative: Double = 1e-9) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return abs(x - y) <= absolute + relative * max(abs(x), abs(y))
        default: return false
        }
    }

    @Test(arguments: names)
    func statisticsMatchPandas(_ name: String) throws {
        let reference = try #require(Self.references[name], "fixture for \(name)")
        let table = try CSVReader().read(Fixtures.sharedDataset(name)).table
        let profile = try Profiler(threads: 2).profile(table)
        #expect(profile.rowCount == reference.rows)
        #expect(profile.duplicates.count == reference.duplicates)
        var compared = 0
        for column in profile.columns {
            guard let expected = reference.columns[column.name], let numeric = column.numeric, expected.mean != nil else { continue }
            compared += 1
            #expect(column.missingCount == expected.missing, "\(name).\(column.name) missing")
            #expect(column.distinctCount == expected.distinct, "\(name).\(column.name) distinct")
            #expect(close(numeric.mean, expected.mean), "\(name).\(column.name) mean \(numeric.mean) vs \(expected.mean ?? .nan)")
            #expect(close(numeric.standardDeviation, expected.std), "\(name).\(column.name) std")
            #expect(numeric.minimum == expected.min && numeric.maximum == expected.max, "\(name).\(column.name) range")
            #expect(
                close(numeric.skewness, expected.skewness, relative: 1e-7),
                "\(name).\(column.name) skewness \(numeric.skewness ?? .nan) vs \(expected.skewness ?? .nan)")
            #expect(close(numeric.kurtosis, expected.kurtosis, relative: 1e-7), "\(name).\(column.name) kurtosis")
            #expect(numeric.zeroCount == expected.zeros && numeric.negativeCount == expected.negatives, "\(name).\(column.name) signs")
            for (mine, theirs) in zip(numeric.quantiles.map(\.value), expected.quantiles ?? []) {
                #expect(close(mine, theirs), "\(name).\(column.name) quantile \(mine) vs \(theirs)")
            }
        }
        #expect(compared > 0, "no numeric column of \(name) was compared")
        let correlations = profile.correlations
        let numericIndex = Dictionary(uniqueKeysWithValues: correlations.numericColumns.enumerated().map { ($1, $0) })
        var pairs = 0
        for pair in reference.numericPairs {
            guard let i = numericIndex[pair.a], let j = numericIndex[pair.b] else { continue }
            pairs += 1
            #expect(close(correlations.pearson[i][j], pair.pearson, absolute: 1e-9, relative: 0), "\(name) pearson \(pair.a)/\(pair.b)")
            #expect(close(correlations.spearman[i][j], pair.spearman, absolute: 1e-9, relative: 0), "\(name) spearman \(pair.a)/\(pair.b)")
        }
        let labelIndex = Dictionary(uniqueKeysWithValues: correlations.labelColumns.enumerated().map { ($1, $0) })
        for pair in reference.cramersV {
            guard let i = labelIndex[pair.a], let j = labelIndex[pair.b] else { continue }
            pairs += 1
            #expect(close(correlations.cramersV[i][j], pair.v, absolute: 1e-9, relative: 0), "\(name) Cramér's V \(pair.a)/\(pair.b)")
        }
        if correlations.numericColumns.count >= 2 { #expect(pairs > 0, "no pair of \(name) was compared") }
    }
}
