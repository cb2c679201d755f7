/// One hyperparameter's value: a real number, a whole number or a label.
///
/// In JSON a whole real number (3.0) reads back as an integer; readers take either where a number
/// is expected (``Assignment/real(_:)``), and numbers compare by value (`.real(3) == .integer(3)`),
/// so an assignment equals itself after a trip through the store.
public enum ParameterValue: Codable, Sendable, Hashable, CustomStringConvertible {
    case real(Double)
    case integer(Int)
    case label(String)

    /// The value as a number (integers widened); nil for labels.
    public var number: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        case .label: nil
        }
    }

    public static func == (left: ParameterValue, right: ParameterValue) -> Bool {
        switch (left, right) {
        case (.label(let a), .label(let b)): a == b
        case (.label, _), (_, .label): false
        default: left.number == right.number
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .label(let value): hasher.combine(value)
        case .real, .integer: hasher.combine(number)
        }
    }

    /// The value as written in configurations and reports.
    public var description: String {
        switch self {
        case .real(let value): "\(value)"
        case .integer(let value): "\(value)"
        case .label(let value): value
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .real(value)
        } else {
            self = .label(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .real(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .label(let value): try container.encode(value)
        }
    }
}
