/// The problem type of a target column, and the reason for it.
public struct ProblemTypeInference: Codable, Sendable, Equatable {
    /// nil when the column cannot be a target (a single value, or nothing but missing values).
    public var problemType: ProblemType?
    public var reason: String
    /// Whether the user chose the type rather than the rules.
    public var overridden: Bool

    /// Whole-number targets with at most this many distinct values are read as classes.
    public static let maximumIntegerClasses = 20

    /// Infers the problem type of `column` from its type and distinct values, or checks `requested`.
    /// - Throws: ``TabularError/problemTypeMismatch(target:requested:reason:)`` when `requested`
    ///   cannot apply (regression on labels, classes on a column with one value).
    public init(target column: Column, distinctCount distinct: Int, requested: ProblemType? = nil) throws(TabularError) {
        overridden = requested != nil
        let numeric = column.type == .integer || column.type == .real
        if let requested {
            switch requested {
            case .regression where !numeric:
                throw .problemTypeMismatch(
                    target: column.name, requested: "regression", reason: "it holds \(column.type.rawValue) values, not numbers")
            case .binary where distinct != 2:
                throw .problemTypeMismatch(
                    target: column.name, requested: "binary classification", reason: "it has \(distinct) distinct values, not 2")
            case .multiclass where distinct < 3:
                throw .problemTypeMismatch(
                    target: column.name, requested: "multiclass classification",
                    reason: "it has \(distinct) distinct value\(distinct == 1 ? "" : "s"), fewer than 3")
            default:
                problemType = requested
                reason = "chosen with --problem-type (\(column.type.rawValue) column with \(distinct) distinct values)"
                return
            }
        }
        if distinct < 2 {
            problemType = nil
            reason =
                distinct == 0
                ? "every target value is missing; there is nothing to learn" : "the target has a single value; there is nothing to predict"
            return
        }
        switch column.type {
        case .real:
            problemType = .regression
            reason = "numbers with decimals (\(distinct) distinct values) -> regression"
        case .integer where distinct == 2:
            problemType = .binary
            reason = "whole numbers with 2 distinct values -> binary"
        case .integer where distinct <= Self.maximumIntegerClasses:
            problemType = .multiclass
            reason =
                "whole numbers with \(distinct) distinct values (at most \(Self.maximumIntegerClasses)) -> multiclass; use --problem-type regression to predict them as numbers"
        case .integer:
            problemType = .regression
            reason = "whole numbers with \(distinct) distinct values (more than \(Self.maximumIntegerClasses)) -> regression"
        case .datetime:
            problemType = .regression
            reason = "dates (\(distinct) distinct values) -> regression on seconds since 1970"
        default:
            problemType = distinct == 2 ? .binary : .multiclass
            reason = "\(column.type.rawValue) values with \(distinct) distinct labels -> \(distinct == 2 ? "binary" : "multiclass")"
        }
    }
}
