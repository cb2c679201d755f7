/// One named, typed column of a ``Table``.
///
/// Values are stored either as numbers (`[Double]`, NaN = missing: integer, real, boolean, datetime,
/// numeric identifiers) or dictionary encoded (`UInt32` codes into `levels`, ``missingCode`` =
/// missing: categorical, text, text identifiers). A column may view a subset of its storage's rows
/// (after ``Table/selecting(rows:)``) without copying it.
public struct Column: Sendable {
    /// Storage of a column's values.
    public enum Storage: Sendable {
        case numeric([Double])
        case categorical(codes: [UInt32], levels: [String])
    }

    /// Code of a missing value in categorical storage.
    public static let missingCode = UInt32.max

    public let name: String
    public let type: ColumnType
    public let inference: TypeInference
    public let storage: Storage
    /// For datetime columns: the layout the values were written in.
    public let dateTime: DateTimeInfo?
    /// For boolean columns: the text of false and of true, as written in the file.
    public let booleanLabels: [String]?
    /// Row `i` of this column is `storage` row `rowIndices[i]`; nil means all rows in order.
    let rowIndices: [Int]?

    public init(
        name: String, type: ColumnType, storage: Storage, inference: TypeInference? = nil,
        dateTime: DateTimeInfo? = nil, booleanLabels: [String]? = nil
    ) {
        self.name = name
        self.type = type
        self.storage = storage
        self.inference = inference ?? TypeInference(reason: "given", numericShare: nil, markersKeptAsCategories: [])
        self.dateTime = dateTime
        self.booleanLabels = booleanLabels
        self.rowIndices = nil
    }

    private init(_ base: Column, rowIndices: [Int]?) {
        name = base.name
        type = base.type
        inference = base.inference
        storage = base.storage
        dateTime = base.dateTime
        booleanLabels = base.booleanLabels
        self.rowIndices = rowIndices
    }

    /// A view of rows `indices` (positions in this column), sharing storage.
    public func selecting(rows indices: [Int]) -> Column {
        if let current = rowIndices { return Column(self, rowIndices: indices.map { current[$0] }) }
        return Column(self, rowIndices: indices)
    }

    private var storageCount: Int {
        switch storage {
        case .numeric(let values): return values.count
        case .categorical(let codes, _): return codes.count
        }
    }

    /// Number of rows.
    public var count: Int { rowIndices?.count ?? storageCount }

    /// Whether values are stored as numbers (integer, real, boolean, datetime, numeric identifier).
    public var isNumeric: Bool {
        if case .numeric = storage { return true }
        return false
    }

    /// The numbers of a numerically stored column, NaN for missing (copied only for a row view).
    public var numbers: [Double] {
        guard case .numeric(let values) = storage else {
            preconditionFailure("column '\(name)' is \(type.rawValue), not stored as numbers")
        }
        guard let rows = rowIndices else { return values }
        return rows.map { values[$0] }
    }

    /// The codes of a dictionary-encoded column, ``missingCode`` for missing.
    public var codes: [UInt32] {
        guard case .categorical(let codes, _) = storage else {
            preconditionFailure("column '\(name)' is \(type.rawValue), not dictionary encoded")
        }
        guard let rows = rowIndices else { return codes }
        return rows.map { codes[$0] }
    }

    /// The distinct labels of a dictionary-encoded column (empty for numeric storage).
    public var levels: [String] {
        if case .categorical(_, let levels) = storage { return levels }
        return []
    }

    /// Whether row `i` is missing.
    public func isMissing(at i: Int) -> Bool {
        let row = rowIndices?[i] ?? i
        switch storage {
        case .numeric(let values): return values[row].isNaN
        case .categorical(let codes, _): return codes[row] == Self.missingCode
        }
    }

    /// Number of missing values.
    public var missingCount: Int {
        switch storage {
        case .numeric(let values):
            guard let rows = rowIndices else { return values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) } }
            return rows.reduce(0) { $0 + (values[$1].isNaN ? 1 : 0) }
        case .categorical(let codes, _):
            guard let rows = rowIndices else { return codes.reduce(0) { $0 + ($1 == Self.missingCode ? 1 : 0) } }
            return rows.reduce(0) { $0 + (codes[$1] == Self.missingCode ? 1 : 0) }
        }
    }

    /// Row `i` as text for people (nil when missing): labels as written, dates as ISO 8601,
    /// whole numbers without a decimal point.
    public func text(at i: Int) -> String? {
        let row = rowIndices?[i] ?? i
        switch storage {
        case .categorical(let codes, let levels):
            let code = codes[row]
            return code == Self.missingCode ? nil : levels[Int(code)]
        case .numeric(let values):
            let value = values[row]
            if value.isNaN { return nil }
            if let labels = booleanLabels { return labels[value == 0 ? 0 : 1] }
            if let info = dateTime { return DateTimeParser.format(secondsSinceEpoch: value, withTime: info.hasTime) }
            if type == .integer || type == .identifier, value.magnitude < 1e15 { return String(Int64(value)) }
            return "\(value)"
        }
    }
}
