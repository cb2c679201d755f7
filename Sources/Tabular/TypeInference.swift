/// Why a column got its type, for reports ("whole numbers with only 0 and 1 -> boolean").
public struct TypeInference: Sendable, Equatable {
    /// One sentence a reader can check.
    public var reason: String
    /// For text columns: the share of non-missing values that are numbers (0 < share < 1 means mixed types).
    public var numericShare: Double?
    /// Marker words kept as categories in this column (see ``MissingMarkerPolicy``).
    public var markersKeptAsCategories: [String]
}
