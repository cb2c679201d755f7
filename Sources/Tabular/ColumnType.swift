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
