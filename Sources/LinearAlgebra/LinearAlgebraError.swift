import Foundation

/// What can go wrong in dense linear algebra.
public enum LinearAlgebraError: Error, LocalizedError, Equatable, Sendable {
    /// Two operands whose shapes do not fit the operation.
    case dimensionMismatch(operation: String, left: String, right: String)
    /// Cholesky failed: the leading minor of order `minor` is not positive, even after adding
    /// `jitter` to the diagonal.
    case notPositiveDefinite(minor: Int, jitter: Double)
    /// A LAPACK routine reported an illegal argument or another failure.
    case lapackFailure(routine: String, info: Int)

    public var errorDescription: String? {
        switch self {
        case .dimensionMismatch(let operation, let left, let right):
            return "\(operation): shapes \(left) and \(right) do not fit; check the operands' dimensions."
        case .notPositiveDefinite(let minor, let jitter):
            let tried = jitter > 0 ? " even after adding \(jitter) to the diagonal" : ""
            return "The matrix is not positive definite (leading minor of order \(minor) is not positive)\(tried); "
                + "it is singular or not symmetric. Remove duplicate or constant inputs, or allow more jitter."
        case .lapackFailure(let routine, let info):
            return "LAPACK \(routine) failed with info = \(info) (argument \(-info) is invalid if negative); this is a bug in automl."
        }
    }
}
