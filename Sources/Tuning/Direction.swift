import Foundation

/// Whether a study seeks the smallest or the largest objective value.
public enum Direction: String, Codable, Sendable, CaseIterable {
    case minimize
    case maximize

    /// `value` turned into a loss (smaller is better).
    public func loss(_ value: Double) -> Double { self == .minimize ? value : -value }

    /// Whether `candidate` is strictly better than `incumbent`.
    public func isBetter(_ candidate: Double, than incumbent: Double) -> Bool {
        self == .minimize ? candidate < incumbent : candidate > incumbent
    }
}
