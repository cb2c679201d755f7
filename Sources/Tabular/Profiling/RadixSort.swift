/// Least-significant-digit radix sort of doubles with their row numbers: the profiler's one sort
/// per numeric column (quantiles, distinct values, Spearman ranks).
///
/// Written by hand because the standard library's sort (a stable merge sort through a comparison
/// closure) was the largest cost of profiling: perf showed ~25% of the 200k-row mixed benchmark
/// and ~30% of the 1M × 50 one in `_merge` / `stableSortImpl`.
/// Keys are the IEEE-754 bits flipped so that unsigned order equals numeric order (negative
/// numbers: all bits inverted; others: sign bit set). 11-bit digits, 6 passes; a pass whose digit
/// is the same for every key is skipped (the high bits of values in a narrow range).
enum RadixSort {
    /// The present (non-NaN) values ascending, and the row of each.
    static func sortWithRows(_ values: [Double]) -> (sorted: [Double], rows: [Int32]) {
        var keys: [UInt64] = []
        var rows: [Int32] = []
        keys.reserveCapacity(values.count)
        rows.reserveCapacity(values.count)
        for (row, x) in values.enumerated() where !x.isNaN {
            let bits = x.bitPattern
            keys.append(bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63))
            rows.append(Int32(row))
        }
        let n = keys.count
        var keyBuffer = [UInt64](repeating: 0, count: n)
        var rowBuffer = [Int32](repeating: 0, count: n)
        let digitBits: UInt64 = 11
        let radix = 1 << Int(digitBits)
        var shift: UInt64 = 0
        while shift < 64 {
            var counts = [Int](repeating: 0, count: radix)
            for key in keys { counts[Int((key >> shift) & UInt64(radix - 1))] += 1 }
            if counts.contains(n) {
                shift += digitBits
                continue
            }
            var total = 0
            for digit in 0..<radix {
                let count = counts[digit]
                counts[digit] = total
                total += count
            }
            for i in 0..<n {
                let digit = Int((keys[i] >> shift) & UInt64(radix - 1))
                let slot = counts[digit]
                keyBuffer[slot] = keys[i]
                rowBuffer[slot] = rows[i]
                counts[digit] = slot + 1
            }
            swap(&keys, &keyBuffer)
            swap(&rows, &rowBuffer)
            shift += digitBits
        }
        let sorted = keys.map { key in
            Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
        }
        return (sorted, rows)
    }
}
