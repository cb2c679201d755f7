/// One column's cells as comparable 64-bit keys, for hashing and comparing whole rows: a number's
/// bits (every NaN alike, -0 as 0) or a label's code.
struct RowCells: Sendable {
    private enum Values: Sendable {
        case numbers([Double])
        case codes([UInt32])
    }

    private let values: Values

    init(_ column: Column) {
        values = column.isNumeric ? .numbers(column.numbers) : .codes(column.codes)
    }

    /// The key of row `row`.
    func key(_ row: Int) -> UInt64 {
        switch values {
        case .numbers(let numbers): return Self.key(numbers[row])
        case .codes(let codes): return UInt64(codes[row])
        }
    }

    @inline(__always)
    private static func key(_ value: Double) -> UInt64 {
        value.isNaN ? UInt64.max : (value == 0 ? 0 : value.bitPattern)
    }

    /// An order-sensitive hash of every row over `cells`, computed in row blocks on `threads` threads.
    static func hashes(_ cells: [RowCells], rowCount: Int, threads: Int) -> [UInt64] {
        let blockSize = 16_384
        let blocks = (rowCount + blockSize - 1) / blockSize
        let parts = ParallelLoop.map(blocks, threads: threads) { block -> [UInt64] in
            let start = block * blockSize
            let end = min(rowCount, start + blockSize)
            var hashes = [UInt64](repeating: 0x9E37_79B9_7F4A_7C15, count: end - start)
            for column in cells {
                switch column.values {
                case .numbers(let numbers):
                    for i in start..<end { hashes[i - start] = mix(hashes[i - start], key(numbers[i])) }
                case .codes(let codes):
                    for i in start..<end { hashes[i - start] = mix(hashes[i - start], UInt64(codes[i])) }
                }
            }
            return hashes
        }
        return Array(parts.joined())
    }

    /// A multiply-rotate mix per cell (splitmix64 constants): cheap and order-sensitive.
    @inline(__always)
    private static func mix(_ hash: UInt64, _ key: UInt64) -> UInt64 {
        let h = (hash ^ key) &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 31)
    }
}
