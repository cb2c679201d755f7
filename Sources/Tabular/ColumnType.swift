/// The kind of values a column holds, as inferred from the file.
public enum ColumnType: String, Codable, Sendable, CaseIterable {
    /// Whole numbers, stored as `Double` (NaN = missing).
    case integer
    /// Decimal numbers, stored as `Double` (NaN = missing).
    case real
    /// Two values (0/1, true/false, yes/no, ...), stored as 0/1 `Double`; `Column.booleanLabels` keeps the text.
    case boolean
    /// A small set of repeated labels, dictionary encoded.
    case categorical
    /// Dates or date-times, stored as seconds since 1970-01-01 UTC.
    case datetime
    /// Free text (mostly distinct, several words), dictionary encoded.
    case text
    /// A key that names each row (all distinct), numbers or text; carries no signal for a model.
    case identifier
}

/// A recognized date layout; values are read as UTC.
public enum DateTimeFormat: String, Codable, Sendable, CaseIterable {
    case isoDate = "YYYY-MM-DD"
    case yearFirstSlash = "YYYY/MM/DD"
    case dayFirstDotted = "DD.MM.YYYY"
    case monthFirstSlash = "MM/DD/YYYY"
    case dayFirstSlash = "DD/MM/YYYY"
}

/// How a date-time column was written.
public struct DateTimeInfo: Codable, Sendable, Equatable {
    /// The date layout (an optional time of day may follow: `HH:MM[:SS[.fff]]`, `T` or space before it).
    public var format: DateTimeFormat
    /// Whether any value carries a time of day; false means dates only.
    public var hasTime: Bool
}

/// Why a column got its type, for reports ("whole numbers with only 0 and 1 -> boolean").
public struct TypeInference: Sendable, Equatable {
    /// One sentence a reader can check.
    public var reason: String
    /// For text columns: the share of non-missing values that are numbers (0 < share < 1 means mixed types).
    public var numericShare: Double?
    /// Marker words kept as categories in this column (see ``MissingMarkerPolicy``).
    public var markersKeptAsCategories: [String]
}
