import LinearAlgebra

/// Pearson r for every pair of numeric columns at once, each pair over the rows where both are present.
///
/// Each column is centred on its own mean; a missing cell becomes 0 and has 0 in the column's 0/1
/// presence mask m. Rows are copied in blocks into a column-major matrix X (rows × columns), and
/// every pair's sums grow block by block through BLAS: XᵀX gives Σxy for every pair (missing
/// cells add nothing). When some column has missing values, the block also has M (the masks) and
/// S (the squares), and MᵀM gives each pair's shared row count, XᵀM gives Σx over the rows where
/// y is present (Σ x m_y) and SᵀM gives Σx² likewise; then r = Sxy / √(Sxx Syy) with
/// Sxy = Σxy − ΣxΣy / n over the shared rows. For two complete columns Sxx is the diagonal of XᵀX.
/// Centring first keeps these one-pass sums accurate.
///
/// Measured reason for the blocks and for BLAS: one SIMD dot product per pair over whole columns
/// took 30% of profiling a 100k × 50 file; the blocked kernel that replaced it still spent ~0.35 s
/// of the 1M × 50 profile in its own dot products (the portable x86-64 target has no FMA or AVX),
/// where OpenBLAS picks the machine's widest kernels at run time.
enum PairwisePearson {
    /// A column the kernel reads, a range of rows at a time: stored values, or values worked out
    /// on demand (``RankColumn``).
    protocol Input {
        associatedtype Value: BinaryFloatingPoint
        /// Rows.
        var count: Int { get }
        /// Calls `body` with the values of `rows` (NaN = missing), first row first.
        func withValues(_ rows: Range<Int>, _ body: (UnsafeBufferPointer<Value>) -> Void)
        /// The mean and number of present values if known without reading the values.
        var knownSummary: (mean: Double, present: Int)? { get }
    }

    /// `r[i * p + j]` (nil: fewer than 2 shared rows or no spread) and the shared row count, for the
    /// p `columns` (NaN = missing, all of one length).
    static func matrix<Column: Input & Sendable>(_ columns: [Column], threads: Int) -> (r: [Double?], rows: [Int]) {
        let p = columns.count
        let n = columns.first?.count ?? 0
        guard p > 0 else { return ([], []) }
        let summaries = ParallelLoop.map(p, threads: threads) { ColumnSummary(columns[$0], blockRows: blockRows) }
        let block = Block(rows: max(1, min(n, blockRows)), columns: p, withMasks: summaries.contains { !$0.complete })
        var sums = PairSums(p, withMasks: block.withMasks)
        var start = 0
        while start < n {
            let rows = start..<min(n, start + block.capacity)
            ParallelLoop.forEach(p, threads: threads) { k in block.fill(k, from: columns[k], rows: rows, summary: summaries[k]) }
            sums.add(block, length: rows.count)
            start = rows.upperBound
        }
        return sums.correlations(summaries, rowCount: n)
    }

    /// Rows per block: 16384 rows × 50 columns × 8 bytes = 6.6 MB per matrix.
    static let blockRows = 16384

    /// A column's mean and present count.
    struct ColumnSummary: Sendable {
        var mean: Double
        var present: Int
        var complete: Bool

        /// The summary of `column`, read `blockRows` rows at a time.
        init<Column: Input>(_ column: Column, blockRows: Int) {
            if let (mean, present) = column.knownSummary {
                self.mean = mean
                self.present = present
                complete = present == column.count
                return
            }
            var sum = 0.0
            var count = 0
            var start = 0
            while start < column.count {
                let rows = start..<min(column.count, start + blockRows)
                column.withValues(rows) { values in
                    for x in values where !x.isNaN {
                        sum += Double(x)
                        count += 1
                    }
                }
                start = rows.upperBound
            }
            mean = count > 0 ? sum / Double(count) : 0
            present = count
            complete = count == column.count
        }
    }

    /// One block of rows of every column, column-major: centred values (missing = 0), and when
    /// `withMasks` the 0/1 presence masks and the squares. Columns are filled from several threads,
    /// each column by one.
    final class Block: @unchecked Sendable {
        let capacity: Int
        let columns: Int
        let withMasks: Bool
        let centred: UnsafeMutablePointer<Double>
        let masks: UnsafeMutablePointer<Double>
        let squares: UnsafeMutablePointer<Double>

        init(rows: Int, columns: Int, withMasks: Bool) {
            capacity = rows
            self.columns = columns
            self.withMasks = withMasks
            let size = withMasks ? rows * columns : 1
            centred = .allocate(capacity: rows * columns)
            centred.initialize(repeating: 0, count: rows * columns)
            masks = .allocate(capacity: size)
            masks.initialize(repeating: 1, count: size)
            squares = .allocate(capacity: size)
            squares.initialize(repeating: 0, count: size)
        }

