import Foundation

/// Mapping a numeric parameter to and from [0, 1] through its scaling.
///
/// Notation: a value `x` is warped to `t` (linear: `t = x`; logarithmic: `t = log x`; reverse
/// logarithmic: `t = −log(1 − x)`, SageMaker's scale that spreads the search near 1), and `t` is mapped
/// linearly onto [0, 1]. Whole numbers own the interval `[k − ½, k + ½]` so every value of the range
/// gets the same share of the unit interval; decoding rounds.
extension Parameter {
    /// The scaling used for this parameter (``Scaling/auto`` resolved); `nil` for categoricals.
    public var effectiveScaling: Scaling? {
        switch domain {
        case .continuous(let lower, let upper, let scaling): scaling.resolved(lower: lower, upper: upper)
        case .integer(let lower, let upper, let scaling): scaling.resolved(lower: Double(lower), upper: Double(upper))
        case .categorical: nil
        }
    }

    /// The numeric value as a point of [0, 1]; `nil` for categoricals or labels.
    public func unitValue(_ value: ParameterValue) -> Double? {
        guard let number = value.number, let (low, high) = warpedBounds, let scaling = effectiveScaling else { return nil }
        guard high > low else { return 0.5 }
        return min(1, max(0, (Self.warp(number, scaling) - low) / (high - low)))
    }

    /// The value at `unit` ∈ [0, 1] (clamped): a real, or a rounded whole number inside the range.
    /// Precondition: the parameter is numeric.
    public func value(atUnit unit: Double) -> ParameterValue {
        let u = min(1, max(0, unit.isFinite ? unit : 0.5))
        guard let (low, high) = warpedBounds, let scaling = effectiveScaling else {
            preconditionFailure("value(atUnit:) on categorical parameter '\(name)'")
        }
        let x = Self.unwarp(low + u * (high - low), scaling)
        switch domain {
        case .continuous(let lower, let upper, _):
            return .real(min(upper, max(lower, x)))
        case .integer(let lower, let upper, _):
            return .integer(min(upper, max(lower, Int(x.rounded()))))
        case .categorical:
            preconditionFailure("unreachable")
        }
    }

    /// The range in the warped scale (whole numbers widened by ½ on each side).
    var warpedBounds: (Double, Double)? {
        guard let scaling = effectiveScaling else { return nil }
        switch domain {
        case .continuous(let lower, let upper, _):
            return (Self.warp(lower, scaling), Self.warp(upper, scaling))
        case .integer(let lower, let upper, _):
            return (Self.warp(Double(lower) - 0.5, scaling), Self.warp(Double(upper) + 0.5, scaling))
        case .categorical:
            return nil
        }
    }

    static func warp(_ x: Double, _ scaling: Scaling) -> Double {
        switch scaling {
        case .logarithmic: log(x)
        case .reverseLogarithmic: -log(1 - x)
        case .linear, .auto: x
        }
    }

    static func unwarp(_ t: Double, _ scaling: Scaling) -> Double {
        switch scaling {
        case .logarithmic: exp(t)
        case .reverseLogarithmic: 1 - exp(-t)
        case .linear, .auto: t
        }
    }
}
