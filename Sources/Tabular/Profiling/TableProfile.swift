/// Everything the profiler learned about a table: per-column facts, duplicates, correlations and
/// the target. Codable: `profile.json` is this value.
public struct TableProfile: Codable, Sendable, Equatable {
    /// Version of this layout, raised when a field changes meaning.
    public var formatVersion = 1
    public var rowCount: Int
    public var columnCount: Int
    /// Bytes the parsed table takes in memory.
    public var memoryBytes: Int
    public var duplicates: Table.DuplicateRows
    public var columns: [ColumnProfile]
    public var correlations: Correlations
    public var target: TargetProfile?

    /// How many columns of each type, in ``ColumnType`` order: "2 integer, 1 real, 5 categorical".
    public var typeSummary: String {
        var counts: [ColumnType: Int] = [:]
        for column in columns { counts[column.type, default: 0] += 1 }
        return ColumnType.allCases.compactMap { type in counts[type].map { "\($0) \(type.rawValue)" } }.joined(separator: ", ")
    }

    /// The profile of the column called `name`.
    public func column(named name: String) -> ColumnProfile? {
        columns.first { $0.name == name }
    }
}
