/// A recognized date layout; values are read as UTC.
public enum DateTimeFormat: String, Codable, Sendable, CaseIterable {
    case isoDate = "YYYY-MM-DD"
    case yearFirstSlash = "YYYY/MM/DD"
    case dayFirstDotted = "DD.MM.YYYY"
    case monthFirstSlash = "MM/DD/YYYY"
    case dayFirstSlash = "DD/MM/YYYY"
}
