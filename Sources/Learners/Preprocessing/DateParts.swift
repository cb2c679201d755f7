import Tabular

/// Calendar parts of a date-time feature, for learners that cannot read seconds since 1970.
enum DateParts {
    /// `name_year`, `_month`, `_day`, `_weekday` (0 = Monday), `_hour` (with times) and
    /// `_elapsed_days` since `origin`; missing instants give NaN in every part.
    static func features(of feature: Feature, hasTime: Bool, origin: Double) -> [Feature] {
        let parts = ["year", "month", "day", "weekday"] + (hasTime ? ["hour"] : []) + ["elapsed_days"]
        var columns = [[Double]](repeating: [Double](repeating: .nan, count: feature.values.count), count: parts.count)
        for (row, seconds) in feature.values.enumerated() where !seconds.isNaN {
            let time = CivilTime(secondsSinceEpoch: seconds)
            var values = [Double(time.year), Double(time.month), Double(time.day), Double(time.weekday)]
            if hasTime { values.append(Double(time.hour)) }
            values.append((seconds - origin) / 86_400)
            for k in values.indices { columns[k][row] = values[k] }
        }
        return zip(parts, columns).map { Feature(name: "\(feature.name)_\($0)", values: $1) }
    }
}
