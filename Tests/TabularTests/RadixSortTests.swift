@testable import Tabular
import Testing

/// Law: the radix sort agrees with the standard library's sort, rows included.
@Suite struct RadixSortTests {
    @Test(arguments: [0, 1, 2, 7, 1000, 20000])
    func agreesWithStandardSort(_ count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        let pool: [Double] = [0, -0.0, 1, -1, 2.5, .infinity, -.infinity, 1e-300, -1e300, .nan]
        let values = (0..<count).map { i -> Double in
            i % 3 == 0 ? pool[Int.random(in: 0..<pool.count, using: &generator)] : Double.random(in: -1e6...1e6, using: &generator)
        }
        let (sorted, rows) = RadixSort.sortWithRows(values)
        let expected = values.filter { !$0.isNaN }.sorted()
        #expect(sorted.elementsEqual(expected) { $0 == $1 })
        #expect(rows.map { values[Int($0)] }.elementsEqual(sorted) { $0.bitPattern == $1.bitPattern })
        let ranks = CorrelationKernels.ranks(values)
        #expect(ranks.enumerated().allSatisfy { i, r in values[i].isNaN == r.isNaN })
    }
}
