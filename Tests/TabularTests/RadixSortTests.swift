import Testing

@testable import Tabular

/// Law: the radix sort agrees with the standard library's sort, rows included, whether or not a
/// workspace is reused from one column to the next.
@Suite struct RadixSortTests {
    static func column(_ count: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        let pool: [Double] = [0, -0.0, 1, -1, 2.5, .infinity, -.infinity, 1e-300, -1e300, .nan]
        return (0..<count).map { i -> Double in
            i % 3 == 0 ? pool[Int.random(in: 0..<pool.count, using: &generator)] : Double.random(in: -1e6...1e6, using: &generator)
        }
    }

    @Test(arguments: [0, 1, 2, 7, 1000, 20000])
    func agreesWithStandardSort(_ count: Int) {
        let values = Self.column(count, seed: UInt64(count))
        let workspace = RadixSort.Workspace()
        var sorted = [Double](repeating: 0, count: values.count)
        let present = workspace.sortWithRows(values, into: &sorted)
        sorted.removeLast(values.count - present)
        let rows = Array(UnsafeBufferPointer(start: workspace.rows, count: present))
        let expected = values.filter { !$0.isNaN }.sorted()
        #expect(sorted.elementsEqual(expected) { $0 == $1 })
        #expect(rows.map { values[Int($0)] }.elementsEqual(sorted) { $0.bitPattern == $1.bitPattern })
        #expect(RadixSort.sortedPresent(values).elementsEqual(expected) { $0 == $1 })
        let ranks = CorrelationKernels.ranks(values)
        #expect(ranks.enumerated().allSatisfy { i, r in values[i].isNaN == r.isNaN })
    }

    /// One workspace sorting columns that grow, shrink and differ in missing values gives what a
    /// fresh sort gives for each.
    @Test func reusedWorkspaceSortsEachColumnAfresh() {
        let workspace = RadixSort.Workspace()
        for (index, count) in [5000, 12, 20000, 0, 3000].enumerated() {
            let values = Self.column(count, seed: UInt64(100 + index))
            let (rankColumn, sorted) = CorrelationKernels.ranksAndSorted(values, workspace: workspace)
            let ranks = rankColumn.materialized
            #expect(sorted.elementsEqual(values.filter { !$0.isNaN }.sorted()) { $0 == $1 })
            #expect(ranks.elementsEqual(CorrelationKernels.ranks(values)) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
    }

    /// Values that share a single-precision key (the sort's key) but differ below it still come
    /// out in order, with their rows, equal values with ascending rows: long runs of values a few
    /// ulps apart, and short runs (four-decimal values near 3000, a single-precision step holding
    /// two or three of them).
    @Test(arguments: [1 << 8, 1 << 20])
    func closeValuesComeOutInOrder(_ spread: Int) {
        var generator = SeededGenerator(seed: 7)
        let values = (0..<3000).map { i -> Double in
            i % 11 == 0
                ? .nan : Double(bitPattern: (1.0).bitPattern + UInt64.random(in: 0..<UInt64(spread), using: &generator)) * (i % 2 == 0 ? 1 : -1)
        }
        let workspace = RadixSort.Workspace()
        var sorted = [Double](repeating: 0, count: values.count)
        let present = workspace.sortWithRows(values, into: &sorted)
        let expected = values.filter { !$0.isNaN }.sorted()
        #expect(present == expected.count)
        #expect(sorted.prefix(present).elementsEqual(expected))
        #expect((0..<present).allSatisfy { values[Int(workspace.rows[$0])] == sorted[$0] })
        #expect(Set((0..<present).map { workspace.rows[$0] }).count == present)
    }

    @Test func shortRunsOfCloseValuesComeOutInOrder() {
        var generator = SeededGenerator(seed: 9)
        let values = (0..<20_000).map { _ in 3000 + Double(Int.random(in: -5000...5000, using: &generator)) / 10_000 }
        let workspace = RadixSort.Workspace()
        var sorted = [Double](repeating: 0, count: values.count)
        let present = workspace.sortWithRows(values, into: &sorted)
        let expected = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        #expect(present == values.count)
        #expect((0..<present).map { Int(workspace.rows[$0]) } == expected)
        #expect(sorted.elementsEqual(expected.map { values[$0] }))
    }

    /// Ties share the mean of their positions; -0 and +0 are one value.
    @Test func tiedValuesShareTheirAverageRank() {
        let ranks = CorrelationKernels.ranks([3, 0, -0.0, .nan, 3, 1, 3])
        #expect(ranks[0] == 5 && ranks[4] == 5 && ranks[6] == 5)
        #expect(ranks[1] == 1.5 && ranks[2] == 1.5)
        #expect(ranks[5] == 3)
        #expect(ranks[3].isNaN)
    }
}
