import Testing

@testable import LinearAlgebra

@Suite struct MatrixTests {
    @Test func storesColumnMajorAndTransposes() {
        let a = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(a.values == [1, 4, 2, 5, 3, 6])
        #expect(a[1, 2] == 6)
        #expect(a.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
    }

    @Test func gemmMatchesHandComputedProduct() throws {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        let b = Matrix([[7, 8, 9], [10, 11, 12]])
        // Row 0: 1*7+2*10=27, 1*8+2*11=30, 1*9+2*12=33; row 1: 61 68 75; row 2: 95 106 117.
        #expect(try a.multiplied(by: b) == Matrix([[27, 30, 33], [61, 68, 75], [95, 106, 117]]))
        // AᵀA = [[1+9+25, 2+12+30], [.., 4+16+36]] = [[35, 44], [44, 56]].
        #expect(try a.multiplied(by: a, transposingSelf: true) == Matrix([[35, 44], [44, 56]]))
        // A Bᵀ with B = A: [[5, 11, 17], [11, 25, 39], [17, 39, 61]].
        #expect(try a.multiplied(by: a, transposingOther: true) == Matrix([[5, 11, 17], [11, 25, 39], [17, 39, 61]]))
    }

    @Test func gramMatchesTheGeneralProduct() throws {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        #expect(a.gram() == Matrix([[35, 44], [44, 56]]))
        let b = Matrix(rows: 7, columns: 4, columnMajor: (0..<28).map { Double(($0 * 37) % 11) - 5 })
        #expect(b.gram() == (try b.multiplied(by: b, transposingSelf: true)))
        #expect(Matrix(rows: 0, columns: 2).gram() == Matrix(rows: 2, columns: 2))
    }

    @Test func stridedBlocksMultiplyInPlace() {
        // Rows 1...2 of a 4 × 2 column-major matrix, times its own rows 0...1 transposed.
        let values: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        var product = [Double](repeating: 0, count: 4)
        values.withUnsafeBufferPointer { v in
            let base = v.baseAddress!
            product.withUnsafeMutableBufferPointer { c in
                MatrixProduct.multiply(
                    MatrixProduct.Block(base + 1, rows: 2, columns: 2, leadingDimension: 4),
                    MatrixProduct.Block(base, rows: 2, columns: 2, leadingDimension: 4), transposingB: true,
                    into: c.baseAddress!, ldc: 2)
            }
        }
        // [[2, 6], [3, 7]] · [[1, 5], [2, 6]]ᵀ = [[32, 40], [38, 48]], column-major.
        #expect(product == [32, 38, 40, 48])
    }

    @Test func gemvMatchesHandComputedProduct() throws {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        #expect(try a.multiplied(by: [1, -1]) == [-1, -1, -1])
        #expect(try a.multiplied(by: [1, 0, 2], transposingSelf: true) == [11, 14])
    }

    @Test func mismatchedShapesThrow() {
        let a = Matrix([[1, 2], [3, 4], [5, 6]])
        #expect(throws: LinearAlgebraError.dimensionMismatch(operation: "matrix product", left: "3×2", right: "3×2")) {
            try a.multiplied(by: a)
        }
        #expect(throws: LinearAlgebraError.self) { try a.multiplied(by: [1, 2, 3]) }
    }
}
