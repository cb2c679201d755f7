extension Duration {
    /// The duration in seconds, as a Double (budgets, elapsed times and reports count in seconds).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }

    /// The longest span any limit of a job can take: 100 years. Options refuse longer ones (see
    /// `TimeSpan`); conversions saturate at it, so no user value can trap an integer conversion.
    public static let longestSeconds = 100.0 * 365 * 86_400

    /// `seconds` as a duration, clamped to [0, ``longestSeconds``] (NaN counts as 0).
    public static func saturating(seconds: Double) -> Duration {
        let clamped = seconds.isNaN ? 0 : min(max(seconds, 0), longestSeconds)
        return .milliseconds(Int64(clamped * 1000))
    }
}