        deinit {
            centred.deallocate()
            masks.deallocate()
            squares.deallocate()
        }

        func fill<Column: Input>(_ k: Int, from column: Column, rows: Range<Int>, summary: ColumnSummary) {
            let x = centred + k * capacity
            let mean = summary.mean
            column.withValues(rows) { source in
                for offset in 0..<rows.count {
                    let value = source[offset]
                    x[offset] = value.isNaN ? 0 : Double(value) - mean
                }
                guard withMasks else { return }
                let s = squares + k * capacity
                for offset in 0..<rows.count { s[offset] = x[offset] * x[offset] }
                // A complete column's mask stays all ones.
                guard !summary.complete else { return }
                let m = masks + k * capacity
                for offset in 0..<rows.count { m[offset] = source[offset].isNaN ? 0 : 1 }
            }
        }

        func matrix(_ base: UnsafeMutablePointer<Double>, rows: Int) -> MatrixProduct.Block {
            MatrixProduct.Block(base, rows: rows, columns: columns, leadingDimension: capacity)
        }
    }

    /// Running sums for every pair, p × p column-major: `xy` (lower triangle), and with masks
    /// `count` (lower triangle), `xMasked` (Σ xᵢ m_j at i + j·p) and `squaresMasked` (Σ xᵢ² m_j).
    struct PairSums {
        let p: Int
        var xy: [Double]
        var count: [Double]
        var xMasked: [Double]
        var squaresMasked: [Double]

        init(_ p: Int, withMasks: Bool) {
            self.p = p
            xy = [Double](repeating: 0, count: p * p)
            count = withMasks ? xy : []
            xMasked = count
            squaresMasked = count
        }

        mutating func add(_ block: Block, length: Int) {
            let x = block.matrix(block.centred, rows: length)
            let p = self.p
            xy.withUnsafeMutableBufferPointer { MatrixProduct.gramLower(x, into: $0.baseAddress!, ldc: p, beta: 1) }
            guard block.withMasks else { return }
            let m = block.matrix(block.masks, rows: length)
            let s = block.matrix(block.squares, rows: length)
            count.withUnsafeMutableBufferPointer { MatrixProduct.gramLower(m, into: $0.baseAddress!, ldc: p, beta: 1) }
            xMasked.withUnsafeMutableBufferPointer { MatrixProduct.multiply(x, transposingA: true, m, into: $0.baseAddress!, ldc: p, beta: 1) }
            squaresMasked.withUnsafeMutableBufferPointer { MatrixProduct.multiply(s, transposingA: true, m, into: $0.baseAddress!, ldc: p, beta: 1) }
        }

        func correlations(_ summaries: [ColumnSummary], rowCount: Int) -> (r: [Double?], rows: [Int]) {
            var r = [Double?](repeating: nil, count: p * p)
            var rows = [Int](repeating: 0, count: p * p)
            for i in 0..<p {
                for j in (i + 1)..<max(i + 1, p) {
                    let value: Double?
                    let shared: Int
                    let sxy = xy[j + i * p]
                    if summaries[i].complete, summaries[j].complete {
                        shared = rowCount
                        let denominator = (xy[i + i * p] * xy[j + j * p]).squareRoot()
                        value = shared >= 2 && denominator > 0 ? sxy / denominator : nil
                    } else {
                        let m = count[j + i * p]
                        shared = Int(m.rounded())
                        let sx = xMasked[i + j * p]
                        let sy = xMasked[j + i * p]
                        let sxx = squaresMasked[i + j * p] - sx * sx / max(m, 1)
                        let syy = squaresMasked[j + i * p] - sy * sy / max(m, 1)
                        let centredXY = sxy - sx * sy / max(m, 1)
                        value = shared >= 2 && sxx > 0 && syy > 0 ? centredXY / (sxx * syy).squareRoot() : nil
                    }
                    r[i * p + j] = value.map { max(-1, min(1, $0)) }
                    rows[i * p + j] = shared
                }
            }
            return (r, rows)
        }
    }
}

extension PairwisePearson {
    /// Stored values whose mean and present count may be known already (the column profile's).
    struct Summarized: Input, Sendable {
        var values: [Double]
        var knownSummary: (mean: Double, present: Int)?

        var count: Int { values.count }

        func withValues(_ rows: Range<Int>, _ body: (UnsafeBufferPointer<Double>) -> Void) {
            values.withValues(rows, body)
        }
    }
}

/// Stored values: a range of rows is a slice of the array.
extension Array: PairwisePearson.Input where Element: BinaryFloatingPoint {
    func withValues(_ rows: Range<Int>, _ body: (UnsafeBufferPointer<Element>) -> Void) {
        withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[rows])) }
    }

    var knownSummary: (mean: Double, present: Int)? { nil }
}
