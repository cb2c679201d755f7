import Testing

@testable import Tabular

/// Law: duplicate detection agrees with a row-by-row comparison, on any thread count and across
/// hashing blocks; missing equals missing, -0 equals 0.
@Suite struct DeduplicationTests {
    @Test(arguments: [1, 2, 3])
    func agreesWithRowComparison(_ threads: Int) {
        var generator = SeededGenerator(seed: 11)
        let rows = 40_000  // more than two hashing blocks
        let numbers = (0..<rows).map { _ -> Double in
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: return .nan
            case 1: return -0.0
            case 2: return 0
            default: return Double(Int.random(in: 0..<30, using: &generator))
            }
        }
        let codes = (0..<rows).map { _ -> UInt32 in
            Int.random(in: 0..<8, using: &generator) == 0 ? Column.missingCode : UInt32.random(in: 0..<20, using: &generator)
        }
        let table = Table(columns: [
            Column(name: "x", type: .real, storage: .numeric(numbers)),
            Column(name: "label", type: .categorical, storage: .categorical(codes: codes, levels: (0..<20).map { "l\($0)" })),
        ])
        let found = table.duplicateRows(threads: threads)

        func key(_ i: Int) -> String {
            let x = numbers[i].isNaN ? "nan" : String(numbers[i] == 0 ? 0 : numbers[i])
            return "\(x)|\(codes[i])"
        }
        var seen: [String: Int] = [:]
        var firsts: [Int] = []
        for i in 0..<rows where seen[key(i)] == nil {
            seen[key(i)] = i
            firsts.append(i)
        }
        #expect(found.firstOccurrences == firsts)
        #expect(found.count == rows - firsts.count)
        for group in found.examples {
            #expect(group.count >= 2)
            #expect(Set(group.map(key)).count == 1)
            #expect(seen[key(group[0])] == group[0])
        }
        #expect(table.deduplicated().rowCount == firsts.count)
    }
}
