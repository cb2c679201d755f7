/// A table of named, typed columns of equal length: the data every later stage works on.
public struct Table: Sendable {
    public let columns: [Column]
    public let rowCount: Int
    private let indexByName: [String: Int]

    /// A table over `columns`, which must have equal lengths and distinct names.
    public init(columns: [Column]) {
        let count = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == count }, "columns must have equal lengths")
        var index: [String: Int] = [:]
        for (i, column) in columns.enumerated() {
            precondition(index[column.name] == nil, "duplicate column name '\(column.name)'")
            index[column.name] = i
        }
        self.columns = columns
        self.rowCount = count
        self.indexByName = index
    }

    public var columnCount: Int { columns.count }
    public var columnNames: [String] { columns.map(\.name) }

    /// Position of the column called `name`, if any.
    public func columnIndex(named name: String) -> Int? { indexByName[name] }

    /// The column called `name`.
    /// - Throws: ``TabularError/columnNotFound(name:closest:)`` naming the three closest names.
    public func column(named name: String) throws(TabularError) -> Column {
        guard let index = indexByName[name] else {
            throw .columnNotFound(name: name, closest: ColumnNameMatcher.closest(to: name, among: columnNames, limit: 3))
        }
        return columns[index]
    }

    /// A view of rows `indices` (in that order; repeats allowed), sharing column storage.
    public func selecting(rows indices: [Int]) -> Table {
        Table(columns: columns.map { $0.selecting(rows: indices) })
    }

    /// The columns called `names`, in that order.
    public func selecting(columns names: [String]) throws(TabularError) -> Table {
        var selected: [Column] = []
        for name in names { selected.append(try column(named: name)) }
        return Table(columns: selected)
    }

    /// The table without the columns called `names` (names not present are ignored).
    public func removing(columns names: Set<String>) -> Table {
        Table(columns: columns.filter { !names.contains($0.name) })
    }
}
