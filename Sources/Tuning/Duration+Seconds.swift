extension Duration {
    /// The duration in seconds, as a Double (budgets, elapsed times and reports count in seconds).
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
