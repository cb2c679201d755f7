import COpenBLAS

/// The only place that calls into OpenBLAS's CBLAS and LAPACKE.
///
/// Every routine takes column-major storage (row-major LAPACKE copies the matrix on each call) and
/// turns LAPACK's `info` codes into ``LinearAlgebraError`` values. `lapack_int` is a C macro Swift
/// cannot see, so the integer arguments are `Int32`.
enum LAPACK {
    /// LAPACKE scans every input matrix for NaN before each call (2% of a Gaussian-process fit in a
    /// profile); callers here check finiteness themselves, so the scan is switched off once.
    static let skipNaNChecks: Void = LAPACKE_set_nancheck(0)

    /// `C = alpha * op(A) * op(B) + beta * C` (BLAS `dgemm`), all column-major.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(
            CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// The lower triangle of `C = alpha * Aᵀ * A + beta * C` (BLAS `dsyrk`), A `k × n` column-major.
    static func syrkTransposed(
        n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, Int32(n), Int32(k), alpha, a, Int32(lda), beta, c, Int32(ldc))
    }

    /// `y = alpha * op(A) * x + beta * y` (BLAS `dgemv`), column-major.
    static func gemv(
        transpose: Bool, m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>
    ) {
        cblas_dgemv(
            CblasColMajor, transpose ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha, a, Int32(lda),
            x, 1, beta, y, 1)
    }

    /// Lower Cholesky factor in place (`dpotrf`). Returns LAPACK's `info`: 0 on success, `k > 0` when
    /// the leading minor of order `k` is not positive definite.
    static func potrf(order n: Int, a: UnsafeMutablePointer<Double>, lda: Int) -> Int32 {
        skipNaNChecks
        return LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), a, Int32(lda))
    }

    /// `A⁻¹` from the lower Cholesky factor of `A`, in place (`dpotri`; lower triangle only).
    static func potri(order n: Int, a: UnsafeMutablePointer<Double>, lda: Int) -> Int32 {
        LAPACKE_dpotri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), a, Int32(lda))
    }

    /// Solves `A X = B` given the lower Cholesky factor of `A` (`dpotrs`); `B` is overwritten by `X`.
    static func potrs(
        order n: Int, rightHandSides: Int, factor: UnsafePointer<Double>, lda: Int,
        b: UnsafeMutablePointer<Double>, ldb: Int
    ) throws(LinearAlgebraError) {
        let info = LAPACKE_dpotrs(
            LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), Int32(rightHandSides), factor,
            Int32(lda), b, Int32(ldb))
        if info != 0 { throw .lapackFailure(routine: "dpotrs", info: Int(info)) }
    }

    /// Solves a triangular system with the lower factor (`dtrtrs`): `L X = B`, or `Lᵀ X = B`.
    static func trtrs(
        order n: Int, transpose: Bool, rightHandSides: Int, factor: UnsafePointer<Double>, lda: Int,
        b: UnsafeMutablePointer<Double>, ldb: Int
    ) throws(LinearAlgebraError) {
        let info = LAPACKE_dtrtrs(
            LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: transpose ? "T" : "N")),
            CChar(UInt8(ascii: "N")), Int32(n), Int32(rightHandSides), factor, Int32(lda), b, Int32(ldb))
        if info != 0 { throw .lapackFailure(routine: "dtrtrs", info: Int(info)) }
    }

    /// Sets how many threads OpenBLAS may use. Set it to 1 when trials already run in parallel:
    /// on these 2-core machines two BLAS threads per trial oversubscribe the cores.
    static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }
}
