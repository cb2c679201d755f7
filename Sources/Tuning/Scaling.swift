/// How a numeric range is searched, with SageMaker's meanings.
///
/// - `linear`: uniformly over the range.
/// - `logarithmic`: uniformly over log(value); the range must be positive.
/// - `reverseLogarithmic`: uniformly over −log(1 − value), which spreads the search near 1; the
///   range must lie in [0, 1).
/// - `auto`: the engine chooses (``resolved(lower:upper:)``).
public enum Scaling: String, Codable, Sendable, CaseIterable {
    case auto = "Auto"
    case linear = "Linear"
    case logarithmic = "Logarithmic"
    case reverseLogarithmic = "ReverseLogarithmic"

    /// The scaling used for `lower…upper`: `auto` becomes logarithmic for a positive range spanning
    /// at least two orders of magnitude, else linear.
    public func resolved(lower: Double, upper: Double) -> Scaling {
        guard self == .auto else { return self }
        return lower > 0 && upper / lower >= 100 ? .logarithmic : .linear
    }
}
