import Foundation

/// One value found in a line of a script's output.
public struct MetricMatch: Sendable, Equatable {
    public var metric: String
    /// The step the regex captured (`step` group), nil when it has none.
    public var step: Int?
    /// The captured value; NaN or infinite when the script printed so, nil when the text is no number.
    public var value: Double?
    public var text: String

    public init(metric: String, step: Int?, value: Double?, text: String) {
        self.metric = metric
        self.step = step
        self.value = value
        self.text = text
    }
}
