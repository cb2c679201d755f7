@testable import Tabular
import Testing

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
        let present = workspace.sort(values, keepingRows: true)
        let sorted = workspace.sortedValues(present)
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
            let (ranks, sorted) = CorrelationKernels.ranksAndSorted(values, workspace: workspace)
            #expect(sorted.elementsEqual(values.filter { !$0.isNaN }.sorted()) { $0 == $1 })
            #expect(ranks.elementsEqual(CorrelationKernels.ranks(values)) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
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
