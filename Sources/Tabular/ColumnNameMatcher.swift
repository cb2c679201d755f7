/// Suggests the column a user probably meant when a name does not match.
enum ColumnNameMatcher {
    /// Up to `limit` names ordered by case-insensitive edit distance to `name` (ties by position).
    static func closest(to name: String, among names: [String], limit: Int) -> [String] {
        let target = Array(name.lowercased())
        return names.enumerated()
            .map { (offset, candidate) in (distance(target, Array(candidate.lowercased())), offset, candidate) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            .prefix(limit)
            .map(\.2)
    }

    /// Levenshtein distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
