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

    /// Finds exact duplicate rows by hashing each row (on `threads` threads), confirming every hash
    /// match cell by cell.
    /// - Complexity: O(rows × columns) expected.
    public func duplicateRows(threads: Int = 1) -> DuplicateRows {
        let cells = columns.map(RowCells.init)
        let hashes = RowCells.hashes(cells, rowCount: rowCount, threads: threads)
        func equal(_ a: Int, _ b: Int) -> Bool { cells.allSatisfy { $0.key(a) == $0.key(b) } }
        // Open addressing over first occurrences: slot -> row, linear probing. Rows whose hashes
        // collide without being equal take separate slots, so every probe ends at an equal row or
        // an empty slot. (A dictionary of arrays took 100 ms of a 200k-row profile.)
        var capacity = 16
        while capacity < 2 * rowCount { capacity *= 2 }
        let mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)
        var groupOf: [Int: Int] = [:]
        var groups: [[Int]] = []
        var firsts: [Int] = []
        firsts.reserveCapacity(rowCount)
        var duplicates = 0
        for i in 0..<rowCount {
            var slot = Int(truncatingIfNeeded: hashes[i]) & mask
            var first: Int?
            while slots[slot] >= 0 {
                let row = Int(slots[slot])
                if hashes[row] == hashes[i], equal(row, i) {
                    first = row
                    break
                }
                slot = (slot + 1) & mask
            }
            guard let first else {
                slots[slot] = Int32(i)
                firsts.append(i)
                continue
            }
            duplicates += 1
            let group: Int
            if let known = groupOf[first] {
                group = known
            } else {
                group = groups.count
                groupOf[first] = group
                groups.append([first])
            }
            if group < DuplicateRows.exampleLimit { groups[group].append(i) }
        }
        return DuplicateRows(count: duplicates, examples: Array(groups.prefix(DuplicateRows.exampleLimit)), firstOccurrences: firsts)
    }

    /// The table without rows that repeat an earlier row (first occurrences kept, in order).
    public func deduplicated() -> Table {
        let duplicates = duplicateRows()
        return duplicates.count == 0 ? self : selecting(rows: duplicates.firstOccurrences)
    }
}
