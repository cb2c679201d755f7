import Foundation
import Learners
import Tabular
import Tuning

/// How candidates are scored: k-fold cross-validation (stratified for classification) on small
/// data, one holdout split on large data.
public enum EvaluationProtocol: Codable, Sendable, Equatable, CustomStringConvertible {
    case crossValidation(folds: Int)
    case holdout(fraction: Double)

    /// Rows up to which cross-validation is used: above it one fit per trial buys more trials in the
    /// same time, and a 20% holdout of over 2,000 rows already scores steadily.
    public static let crossValidationRowLimit = 10_000

    /// 5-fold cross-validation up to ``crossValidationRowLimit`` rows, else a 20% holdout.
    public static func choose(rows: Int) -> EvaluationProtocol {
        rows <= crossValidationRowLimit ? .crossValidation(folds: 5) : .holdout(fraction: 0.2)
    }

    public var description: String {
        switch self {
        case .crossValidation(let folds): "\(folds)-fold cross-validation"
        case .holdout(let fraction): "a \(Int((fraction * 100).rounded()))% holdout split"
        }
    }
}
