import Foundation

/// The Cholesky factorization `A = L Lᵀ` of a symmetric positive-definite matrix, with solves and the
/// log-determinant.
///
/// Notation: `A` is n×n symmetric; `L` is lower triangular with a positive diagonal. When `A` is only
/// positive semi-definite in floating point (a Gaussian-process kernel matrix with near-duplicate
/// inputs), a growing multiple of the mean diagonal ("jitter") is added until `dpotrf` succeeds.
public struct Cholesky: Sendable {
    /// The lower-triangular factor `L` (the strict upper triangle is zero).
    public let factor: Matrix
    /// What was added to the diagonal of `A` before it factored (0 when nothing was needed).
    public let jitter: Double

    /// Factors `matrix`, retrying with jitter `maxJitterTries` times: each try adds
    /// `initialJitter · mean(diag A) · 10^t` to the diagonal.
    ///
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(minor:jitter:)`` when no try succeeds, and
    ///   ``LinearAlgebraError/dimensionMismatch(operation:left:right:)`` for a non-square matrix.
    /// - Complexity: O(n³/3) flops per try (LAPACK `dpotrf`).
    public init(_ matrix: Matrix, initialJitter: Double = 1e-10, maxJitterTries: Int = 6) throws(LinearAlgebraError) {
        guard matrix.rows == matrix.columns else {
            throw .dimensionMismatch(operation: "Cholesky", left: matrix.shape, right: "a square matrix")
        }
        let n = matrix.rows
        let meanDiagonal = n == 0 ? 1 : max((0..<n).reduce(0) { $0 + abs(matrix[$1, $1]) } / Double(n), .leastNormalMagnitude)
        var jitter = 0.0
        var lastMinor = 0
        for attempt in 0...max(0, maxJitterTries) {
            var work = matrix
            if attempt > 0 {
                jitter = initialJitter * meanDiagonal * pow(10, Double(attempt - 1))
                for i in 0..<n { work[i, i] += jitter }
            }
            if work.values.contains(where: { !$0.isFinite }) {
                throw .notPositiveDefinite(minor: 1, jitter: jitter)
            }
            let info =
                n == 0
                ? 0
                : work.values.withUnsafeMutableBufferPointer { buffer in
                    LAPACK.potrf(order: n, a: buffer.baseAddress!, lda: n)
                }
            if info == 0 {
                for j in 0..<n { for i in 0..<j { work[i, j] = 0 } }
                factor = work
                self.jitter = jitter
                return
            }
            if info < 0 { throw .lapackFailure(routine: "dpotrf", info: Int(info)) }
            lastMinor = Int(info)
            if maxJitterTries == 0 { break }
        }
        throw .notPositiveDefinite(minor: lastMinor, jitter: jitter)
    }

    /// Order of the factored matrix.
    public var order: Int { factor.rows }

    /// Solves `A x = b`.
    /// - Complexity: O(n²) (LAPACK `dpotrs`).
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).values
    }

    /// Solves `A X = B` for several right-hand sides at once.
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == order else {
            throw .dimensionMismatch(operation: "Cholesky solve", left: factor.shape, right: b.shape)
        }
        var x = b
        if order == 0 || b.columns == 0 { return x }
        try factor.values.withUnsafeBufferPointer { (l) throws(LinearAlgebraError) in
            try x.values.withUnsafeMutableBufferPointer { (xb) throws(LinearAlgebraError) in
                try LAPACK.potrs(
                    order: order, rightHandSides: b.columns, factor: l.baseAddress!, lda: order,
                    b: xb.baseAddress!, ldb: order)
            }
        }
        return x
    }

    /// Solves the triangular system `L y = b` (for predictive variances, `‖L⁻¹k‖²`).
    public func solveLower(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard b.rows == order else {
            throw .dimensionMismatch(operation: "triangular solve", left: factor.shape, right: b.shape)
        }
        var y = b
        if order == 0 || b.columns == 0 { return y }
        try factor.values.withUnsafeBufferPointer { (l) throws(LinearAlgebraError) in
            try y.values.withUnsafeMutableBufferPointer { (yb) throws(LinearAlgebraError) in
                try LAPACK.trtrs(
                    order: order, transpose: false, rightHandSides: b.columns, factor: l.baseAddress!,
                    lda: order, b: yb.baseAddress!, ldb: order)
            }
        }
        return y
    }

    /// `A⁻¹`, full and symmetric (Gaussian-process likelihood gradients need it whole).
    /// - Complexity: O(n³) (LAPACK `dpotri`).
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        var result = factor
        let n = order
        if n == 0 { return result }
        let info = result.values.withUnsafeMutableBufferPointer { buffer in
            LAPACK.potri(order: n, a: buffer.baseAddress!, lda: n)
        }
        if info != 0 { throw .lapackFailure(routine: "dpotri", info: Int(info)) }
        for j in 0..<n { for i in 0..<j { result[i, j] = result[j, i] } }
        return result
    }

    /// `log det A = 2 Σ log L_ii`.
    public var logDeterminant: Double {
        (0..<order).reduce(0) { $0 + 2 * log(factor[$1, $1]) }
    }
}
