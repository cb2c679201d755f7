/// How a date-time column was written.
public struct DateTimeInfo: Codable, Sendable, Equatable {
    /// The date layout (an optional time of day may follow: `HH:MM[:SS[.fff]]`, `T` or space before it).
    public var format: DateTimeFormat
    /// Whether any value carries a time of day; false means dates only.
    public var hasTime: Bool
}
