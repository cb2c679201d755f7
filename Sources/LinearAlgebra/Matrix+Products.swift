/// Matrix products through BLAS (`dgemm`, `dgemv`).
extension Matrix {
    /// `op(self) * op(other)`, where `op` transposes when asked.
    ///
    /// - Complexity: O(m·n·k) flops in BLAS `dgemm`.
    public func multiplied(
        by other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false
    ) throws(LinearAlgebraError) -> Matrix {
        let m = transposingSelf ? columns : rows
        let k = transposingSelf ? rows : columns
        let otherK = transposingOther ? other.columns : other.rows
        let n = transposingOther ? other.rows : other.columns
        guard k == otherK else {
            throw .dimensionMismatch(
                operation: "matrix product", left: transposingSelf ? transposed.shape : shape,
                right: transposingOther ? other.transposed.shape : other.shape)
        }
        var result = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 { return result }
        if k == 0 { return result }
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                result.values.withUnsafeMutableBufferPointer { c in
                    LAPACK.gemm(
                        transposeA: transposingSelf, transposeB: transposingOther, m: m, n: n, k: k, alpha: 1,
                        a: a.baseAddress!, lda: max(1, rows), b: b.baseAddress!, ldb: max(1, other.rows),
                        beta: 0, c: c.baseAddress!, ldc: max(1, m))
                }
            }
        }
        return result
    }

    /// `selfᵀ * self`, the Gram matrix of the columns, through BLAS `dsyrk` (half the work of
    /// the general product: only one triangle is computed, then mirrored).
    ///
    /// - Complexity: O(rows·columns²/2) flops.
    public func gram() -> Matrix {
        var result = Matrix(rows: columns, columns: columns)
        guard rows > 0, columns > 0 else { return result }
        values.withUnsafeBufferPointer { a in
            result.values.withUnsafeMutableBufferPointer { c in
                if let a = a.baseAddress, let c = c.baseAddress {
                    LAPACK.syrkTransposed(n: columns, k: rows, alpha: 1, a: a, lda: rows, beta: 0, c: c, ldc: columns)
                }
            }
        }
        for j in 0..<columns {
            for i in 0..<j { result.values[i + j * columns] = result.values[j + i * columns] }
        }
        return result
    }

    /// `op(self) * vector`.
    ///
    /// - Complexity: O(rows·columns) in BLAS `dgemv`.
    public func multiplied(by vector: [Double], transposingSelf: Bool = false) throws(LinearAlgebraError) -> [Double] {
        let inputLength = transposingSelf ? rows : columns
        let outputLength = transposingSelf ? columns : rows
        guard vector.count == inputLength else {
            throw .dimensionMismatch(
                operation: "matrix-vector product", left: transposingSelf ? transposed.shape : shape,
                right: "\(vector.count)")
        }
        var result = [Double](repeating: 0, count: outputLength)
        if outputLength == 0 || inputLength == 0 { return result }
        values.withUnsafeBufferPointer { a in
            vector.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { y in
                    LAPACK.gemv(
                        transpose: transposingSelf, m: rows, n: columns, alpha: 1, a: a.baseAddress!,
                        lda: max(1, rows), x: x.baseAddress!, beta: 0, y: y.baseAddress!)
                }
            }
        }
        return result
    }
}
