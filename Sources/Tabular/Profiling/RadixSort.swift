/// Least-significant-digit radix sort of doubles, with or without their row numbers: the
/// profiler's one sort per numeric column (quantiles, distinct values, Spearman ranks) and the
/// tree binner's sort.
///
/// Written by hand because the standard library's sort (a stable merge sort through a comparison
/// closure) was the largest cost of profiling: perf showed ~25% of the 200k-row mixed benchmark
/// and ~30% of the 1M × 50 one in `_merge` / `stableSortImpl`.
/// Keys are the IEEE-754 bits flipped so that unsigned order equals numeric order (negative
/// numbers: all bits inverted; others: sign bit set). Digits of at most 11 bits; a pass whose digit
/// is the same for every key is skipped (the high bits of values in a narrow range).
///
/// With rows, each 64-bit word holds the value's key in single precision above its row number,
/// so a pass moves 8 bytes instead of a 12-byte key and row, and the 32 key bits take 3 passes.
/// Rounding to single precision keeps the order but merges values closer than about 2⁻²⁴
/// relative (and every value beyond its range); a final pass, which reads each value back through
/// its row, finds such runs that came out of order and sorts them exactly. Measured reasons: the
/// separate key and row arrays made the sort 19% of the 1M × 50 profile (perf), moving 144 MB per
/// column; 3 passes over single-precision keys instead of 4 over the double's top 44 bits took
/// 9.8–10.9 ms per column of that file against 12.4–14.1 ms (one thread, same output bit for bit).
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
        return workspace.sortedValues(workspace.sortKeys(values))
    }

    static let digitBits = 11
    static let radix = 1 << digitBits
    static let passes = (64 + digitBits - 1) / digitBits

    /// Scratch memory for sorting columns one after another on one thread (not shareable).
    final class Workspace {
        /// After ``sortKeys(_:)``: the sorted keys.
        private(set) var keys: UnsafeMutablePointer<UInt64>
        /// After ``sortWithRows(_:into:)``: the row of each sorted value.
        private(set) var rows: UnsafeMutablePointer<Int32>
        private var keyBuffer: UnsafeMutablePointer<UInt64>
        private let counts: UnsafeMutablePointer<Int>
        private var capacity = 0
        /// Scratch for columns whose ranks are counted instead (made on first use).
        private(set) lazy var counting = CountedRanks.Workspace()

        init() {
            keys = .allocate(capacity: 1)
            rows = .allocate(capacity: 1)
            keyBuffer = .allocate(capacity: 1)
            counts = .allocate(capacity: RadixSort.radix * RadixSort.passes)
        }

        deinit {
            keys.deallocate()
            rows.deallocate()
            keyBuffer.deallocate()
            counts.deallocate()
        }

        private func reserve(_ n: Int) {
            guard n > capacity else { return }
            keys.deallocate()
            keyBuffer.deallocate()
            rows.deallocate()
            keys = .allocate(capacity: n)
            keyBuffer = .allocate(capacity: n)
            rows = .allocate(capacity: n)
            capacity = n
        }

        /// The order-preserving key of a double (unsigned order of keys = numeric order).
        @inline(__always) static func key(_ x: Double) -> UInt64 {
            let bits = x.bitPattern
            return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        }

        /// Sorts the present values of `values` into ``keys``; returns how many there are.
        func sortKeys(_ values: [Double]) -> Int {
            reserve(values.count)
            var n = 0
            values.withUnsafeBufferPointer { values in
                for x in values where !x.isNaN {
                    keys[n] = Self.key(x)
                    n += 1
                }
            }
            radixSort(n, lowBit: 0)
            return n
        }

        /// The present values of `values` ascending, with their rows in ``rows``; `scale` is the
        /// column's ``DecimalScale`` if it has one (nil: keys in single precision).
        ///
        /// The array's storage is this workspace's and is reused by the next call (released
        /// copies cost nothing; one still held then is copied): a fresh array per column was
        /// page clearing in the kernel for every column.
        func sortWithRows(_ values: [Double], scale: DecimalScale?) -> [Double] {
            withSortedStorage(values.count) { sortWithRows(values, into: $0, scale: scale) }
        }

        /// The workspace's reused array of `count` slots for sorted values, trimmed to the number
        /// that `fill` writes and returns.
        func withSortedStorage(_ count: Int, _ fill: (UnsafeMutablePointer<Double>) -> Int) -> [Double] {
            if sorted.count < count {
                sorted.append(contentsOf: repeatElement(0, count: count - sorted.count))
            } else {
                sorted.removeLast(sorted.count - count)
            }
            let n = sorted.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress.map(fill) ?? 0
            }
            sorted.removeLast(sorted.count - n)
            return sorted
        }

        private var sorted: [Double] = []

        /// Sorts the present values of `values` ascending into `sorted`, and their rows into
        /// ``rows``; returns how many there are. Equal values keep their rows ascending.
        func sortWithRows(_ values: [Double], into sorted: UnsafeMutablePointer<Double>) -> Int {
            sortWithRows(values, into: sorted, scale: values.withUnsafeBufferPointer { DecimalScale($0, spanBits: 32) })
        }

        /// ``sortWithRows(_:into:)`` given the column's ``DecimalScale`` (nil: none).
        func sortWithRows(_ values: [Double], into sorted: UnsafeMutablePointer<Double>, scale: DecimalScale?) -> Int {
            let count = values.count
            precondition(count <= Int(Int32.max), "a column longer than 2³¹ − 1 rows")
            reserve(count)
            if let scale, let n = sortDecimalsWithRows(values, into: sorted, scale: scale) { return n }
            var n = 0
            values.withUnsafeBufferPointer { values in
                for row in 0..<count {
                    let x = values[row]
                    if x.isNaN { continue }
                    // Rounding to single precision never reverses an order, only merges values.
                    let bits = Float(x).bitPattern
                    let key = bits & (1 << 31) != 0 ? ~bits : bits | (1 << 31)
                    keys[n] = UInt64(key) << 32 | UInt64(row)
                    n += 1
                }
            }
            radixSort(n, lowBit: 32)
            var previous = -Double.infinity
            var ordered = true
            values.withUnsafeBufferPointer { values in
                for i in 0..<n {
                    let row = Int(keys[i] & 0xFFFF_FFFF)
                    let x = values[row]
                    sorted[i] = x
                    rows[i] = Int32(truncatingIfNeeded: row)
                    if x < previous { ordered = false }
                    previous = x
                }
            }
            if !ordered { sortRunsSharingKeys(n, sorted: sorted) }
            return n
        }

        /// ``sortWithRows(_:into:)`` for a column of decimals (``DecimalScale``): each 64-bit word
        /// holds the value's exact key (``DecimalScale/key(_:)``) above its row number. The
        /// keys are exact, so the sorted values come from the keys themselves; nil (nothing
        /// written) if some value is not exact at the scale.
        ///
        /// Measured reason: perf put 84% of the single-precision sort's samples in the 1M × 50
        /// profile on reading each value back through its row (random reads of an 8 MB column);
        /// here the values are rebuilt from the sorted keys in order, and no run needs fixing.
        /// The 16 columns of that file too wide to count (one thread, best of 5): 176 ms in all,
        /// against 214 ms on single-precision keys; all 50 columns sorted: 427 ms against 558 ms.
        private func sortDecimalsWithRows(_ values: [Double], into sorted: UnsafeMutablePointer<Double>, scale: DecimalScale) -> Int? {
            guard (scale.span + 1) >> 32 == 0 else { return nil }  // keys must fit in 32 bits
            return values.withUnsafeBufferPointer { values -> Int? in
                var n = 0
                for row in 0..<values.count {
                    let x = values[row]
                    if x.isNaN { continue }
                    guard let key = scale.key(x) else { return nil }
                    keys[n] = key << 32 | UInt64(row)
                    n += 1
                }
                radixSort(n, lowBit: 32)
                for i in 0..<n {
                    let key = keys[i]
                    sorted[i] = scale.value(key: key >> 32)
                    rows[i] = Int32(truncatingIfNeeded: key)
                }
                return n
            }
        }

        /// Sorts exactly, by value and then row, each run of values that share a single-precision
        /// key and are out of order.
        private func sortRunsSharingKeys(_ n: Int, sorted: UnsafeMutablePointer<Double>) {
            var start = 0
            while start < n {
                let key = keys[start] >> 32
                var end = start + 1
                var ordered = true
                while end < n, keys[end] >> 32 == key {
                    if sorted[end] < sorted[end - 1] { ordered = false }
                    end += 1
                }
                if !ordered && end - start <= 32 {
                    // Insertion sort: short runs (a few values a single-precision step apart).
                    for i in (start + 1)..<end {
                        let value = sorted[i]
                        let row = rows[i]
                        var j = i
                        while j > start, sorted[j - 1] > value || (sorted[j - 1] == value && rows[j - 1] > row) {
                            sorted[j] = sorted[j - 1]
                            rows[j] = rows[j - 1]
                            j -= 1
                        }
                        sorted[j] = value
                        rows[j] = row
                    }
                } else if !ordered {
                    var run = (start..<end).map { (value: sorted[$0], row: rows[$0]) }
                    run.sort { $0.value != $1.value ? $0.value < $1.value : $0.row < $1.row }
                    for (offset, entry) in run.enumerated() {
                        sorted[start + offset] = entry.value
                        rows[start + offset] = entry.row
                    }
                }
                start = end
            }
        }

        /// Sorts the first `n` ``keys`` by their bits from `lowBit` up (stable).
        private func radixSort(_ n: Int, lowBit: Int) {
            let keyBits = UInt64.bitWidth - lowBit
            let passes = (keyBits + RadixSort.digitBits - 1) / RadixSort.digitBits
            // Constant digit width: a width computed per call made the count and scatter loops
            // ~40% slower (measured on 1M doubles).
            let digitBits = RadixSort.digitBits
            let radix = RadixSort.radix
            let mask = UInt64(radix - 1)
            counts.initialize(repeating: 0, count: radix * passes)
            // Every pass's digit counts from one read of the keys.
            for i in 0..<n {
                let key = keys[i]
                for pass in 0..<passes { counts[pass * radix + Int((key >> UInt64(lowBit + pass * digitBits)) & mask)] += 1 }
            }
            for pass in 0..<passes {
                let offsets = counts + pass * radix
                var total = 0
                var oneDigit = false
                for digit in 0..<radix {
                    let count = offsets[digit]
                    if count == n {
                        oneDigit = true
                        break
                    }
                    offsets[digit] = total
                    total += count
                }
                if oneDigit { continue }
                let shift = UInt64(lowBit + pass * digitBits)
                for i in 0..<n {
                    let key = keys[i]
                    let digit = Int((key >> shift) & mask)
                    let slot = offsets[digit]
                    keyBuffer[slot] = key
                    offsets[digit] = slot + 1
                }
                swap(&keys, &keyBuffer)
            }
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
