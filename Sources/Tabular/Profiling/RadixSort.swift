/// Least-significant-digit radix sort of doubles with their row numbers: the profiler's one sort
/// per numeric column (quantiles, distinct values, Spearman ranks).
///
/// Written by hand because the standard library's sort (a stable merge sort through a comparison
/// closure) was the largest cost of profiling: perf showed ~25% of the 200k-row mixed benchmark
/// and ~30% of the 1M × 50 one in `_merge` / `stableSortImpl`.
/// Keys are the IEEE-754 bits flipped so that unsigned order equals numeric order (negative
/// numbers: all bits inverted; others: sign bit set). 11-bit digits, 6 passes; a pass whose digit
/// is the same for every key is skipped (the high bits of values in a narrow range).
public enum RadixSort {
    /// The present (non-NaN) values ascending.
    public static func sortedPresent(_ values: [Double]) -> [Double] {
        sortWithRows(values).sorted
    }

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
        let digitBits = 11
        let radix = 1 << digitBits
        let mask = UInt64(radix - 1)
        let passes = (64 + digitBits - 1) / digitBits
        // Every pass's digit counts from one read of the keys.
        var counts = [Int](repeating: 0, count: radix * passes)
        counts.withUnsafeMutableBufferPointer { counts in
            for key in keys {
                for pass in 0..<passes { counts[pass * radix + Int((key >> UInt64(pass * digitBits)) & mask)] += 1 }
            }
        }
        var keyBuffer = [UInt64](repeating: 0, count: n)
        var rowBuffer = [Int32](repeating: 0, count: n)
        for pass in 0..<passes {
            let shift = UInt64(pass * digitBits)
            var offsets = Array(counts[(pass * radix)..<((pass + 1) * radix)])
            if offsets.contains(n) { continue }
            var total = 0
            for digit in 0..<radix {
                let count = offsets[digit]
                offsets[digit] = total
                total += count
            }
            // Unchecked pointers in the scatter: with array bounds checks this loop was the largest
            // single cost of profiling the 100k × 50 file (perf: 14%).
            keys.withUnsafeBufferPointer { keys in
                rows.withUnsafeBufferPointer { rows in
                    keyBuffer.withUnsafeMutableBufferPointer { keyBuffer in
                        rowBuffer.withUnsafeMutableBufferPointer { rowBuffer in
                            offsets.withUnsafeMutableBufferPointer { offsets in
                                for i in 0..<n {
                                    let digit = Int((keys[i] >> shift) & mask)
                                    let slot = offsets[digit]
                                    keyBuffer[slot] = keys[i]
                                    rowBuffer[slot] = rows[i]
                                    offsets[digit] = slot + 1
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keyBuffer)
            swap(&rows, &rowBuffer)
        }
        let sorted = keys.map { key in
            Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
        }
        return (sorted, rows)
    }
}
