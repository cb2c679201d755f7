/// Products of column-major blocks of memory the caller owns, through BLAS `dgemm`: for learners
/// that multiply tiles of a large matrix in place (rows of a column-major matrix are a block
/// with a leading dimension), where copying tiles into ``Matrix`` values would cost more than the
/// product saves.
public enum MatrixProduct {
    /// A column-major `rows × columns` block: element (i, j) at `base[i + j * leadingDimension]`.
    public struct Block {
        public let base: UnsafePointer<Double>
        public let rows: Int
        public let columns: Int
        public let leadingDimension: Int

        public init(_ base: UnsafePointer<Double>, rows: Int, columns: Int, leadingDimension: Int) {
            precondition(leadingDimension >= max(1, rows), "leading dimension below the row count")
            self.base = base
            self.rows = rows
            self.columns = columns
            self.leadingDimension = leadingDimension
        }
    }

    /// `C = alpha · op(A) · op(B) + beta · C`, with C column-major at `c` (leading dimension `ldc`).
    /// Shapes must agree (a programming error otherwise).
    public static func multiply(
        _ a: Block, transposingA: Bool = false, _ b: Block, transposingB: Bool = false,
        into c: UnsafeMutablePointer<Double>, ldc: Int, alpha: Double = 1, beta: Double = 0
    ) {
        let m = transposingA ? a.columns : a.rows
        let k = transposingA ? a.rows : a.columns
        let n = transposingB ? b.rows : b.columns
        precondition(k == (transposingB ? b.columns : b.rows), "inner dimensions of a matrix product differ")
        precondition(ldc >= max(1, m), "leading dimension of the product below its row count")
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for j in 0..<n { for i in 0..<m { c[i + j * ldc] *= beta } }
            return
        }
        LAPACK.gemm(
            transposeA: transposingA, transposeB: transposingB, m: m, n: n, k: k, alpha: alpha,
            a: a.base, lda: a.leadingDimension, b: b.base, ldb: b.leadingDimension, beta: beta, c: c, ldc: ldc)
    }

    /// The lower triangle (and diagonal) of `C = alpha · Aᵀ · A + beta · C`, through BLAS `dsyrk`
    /// (half the work of ``multiply(_:transposingA:_:transposingB:into:ldc:alpha:beta:)``); C is
    /// `a.columns × a.columns` at `c` with leading dimension `ldc`; its strict upper triangle is
    /// left as it was.
    public static func gramLower(_ a: Block, into c: UnsafeMutablePointer<Double>, ldc: Int, alpha: Double = 1, beta: Double = 0) {
        precondition(ldc >= max(1, a.columns), "leading dimension of the product below its row count")
        guard a.columns > 0 else { return }
        guard a.rows > 0 else {
            for j in 0..<a.columns { for i in j..<a.columns { c[i + j * ldc] *= beta } }
            return
        }
        LAPACK.syrkTransposed(n: a.columns, k: a.rows, alpha: alpha, a: a.base, lda: a.leadingDimension, beta: beta, c: c, ldc: ldc)
    }
}
