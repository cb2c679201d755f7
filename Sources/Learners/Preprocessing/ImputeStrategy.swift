/// How missing values are filled.
public enum ImputeStrategy: Codable, Sendable, Equatable {
    case median
    case mean
    case mostFrequent
    /// A fixed label (label columns) or number (numeric columns, the text read as a number).
    case constant(String)

    public var title: String {
        switch self {
        case .median: "median"
        case .mean: "mean"
        case .mostFrequent: "most frequent"
        case .constant(let value): "constant '\(value)'"
        }
    }
}
