/// Least-significant-digit radix sort of doubles, with or without their row numbers: the
/// profiler's one sort per numeric column (quantiles, distinct values, Spearman ranks) and the
/// tree binner's sort.
///
/// Written by hand because the standard library's sort (a stable merge sort through a comparison
/// closure) was the largest cost of profiling: perf showed ~25% of the 200k-row mixed benchmark
/// and ~30% of the 1M × 50 one in `_merge` / `stableSortImpl`.
/// Keys are the IEEE-754 bits flipped so that unsigned order equals numeric order (negative
/// numbers: all bits inverted; others: sign bit set). 11-bit digits, 6 passes; a pass whose digit
/// is the same for every key is skipped (the high bits of values in a narrow range).
///
/// The scratch arrays live in a ``RadixSort/Workspace`` that a thread reuses from column to
/// column, and the loops run over unchecked pointers. Measured reason (1M × 50 profile, 2 threads):
/// with fresh arrays per column, the kernel's page clearing (`clear_page_erms`) was 11% of the
/// run on top of the sort's own 20%, and with array bounds checks the scatter loop alone was the
/// largest cost of profiling the 100k × 50 file (perf: 14%).
public enum RadixSort {
    /// The present (non-NaN) values ascending.
    public static func sortedPresent(_ values: [Double]) -> [Double] {
        let workspace = Workspace()
        let count = workspace.sort(values, keepingRows: false)
        return workspace.sortedValues(count)
    }

    static let digitBits = 11
    static let radix = 1 << digitBits
    static let passes = (64 + digitBits - 1) / digitBits

    /// Scratch memory for sorting columns one after another on one thread (not shareable).
    final class Workspace {
        /// After ``sort(_:keepingRows:)``: the sorted keys, and their rows when kept.
        private(set) var keys: UnsafeMutablePointer<UInt64>
        private(set) var rows: UnsafeMutablePointer<Int32>
        private var keyBuffer: UnsafeMutablePointer<UInt64>
        private var rowBuffer: UnsafeMutablePointer<Int32>
        private let counts: UnsafeMutablePointer<Int>
        private var capacity = 0

        init() {
            keys = .allocate(capacity: 1)
            rows = .allocate(capacity: 1)
            keyBuffer = .allocate(capacity: 1)
            rowBuffer = .allocate(capacity: 1)
            counts = .allocate(capacity: RadixSort.radix * RadixSort.passes)
        }

        deinit {
            keys.deallocate()
            rows.deallocate()
            keyBuffer.deallocate()
            rowBuffer.deallocate()
            counts.deallocate()
        }

        private func reserve(_ n: Int) {
            guard n > capacity else { return }
            for pointer in [keys, keyBuffer] { pointer.deallocate() }
            for pointer in [rows, rowBuffer] { pointer.deallocate() }
            keys = .allocate(capacity: n)
            keyBuffer = .allocate(capacity: n)
            rows = .allocate(capacity: n)
            rowBuffer = .allocate(capacity: n)
            capacity = n
        }

        /// Sorts the present values of `values` into ``keys`` (and their rows into ``rows`` when
        /// `keepingRows`); returns how many there are.
        func sort(_ values: [Double], keepingRows: Bool) -> Int {
            reserve(values.count)
            let radix = RadixSort.radix
            let passes = RadixSort.passes
            let digitBits = RadixSort.digitBits
            let mask = UInt64(radix - 1)
            counts.initialize(repeating: 0, count: radix * passes)
            var n = 0
            values.withUnsafeBufferPointer { values in
                for row in 0..<values.count {
                    let x = values[row]
                    if x.isNaN { continue }
                    let bits = x.bitPattern
                    let key = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
                    keys[n] = key
                    if keepingRows { rows[n] = Int32(truncatingIfNeeded: row) }
                    n += 1
                    // Every pass's digit counts from this one read of the keys.
                    for pass in 0..<passes { counts[pass * radix + Int((key >> UInt64(pass * digitBits)) & mask)] += 1 }
                }
            }
            for pass in 0..<passes {
                let offsets = counts + pass * radix
                var total = 0
                var oneDigit = false
                for digit in 0..<radix {
                    let count = offsets[digit]
                    if count == n { oneDigit = true; break }
                    offsets[digit] = total
                    total += count
                }
                if oneDigit { continue }
                let shift = UInt64(pass * digitBits)
                if keepingRows {
                    for i in 0..<n {
                        let key = keys[i]
                        let digit = Int((key >> shift) & mask)
                        let slot = offsets[digit]
                        keyBuffer[slot] = key
                        rowBuffer[slot] = rows[i]
                        offsets[digit] = slot + 1
                    }
                    swap(&rows, &rowBuffer)
                } else {
                    for i in 0..<n {
                        let key = keys[i]
                        let digit = Int((key >> shift) & mask)
                        let slot = offsets[digit]
                        keyBuffer[slot] = key
                        offsets[digit] = slot + 1
                    }
                }
                swap(&keys, &keyBuffer)
            }
            return n
        }

        /// The first `count` sorted keys as doubles.
        func sortedValues(_ count: Int) -> [Double] {
            [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count {
                    let key = keys[i]
                    buffer[i] = Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
                }
                initialized = count
            }
        }
    }
}
