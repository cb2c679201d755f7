/// Exact duplicate rows: rows equal to an earlier row in every column (missing equals missing).
extension Table {
    /// Which rows repeat an earlier row.
    public struct DuplicateRows: Codable, Sendable, Equatable {
        /// Rows that repeat an earlier row (a group of 3 equal rows counts 2).
        public var count: Int
        /// Up to ``exampleLimit`` groups of equal rows, as 0-based row positions, first occurrence first.
        public var examples: [[Int]]
        /// Positions of the first occurrence of every distinct row, ascending.
        public var firstOccurrences: [Int]

        /// Groups kept as examples.
        public static let exampleLimit = 5

        // The first occurrences are for deduplication, not for reports: they are not encoded.
        private enum CodingKeys: String, CodingKey { case count, examples }

        public init(count: Int, examples: [[Int]], firstOccurrences: [Int]) {
            self.count = count
            self.examples = examples
            self.firstOccurrences = firstOccurrences
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            count = try container.decode(Int.self, forKey: .count)
            examples = try container.decode([[Int]].self, forKey: .examples)
            firstOccurrences = []
        }
    }

    /// Finds exact duplicate rows by hashing each row, confirming every hash match cell by cell.
    /// - Complexity: O(rows × columns) expected.
    public func duplicateRows() -> DuplicateRows {
        let keys = columns.map(Self.rowKeys)
        var hashes = [UInt64](repeating: 0x9E37_79B9_7F4A_7C15, count: rowCount)
        for column in keys {
            for i in 0..<rowCount {
                // A multiply-rotate mix per cell (splitmix64 constants): cheap and order-sensitive.
                var h = (hashes[i] ^ column[i]) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                hashes[i] = h
            }
        }
        func equal(_ a: Int, _ b: Int) -> Bool { keys.allSatisfy { $0[a] == $0[b] } }
        var firstByHash: [UInt64: [Int]] = [:]
        firstByHash.reserveCapacity(rowCount)
        var groupOf = [Int](repeating: -1, count: rowCount)
        var groups: [[Int]] = []
        var firsts: [Int] = []
        var duplicates = 0
        for i in 0..<rowCount {
            let candidates = firstByHash[hashes[i], default: []]
            if let first = candidates.first(where: { equal($0, i) }) {
                duplicates += 1
                if groupOf[first] < 0 {
                    groupOf[first] = groups.count
                    groups.append([first])
                }
                if groupOf[first] < DuplicateRows.exampleLimit { groups[groupOf[first]].append(i) }
            } else {
                firstByHash[hashes[i], default: []].append(i)
                firsts.append(i)
            }
        }
        return DuplicateRows(count: duplicates, examples: Array(groups.prefix(DuplicateRows.exampleLimit)), firstOccurrences: firsts)
    }

    /// The table without rows that repeat an earlier row (first occurrences kept, in order).
    public func deduplicated() -> Table {
        let duplicates = duplicateRows()
        return duplicates.count == 0 ? self : selecting(rows: duplicates.firstOccurrences)
    }

    /// One comparable 64-bit key per row: the value's bits (all NaNs alike) or the label code.
    private static func rowKeys(_ column: Column) -> [UInt64] {
        if column.isNumeric {
            return column.numbers.map { $0.isNaN ? UInt64.max : ($0 == 0 ? 0 : $0.bitPattern) }
        }
        return column.codes.map { UInt64($0) }
    }
}
