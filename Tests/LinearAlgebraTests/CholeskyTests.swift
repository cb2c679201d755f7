import Foundation
import Testing

@testable import LinearAlgebra

@Suite struct CholeskyTests {
    // A = [[4, 12, -16], [12, 37, -43], [-16, -43, 98]] has L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]].
    let a = Matrix([[4, 12, -16], [12, 37, -43], [-16, -43, 98]])

    @Test func factorsTheTextbookMatrix() throws {
        let cholesky = try Cholesky(a)
        #expect(cholesky.jitter == 0)
        #expect(cholesky.factor == Matrix([[2, 0, 0], [6, 1, 0], [-8, 5, 3]]))
        // det A = (2·1·3)² = 36.
        #expect(abs(cholesky.logDeterminant - log(36)) < 1e-12)
    }

    @Test func solvesAgainstHandComputedSolution() throws {
        let cholesky = try Cholesky(a)
        // x = [1, 2, 3] gives b = A x = [4+24-48, 12+74-129, -16-86+294] = [-20, -43, 192].
        let x = try cholesky.solve([-20, -43, 192])
        for (got, want) in zip(x, [1.0, 2, 3]) { #expect(abs(got - want) < 1e-10) }
        // L y = b with b = L [1, 1, 1] = [2, 7, 0].
        let y = try cholesky.solveLower(Matrix(rows: 3, columns: 1, columnMajor: [2, 7, 0]))
        for value in y.values { #expect(abs(value - 1) < 1e-12) }
    }

    @Test func indefiniteMatrixThrowsWithoutJitter() {
        let indefinite = Matrix([[1, 2], [2, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(minor: 2, jitter: 0)) {
            try Cholesky(indefinite, maxJitterTries: 0)
        }
        let error = LinearAlgebraError.notPositiveDefinite(minor: 2, jitter: 0)
        #expect(error.localizedDescription.contains("not positive definite"))
    }

    @Test func singularMatrixFactorsWithJitter() throws {
        // Two identical rows: positive semi-definite, singular; jitter makes it factor.
        let singular = Matrix([[1, 1], [1, 1]])
        let cholesky = try Cholesky(singular)
        #expect(cholesky.jitter > 0)
        let reconstructed = try cholesky.factor.multiplied(by: cholesky.factor, transposingOther: true)
        #expect(abs(reconstructed[0, 1] - 1) < 1e-6)
    }

    @Test func nonSquareThrows() {
        #expect(throws: LinearAlgebraError.self) { try Cholesky(Matrix(rows: 2, columns: 3)) }
    }

    @Test func nonFiniteInputThrowsInsteadOfLooping() {
        #expect(throws: LinearAlgebraError.self) { try Cholesky(Matrix([[Double.nan, 0], [0, 1]])) }
    }
}
