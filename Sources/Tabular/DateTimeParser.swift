/// Reads and writes calendar dates and times as seconds since 1970-01-01 00:00:00 UTC.
///
/// Civil-date arithmetic follows H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"
/// (`days_from_civil` / `civil_from_days`), proleptic Gregorian calendar.
public enum DateTimeParser {
    /// A parsed value and whether it carried a time of day.
    public struct Parsed: Equatable, Sendable {
        public var seconds: Double
        public var hasTime: Bool
    }

    /// Parses `text` in `format`: the date, then optionally `T` or a space and `HH:MM[:SS[.fff]]`,
    /// then optionally `Z` or an offset `±HH:MM` / `±HHMM` (converted to UTC).
    public static func parse(_ text: String, format: DateTimeFormat) -> Parsed? {
        var text = text
        return text.withUTF8 { parse($0, format: format) }
    }

    /// ISO 8601 (`YYYY-MM-DD`, optional time) straight from bytes, rejecting fast what cannot be one.
    @inline(__always)
    static func parseISO(_ b: UnsafeBufferPointer<UInt8>) -> Parsed? {
        guard b.count >= 8, b.count <= 40, b[4] == UInt8(ascii: "-"), b[0] &- 48 <= 9 else { return nil }
        return parse(b, format: .isoDate)
    }

    static func parse(_ b: UnsafeBufferPointer<UInt8>, format: DateTimeFormat) -> Parsed? {
        var i = 0
        func number(_ minDigits: Int, _ maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while i < b.count, digits < maxDigits, b[i] >= 48, b[i] <= 57 {
                value = value * 10 + Int(b[i] - 48)
                digits += 1
                i += 1
            }
            return digits >= minDigits ? value : nil
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }
        let dash = UInt8(ascii: "-")
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var year = 0
        var month = 0
        var day = 0
        switch format {
        case .isoDate, .yearFirstSlash:
            let separator = format == .isoDate ? dash : slash
            guard let y = number(4, 4), expect(separator), let m = number(1, 2), expect(separator), let d = number(1, 2) else { return nil }
            (year, month, day) = (y, m, d)
        case .dayFirstDotted:
            guard let d = number(1, 2), expect(dot), let m = number(1, 2), expect(dot), let y = number(4, 4) else { return nil }
            (year, month, day) = (y, m, d)
        case .monthFirstSlash:
            guard let m = number(1, 2), expect(slash), let d = number(1, 2), expect(slash), let y = number(4, 4) else { return nil }
            (year, month, day) = (y, m, d)
        case .dayFirstSlash:
            guard let d = number(1, 2), expect(slash), let m = number(1, 2), expect(slash), let y = number(4, 4) else { return nil }
            (year, month, day) = (y, m, d)
        }
        guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if i == b.count { return Parsed(seconds: seconds, hasTime: false) }
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = number(2, 2), expect(UInt8(ascii: ":")), let minute = number(2, 2), hour < 24, minute < 60 else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if expect(UInt8(ascii: ":")) {
            guard let second = number(2, 2), second <= 60 else { return nil }
            seconds += Double(second)
            if expect(dot) {
                var scale = 0.1
                var digits = 0
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    seconds += Double(b[i] - 48) * scale
                    scale /= 10
                    digits += 1
                    i += 1
                }
                if digits == 0 { return nil }
            }
        }
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") {
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == dash {
                let sign: Double = b[i] == dash ? -1 : 1
                i += 1
                guard let offsetHours = number(2, 2) else { return nil }
                _ = expect(UInt8(ascii: ":"))
                guard let offsetMinutes = number(2, 2), offsetHours < 24, offsetMinutes < 60 else { return nil }
                seconds -= sign * Double(offsetHours * 3600 + offsetMinutes * 60)
            }
        }
        return i == b.count ? Parsed(seconds: seconds, hasTime: true) : nil
    }

    /// ISO 8601 text: `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` when `withTime`.
    public static func format(secondsSinceEpoch value: Double, withTime: Bool) -> String {
        let days = Int((value / 86_400).rounded(.down))
        let (y, m, d) = civilFromDays(days)
        let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        guard withTime else { return date }
        let secondsOfDay = Int((value - Double(days) * 86_400).rounded(.down))
        return date + " \(pad(secondsOfDay / 3600, 2)):\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
