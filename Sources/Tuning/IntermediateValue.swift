import Foundation

/// A value a trial reported while running (a validation score after an epoch or boosting round).
public struct IntermediateValue: Codable, Sendable, Equatable {
    public var step: Int
    public var value: Double

    public init(step: Int, value: Double) {
        self.step = step
        self.value = value
    }
}
