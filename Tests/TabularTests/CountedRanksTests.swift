import Testing

@testable import Tabular

/// Law: ranks and sorted values are the same whether a column is counted (``CountedRanks``),
/// sorted on exact decimal keys or sorted on single-precision keys, and equal a reference built
/// with the standard library's sort.
@Suite struct CountedRanksTests {
    /// Average ranks (1-based) and ascending present values, from the standard library's sort.
    static func reference(_ values: [Double]) -> (ranks: [Float], sorted: [Double]) {
        let order = values.indices.filter { !values[$0].isNaN }.sorted {
            values[$0] != values[$1] ? values[$0] < values[$1] : (values[$0].sign == .minus ? 0 : 1, $0) < (values[$1].sign == .minus ? 0 : 1, $1)
        }
        var ranks = [Float](repeating: .nan, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            for k in start..<end { ranks[order[k]] = Float(Double(start + end + 1) / 2) }
            start = end
        }
        return (ranks, order.map { values[$0] })
    }

    static func same(_ a: [Float], _ b: [Float]) -> Bool {
        a.elementsEqual(b) { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }

    @Test(arguments: [(2, 300), (4, 5000), (0, 400_000), (3, 2_000_000)])
    func countedSortedAndReferenceAgree(_ places: Int, _ magnitude: Int) throws {
        let values = DecimalScaleTests.decimals(20_000, places: places, magnitude: magnitude, seed: 11)
        let workspace = RadixSort.Workspace()
        let (rankColumn, sorted) = CorrelationKernels.ranksAndSorted(values, workspace: workspace)
        let ranks = rankColumn.materialized
        let expected = Self.reference(values)
        #expect(sorted.map(\.bitPattern) == expected.sorted.map(\.bitPattern))
        #expect(Self.same(ranks, expected.ranks))
        // The same column through the single-precision sort (no scale).
        let single = workspace.sortWithRows(values, scale: nil)
        #expect(single.map(\.bitPattern) == expected.sorted.map(\.bitPattern))
    }

    /// Which path each column takes: counting needs few keys, and not far more keys than rows.
    @Test func countingSuitsNarrowColumnsOnly() throws {
        let narrow = DecimalScaleTests.decimals(1000, places: 2, magnitude: 300, seed: 1)
        let wide = DecimalScaleTests.decimals(1000, places: 3, magnitude: 2_000_000, seed: 2)
        let narrowScale = try #require(narrow.withUnsafeBufferPointer { DecimalScale($0, spanBits: 32) })
        let wideScale = try #require(wide.withUnsafeBufferPointer { DecimalScale($0, spanBits: 32) })
        #expect(CountedRanks.suits(narrowScale, count: narrow.count))
        #expect(!CountedRanks.suits(wideScale, count: wide.count))
    }

    /// A value with more places than the first ones falls back to sorting, with the same result.
    @Test func aLaterInexactValueFallsBackToSorting() {
        var values = DecimalScaleTests.decimals(3000, places: 1, magnitude: 500, seed: 3)
        values[2500] = 12.345
        values[2600] = 0.1 + 0.2
        let (rankColumn, sorted) = CorrelationKernels.ranksAndSorted(values, workspace: RadixSort.Workspace())
        let ranks = rankColumn.materialized
        let expected = Self.reference(values)
        #expect(sorted.map(\.bitPattern) == expected.sorted.map(\.bitPattern))
        #expect(Self.same(ranks, expected.ranks))
    }

    /// One workspace through columns that take every path in turn, and columns with no values.
    @Test func reusedWorkspaceGivesEachColumnItsOwnResult() {
        let workspace = RadixSort.Workspace()
        let columns: [[Double]] = [
            DecimalScaleTests.decimals(4000, places: 2, magnitude: 900, seed: 4),
            RadixSortTests.column(3000, seed: 5),
            [],
            [.nan, .nan, .nan],
            DecimalScaleTests.decimals(100, places: 0, magnitude: 10, seed: 6),
            [-0.0, 0, -0.0, 0, 1],
        ]
        for values in columns {
            let (rankColumn, sorted) = CorrelationKernels.ranksAndSorted(values, workspace: workspace)
            let ranks = rankColumn.materialized
            let expected = Self.reference(values)
            #expect(sorted.map(\.bitPattern) == expected.sorted.map(\.bitPattern))
            #expect(Self.same(ranks, expected.ranks))
        }
    }
}

/// A counted column keeps a table of ranks per key only when it has several rows per key, and
/// the Spearman matrix read through such tables equals the one read from ranks per row.
@Suite struct RankColumnTests {
    @Test func fewKeysKeepATableManyKeysARankPerRow() {
        let workspace = RadixSort.Workspace()
        let few = DecimalScaleTests.decimals(20_000, places: 1, magnitude: 200, seed: 8)
        let many = DecimalScaleTests.decimals(20_000, places: 2, magnitude: 20_000, seed: 9)
        guard case .counted = CorrelationKernels.ranksAndSorted(few, workspace: workspace).ranks else {
            Issue.record("a column with 20 rows per key should keep a table")
            return
        }
        guard case .stored = CorrelationKernels.ranksAndSorted(many, workspace: workspace).ranks else {
            Issue.record("a column with 2 keys per row should keep a rank per row")
            return
        }
    }

    @Test(arguments: [1, 2])
    func spearmanThroughTablesEqualsSpearmanOfStoredRanks(_ threads: Int) {
        let workspace = RadixSort.Workspace()
        let columns = [
            DecimalScaleTests.decimals(40_000, places: 1, magnitude: 200, seed: 10),
            DecimalScaleTests.decimals(40_000, places: 0, magnitude: 50, seed: 11),
            DecimalScaleTests.decimals(40_000, places: 3, magnitude: 9_000_000, seed: 12),
            RadixSortTests.column(40_000, seed: 13),
        ]
        let ranks = columns.map { CorrelationKernels.ranksAndSorted($0, workspace: workspace).ranks }
        let lookedUp = PairwisePearson.matrix(ranks, threads: threads)
        let stored = PairwisePearson.matrix(ranks.map(\.materialized), threads: threads)
        #expect(lookedUp.rows == stored.rows)
        for (a, b) in zip(lookedUp.r, stored.r) {
            #expect(a == b)
        }
    }
}
