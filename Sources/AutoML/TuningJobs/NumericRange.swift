import Tuning

/// A numeric hyperparameter range as job files, SageMaker JSON and `--range` flags give it: checked
/// the same way everywhere, starting from the middle of its (scaled) range.
public enum NumericRange {
    /// Why bounds cannot make a range.
    public enum Problem: Error, Equatable {
        /// max ≤ min.
        case notIncreasing
        /// Logarithmic scaling with min ≤ 0.
        case logarithmicNeedsPositiveMinimum
    }

    /// The parameter `name` over `lower...upper` (whole numbers when `integer`), initial value at
    /// the middle of the scaled range.
    public static func parameter(_ name: String, lower: Double, upper: Double, integer: Bool, scaling: Scaling) throws(Problem) -> Parameter {
        guard lower < upper else { throw .notIncreasing }
        if scaling == .logarithmic, lower <= 0 { throw .logarithmicNeedsPositiveMinimum }
        let domain: Parameter.Domain =
            integer
            ? .integer(lower: Int(lower), upper: Int(upper), scaling: scaling)
            : .continuous(lower: lower, upper: upper, scaling: scaling)
        let start = Parameter(name, domain, initial: integer ? .integer(Int(lower)) : .real(lower))
        return Parameter(name, domain, initial: start.value(atUnit: 0.5))
    }
}
