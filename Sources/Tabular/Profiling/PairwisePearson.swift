/// Pearson r for every pair of numeric columns at once, each pair over the rows where both are present.
///
/// Each column is centred on its own mean. Rows are taken in blocks small enough for the centred
/// block of every column to stay in the L2 cache, and every pair's sums grow block by block, so each
/// column is read from memory once instead of once per pair. For a pair of complete columns only
/// Σxy is summed (Σx² is the column's own); a pair with missing values also sums, over the rows both
/// have, the count, Σx, Σy, Σx² and Σy² (missing cells are zero in x and in the 0/1 presence mask m:
/// count = Σ mₓm_y, Σx = Σ x m_y, Σx² = Σ x² m_y, ...), then r = Sxy / √(Sxx Syy) with
/// Sxy = Σxy − ΣxΣy / n. Centring first keeps these one-pass sums accurate.
///
/// Measured reason for the block kernel: one SIMD dot product per pair over whole columns, plus the
/// unit-vector copies it needed, took 30% of profiling a 100k × 50 file (a fresh 800 kB array per
/// column, and 1,225 pairs each reading two columns from memory).
enum PairwisePearson {
    /// `r[i * p + j]` (nil: fewer than 2 shared rows or no spread) and the shared row count, for the
    /// p `columns` (NaN = missing, all of one length).
    static func matrix(_ columns: [[Double]], threads: Int) -> (r: [Double?], rows: [Int]) {
        let p = columns.count
        let n = columns.first?.count ?? 0
        guard p > 0 else { return ([], []) }
        let summaries = ParallelLoop.map(p, threads: threads) { ColumnSummary(columns[$0]) }
        let blocks = (n + blockRows - 1) / blockRows
        let workers = max(1, min(threads, blocks))
        let partials = ParallelLoop.map(workers, threads: workers) { worker -> PairSums in
            var sums = PairSums(p)
            var scratch = Scratch(columns: p)
            var block = worker
            while block < blocks {
                let start = block * blockRows
                scratch.fill(columns, summaries, rows: start..<min(n, start + blockRows))
                sums.add(scratch, summaries)
                block += workers
            }
            return sums
        }
        var total = PairSums(p)
        for partial in partials { total.merge(partial) }
        return total.correlations(summaries, rowCount: n)
    }

    /// Rows per block: 512 rows × 50 columns × 3 arrays × 8 bytes = 600 kB, within a 1 MiB L2.
    static let blockRows = 512

    /// A column's mean, present count and centred sum of squares.
    struct ColumnSummary: Sendable {
        var mean: Double
        var present: Int
        var squares: Double
        var complete: Bool

        init(_ values: [Double]) {
            var sum = 0.0
            var count = 0
            for x in values where !x.isNaN {
                sum += x
                count += 1
            }
            mean = count > 0 ? sum / Double(count) : 0
            var squares = 0.0
            for x in values where !x.isNaN { squares += (x - mean) * (x - mean) }
            self.squares = squares
            present = count
            complete = count == values.count
        }
    }

    /// One block of every column, centred (missing = 0), with its 0/1 presence mask (all ones for a
    /// complete column) and, when some column has missing values, the squares.
    struct Scratch {
        var centred: [[Double]]
        var mask: [[Double]]
        var squares: [[Double]]
        var length = 0

        init(columns: Int) {
            centred = Array(repeating: [Double](repeating: 0, count: blockRows), count: columns)
            mask = Array(repeating: [Double](repeating: 1, count: blockRows), count: columns)
            squares = centred
        }

        mutating func fill(_ columns: [[Double]], _ summaries: [ColumnSummary], rows: Range<Int>) {
            length = rows.count
            let needsSquares = summaries.contains { !$0.complete }
            for k in columns.indices {
                let mean = summaries[k].mean
                let complete = summaries[k].complete
                columns[k].withUnsafeBufferPointer { source in
                    centred[k].withUnsafeMutableBufferPointer { x in
                        for (offset, row) in rows.enumerated() {
                            let value = source[row]
                            x[offset] = value.isNaN ? 0 : value - mean
                        }
                    }
                    if complete { return }
                    mask[k].withUnsafeMutableBufferPointer { m in
                        for (offset, row) in rows.enumerated() { m[offset] = source[row].isNaN ? 0 : 1 }
                    }
                }
                if !needsSquares { continue }
                centred[k].withUnsafeBufferPointer { x in
                    squares[k].withUnsafeMutableBufferPointer { s in
                        for offset in 0..<rows.count { s[offset] = x[offset] * x[offset] }
                    }
                }
            }
        }
    }

