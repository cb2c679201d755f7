import Tuning

extension Parameter {
    /// Which end of its numeric range a tuned `value` sits at (within 1% of it on the range's
    /// scale): "bottom" or "top", or nil when it is inside, categorical, or the starting value
    /// (which the search did not find). With `skippingNaturalLimits`, a bound of 0 or 1 (no
    /// penalty, the whole sample) does not count as an edge.
    func rangeEdge(of value: ParameterValue, skippingNaturalLimits: Bool) -> String? {
        guard value != initial, let unit = unitValue(value), unit <= 0.01 || unit >= 0.99 else { return nil }
        let bound: Double
        switch domain {
        case .continuous(let lower, let upper, _): bound = unit <= 0.01 ? lower : upper
        case .integer(let lower, let upper, _): bound = Double(unit <= 0.01 ? lower : upper)
        case .categorical: return nil
        }
        if skippingNaturalLimits, bound == 0 || bound == 1 { return nil }
        return unit <= 0.01 ? "bottom" : "top"
    }
}
