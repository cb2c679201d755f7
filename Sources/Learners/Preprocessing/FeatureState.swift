import Tabular

/// A column part-way through its steps: still labels, or already numeric features.
enum FeatureState: Sendable {
    /// One label per row (nil = missing), with the column's name, and features made on the way
    /// (a missing indicator) that follow the encoded labels.
    case labels(name: String, [String?], extras: [Feature])
    /// Numeric features, and features made on the way (missing indicators) that later numeric
    /// steps leave alone.
    case features([Feature], extras: [Feature])

    /// Everything the state will output, in order.
    var allFeatures: [Feature]? {
        if case .features(let features, let extras) = self { return features + extras }
        return nil
    }

    var rowCount: Int {
        switch self {
        case .labels(_, let values, _): values.count
        case .features(let features, let extras): (features.first ?? extras.first)?.values.count ?? 0
        }
    }
}
