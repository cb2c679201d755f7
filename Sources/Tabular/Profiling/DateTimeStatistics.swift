/// Range and granularity of a date-time column's non-missing values.
public struct DateTimeStatistics: Codable, Sendable, Equatable {
    /// The finest unit the values vary in.
    public enum Granularity: String, Codable, Sendable {
        case year, month, day, hour, minute, second
    }

    /// Earliest and latest value, ISO 8601.
    public var earliest: String
    public var latest: String
    /// Days from earliest to latest.
    public var spanDays: Double
    public var granularity: Granularity
    /// Rows per year, oldest first (at most 50 years shown; the count covers all).
    public var rowsPerYear: [ValueCount]

    init(seconds sorted: [Double], hasTime: Bool) {
        precondition(!sorted.isEmpty, "statistics need at least one value")
        earliest = DateTimeParser.format(secondsSinceEpoch: sorted[0], withTime: hasTime)
        latest = DateTimeParser.format(secondsSinceEpoch: sorted[sorted.count - 1], withTime: hasTime)
        spanDays = (sorted[sorted.count - 1] - sorted[0]) / 86_400
        var finest = Granularity.year
        var years: [Int: Int] = [:]
        for value in sorted {
            let time = CivilTime(secondsSinceEpoch: value)
            years[time.year, default: 0] += 1
            let unit: Granularity
            if time.second != 0 {
                unit = .second
            } else if time.minute != 0 {
                unit = .minute
            } else if time.hour != 0 {
                unit = .hour
            } else if time.day != 1 {
                unit = .day
            } else if time.month != 1 {
                unit = .month
            } else {
                unit = .year
            }
            if Self.rank(unit) > Self.rank(finest) { finest = unit }
        }
        granularity = finest
        rowsPerYear = years.keys.sorted().prefix(50).map { ValueCount(value: String($0), count: years[$0] ?? 0) }
    }

    private static func rank(_ unit: Granularity) -> Int {
        switch unit {
        case .year: 0
        case .month: 1
        case .day: 2
        case .hour: 3
        case .minute: 4
        case .second: 5
        }
    }
}
