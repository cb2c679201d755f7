/// Values for some hyperparameters, by name: one trial's configuration.
public struct Assignment: Codable, Sendable, Hashable {
    public var values: [String: ParameterValue]

    public init(_ values: [String: ParameterValue] = [:]) {
        self.values = values
    }

    public subscript(name: String) -> ParameterValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The number named `name`, `fallback` when absent.
    /// - Throws: ``TuningError/wrongKind(parameter:value:expected:)`` for a label.
    public func real(_ name: String, default fallback: Double) throws(TuningError) -> Double {
        guard let value = values[name] else { return fallback }
        guard let number = value.number else { throw .wrongKind(parameter: name, value: value.description, expected: "a number") }
        return number
    }

    /// The whole number named `name`, `fallback` when absent.
    /// - Throws: ``TuningError/wrongKind(parameter:value:expected:)`` for a label or a fraction.
    public func integer(_ name: String, default fallback: Int) throws(TuningError) -> Int {
        guard let value = values[name] else { return fallback }
        switch value {
        case .integer(let number): return number
        case .real(let number) where number == number.rounded() && abs(number) < 1e15: return Int(number)
        default: throw .wrongKind(parameter: name, value: value.description, expected: "a whole number")
        }
    }

    /// The label named `name`, `fallback` when absent (numbers as written: `true`, `3`).
    public func label(_ name: String, default fallback: String) -> String {
        values[name]?.description ?? fallback
    }

    /// `name=value` pairs in name order, as reports print a configuration.
    public var summary: String {
        values.keys.sorted().map { "\($0)=\(values[$0]?.description ?? "")" }.joined(separator: ", ")
    }
}
