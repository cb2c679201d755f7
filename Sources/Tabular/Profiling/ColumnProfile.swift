import Foundation

/// What one column holds: its type and why, missing and distinct values, and its distribution.
public struct ColumnProfile: Codable, Sendable, Equatable {
    public var name: String
    public var type: ColumnType
    /// Why the column got its type, as one checkable sentence.
    public var reason: String
    /// Rows, missing included.
    public var count: Int
    public var missingCount: Int
    /// Distinct non-missing values.
    public var distinctCount: Int
    /// The most frequent values (text as written; dates ISO 8601; booleans by their labels).
    public var topValues: [ValueCount]
    /// Bytes the column takes in memory.
    public var memoryBytes: Int
    /// For text-stored columns: the share of values that are numbers (strictly between 0 and 1 means mixed types).
    public var numericShare: Double?
    /// Groups of labels that differ only in letter case or surrounding whitespace.
    public var inconsistentVariants: [[String]]
    /// For integer, real and numeric identifier columns.
    public var numeric: NumericStatistics?
    /// For free-text columns.
    public var text: TextStatistics?
    /// For date-time columns.
    public var dateTime: DateTimeStatistics?

    /// Share of rows missing, 0…1.
    public var missingFraction: Double { count == 0 ? 0 : Double(missingCount) / Double(count) }
    /// Non-missing rows.
    public var presentCount: Int { count - missingCount }
    /// Share of non-missing rows holding the most frequent value, 0…1.
    public var topShare: Double {
        guard let top = topValues.first, presentCount > 0 else { return 0 }
        return Double(top.count) / Double(presentCount)
    }

    /// Profiles `column`.
    /// - Complexity: O(n log n) for numeric columns (one sort), O(n + levels) for labels.
    public init(_ column: Column, topLimit: Int = 10) {
        self.init(column, topLimit: topLimit, sorted: nil)
    }

    /// Profiles `column`; `presorted` (its present values, ascending) saves the sort when known.
    init(_ column: Column, topLimit: Int = 10, sorted presorted: [Double]?) {
        name = column.name
        type = column.type
        reason = column.inference.reason
        count = column.count
        numericShare = column.inference.numericShare
        numeric = nil
        text = nil
        dateTime = nil
        inconsistentVariants = []
        switch column.storage {
        case .numeric:
            let values = column.numbers
            let sorted = presorted ?? RadixSort.sortedPresent(values)
            missingCount = values.count - sorted.count
            memoryBytes = values.count * MemoryLayout<Double>.stride
            // One pass over the sorted values keeps the distinct count and the `topLimit` longest
            // runs (most frequent first, smaller value first on ties); sorting every run was slow
            // for columns of a million distinct reals.
            var distinct = 0
            var top: [(value: Double, count: Int)] = []
            var start = 0
            while start < sorted.count {
                var end = start + 1
                while end < sorted.count, sorted[end] == sorted[start] { end += 1 }
                distinct += 1
                let run = (value: sorted[start], count: end - start)
                if top.count < topLimit || run.count > top[top.count - 1].count {
                    let position = top.firstIndex { run.count > $0.count } ?? top.count
                    top.insert(run, at: position)
                    if top.count > topLimit { top.removeLast() }
                }
                start = end
            }
            distinctCount = distinct
            topValues = top.map { ValueCount(value: Self.label(column, $0.value), count: $0.count) }
            guard !sorted.isEmpty else { break }
            switch column.type {
            case .datetime:
                dateTime = DateTimeStatistics(seconds: sorted, hasTime: column.dateTime?.hasTime ?? true)
            case .boolean:
                break
            default:
                numeric = NumericStatistics(sorted: sorted, integral: column.type == .integer || column.type == .identifier)
            }
        case .categorical(_, let levels):
            var counts = [Int](repeating: 0, count: levels.count)
            var missing = 0
            for code in column.codes {
                if code == Column.missingCode { missing += 1 } else { counts[Int(code)] += 1 }
            }
            missingCount = missing
            distinctCount = counts.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
            memoryBytes = column.count * MemoryLayout<UInt32>.stride + levels.reduce(0) { $0 + $1.utf8.count + 16 }
            topValues = ValueCount.top(zip(levels, counts).filter { $0.1 > 0 }.map { ($0.0, $0.1) }, limit: topLimit)
            inconsistentVariants = Self.variants(levels: levels, counts: counts)
            if column.type == .text { text = TextStatistics(levels: levels, counts: counts) }
        }
    }

    private static func label(_ column: Column, _ value: Double) -> String {
        if let labels = column.booleanLabels { return labels[value == 0 ? 0 : 1] }
        if let info = column.dateTime { return DateTimeParser.format(secondsSinceEpoch: value, withTime: info.hasTime) }
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Labels that collide once lowercased and trimmed, each group sorted, groups by first label.
    private static func variants(levels: [String], counts: [Int]) -> [[String]] {
        var groups: [String: [String]] = [:]
        for (level, count) in zip(levels, counts) where count > 0 {
            let key = level.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            groups[key, default: []].append(level)
        }
        return groups.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}
