import Tabular

/// One numeric feature: its output name and one value per row (NaN = missing).
public struct Feature: Sendable, Equatable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}