    /// Running sums for every pair (upper triangle, row-major p × p).
    struct PairSums: Sendable {
        let p: Int
        var xy: [Double]
        var count: [Double]
        var x: [Double]
        var y: [Double]
        var xx: [Double]
        var yy: [Double]

        init(_ p: Int) {
            self.p = p
            xy = [Double](repeating: 0, count: p * p)
            count = xy
            x = xy
            y = xy
            xx = xy
            yy = xy
        }

        mutating func add(_ scratch: Scratch, _ summaries: [ColumnSummary]) {
            let length = scratch.length
            for i in 0..<p {
                for j in (i + 1)..<max(i + 1, p) {
                    let k = i * p + j
                    xy[k] += dot(scratch.centred[i], scratch.centred[j], length)
                    if summaries[i].complete, summaries[j].complete { continue }
                    count[k] += dot(scratch.mask[i], scratch.mask[j], length)
                    x[k] += dot(scratch.centred[i], scratch.mask[j], length)
                    y[k] += dot(scratch.mask[i], scratch.centred[j], length)
                    xx[k] += dot(scratch.squares[i], scratch.mask[j], length)
                    yy[k] += dot(scratch.mask[i], scratch.squares[j], length)
                }
            }
        }

        mutating func merge(_ other: PairSums) {
            for k in xy.indices {
                xy[k] += other.xy[k]
                count[k] += other.count[k]
                x[k] += other.x[k]
                y[k] += other.y[k]
                xx[k] += other.xx[k]
                yy[k] += other.yy[k]
            }
        }

        func correlations(_ summaries: [ColumnSummary], rowCount: Int) -> (r: [Double?], rows: [Int]) {
            var r = [Double?](repeating: nil, count: p * p)
            var rows = [Int](repeating: 0, count: p * p)
            for i in 0..<p {
                for j in (i + 1)..<max(i + 1, p) {
                    let k = i * p + j
                    let value: Double?
                    let shared: Int
                    if summaries[i].complete, summaries[j].complete {
                        shared = rowCount
                        let denominator = (summaries[i].squares * summaries[j].squares).squareRoot()
                        value = shared >= 2 && denominator > 0 ? xy[k] / denominator : nil
                    } else {
                        let m = count[k]
                        shared = Int(m.rounded())
                        let sxx = xx[k] - x[k] * x[k] / max(m, 1)
                        let syy = yy[k] - y[k] * y[k] / max(m, 1)
                        let sxy = xy[k] - x[k] * y[k] / max(m, 1)
                        value = shared >= 2 && sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : nil
                    }
                    r[k] = value.map { max(-1, min(1, $0)) }
                    rows[k] = shared
                }
            }
            return (r, rows)
        }
    }
}

/// Σ aᵢbᵢ over the first `length` values, eight lanes at a time: floating-point sums do not
/// vectorize on their own. Not `addProduct`: without FMA in the baseline x86-64 target it calls
/// `fma()` per lane (perf: 6.5% of the 1M × 50 profile in `__fma_fma3`).
private func dot(_ a: [Double], _ b: [Double], _ length: Int) -> Double {
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            guard let baseA = pa.baseAddress, let baseB = pb.baseAddress else { return 0 }
            let rawA = UnsafeRawPointer(baseA)
            let rawB = UnsafeRawPointer(baseB)
            let stride = MemoryLayout<Double>.stride
            var lanes = SIMD8<Double>(repeating: 0)
            var i = 0
            while i + 8 <= length {
                lanes += rawA.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Double>.self)
                    * rawB.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Double>.self)
                i += 8
            }
            var sum = lanes.sum()
            while i < length {
                sum += pa[i] * pb[i]
                i += 1
            }
            return sum
        }
    }
}
