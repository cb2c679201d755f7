/// The calendar fields of an instant (UTC, proleptic Gregorian), for reports and date features.
public struct CivilTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// 0 = Monday … 6 = Sunday (ISO 8601 order).
    public var weekday: Int
    public var hour: Int
    public var minute: Int
    public var second: Double

    /// The fields of `secondsSinceEpoch` (seconds since 1970-01-01 00:00:00 UTC).
    public init(secondsSinceEpoch value: Double) {
        let days = Int((value / 86_400).rounded(.down))
        (year, month, day) = DateTimeParser.civilFromDays(days)
        // 1970-01-01 was a Thursday (ISO weekday index 3).
        weekday = ((days % 7) + 7 + 3) % 7
        let secondsOfDay = value - Double(days) * 86_400
        hour = Int(secondsOfDay / 3600)
        minute = Int(secondsOfDay / 60) % 60
        second = secondsOfDay - Double(hour * 3600 + minute * 60)
    }
}
