import Tabular

/// Numeric features, one column per feature, NaN = missing: what learners fit on and predict from.
///
/// Stored column-major (feature j occupies `values[j * rowCount ..< (j + 1) * rowCount]`), the
/// layout of `Table` columns and of LAPACK.
public struct FeatureMatrix: Sendable {
    public let names: [String]
    public let rowCount: Int
    public let values: [Double]

    /// A matrix of `columns` (each `rowCount` long) named `names`.
    /// - Throws: ``LearnersError/shapeMismatch(what:expected:found:)`` when lengths disagree.
    public init(names: [String], columns: [[Double]]) throws(LearnersError) {
        guard names.count == columns.count else {
            throw .shapeMismatch(what: "feature names", expected: columns.count, found: names.count)
        }
        let rows = columns.first?.count ?? 0
        for column in columns where column.count != rows {
            throw .shapeMismatch(what: "feature column length", expected: rows, found: column.count)
        }
        self.names = names
        rowCount = rows
        values = Array(columns.joined())
    }

    init(names: [String], rowCount: Int, values: [Double]) {
        precondition(values.count == names.count * rowCount, "feature matrix shape")
        self.names = names
        self.rowCount = rowCount
        self.values = values
    }

    /// The numeric columns of `table` (after a ``FeaturePipeline``: every column numeric).
    /// - Throws: ``LearnersError/nonNumericFeature(name:type:)`` for a label column.
    public init(_ table: Table) throws(LearnersError) {
        var columns: [[Double]] = []
        for column in table.columns {
            guard column.isNumeric else { throw .nonNumericFeature(name: column.name, type: column.type.rawValue) }
            columns.append(column.numbers)
        }
        try self.init(names: table.columns.map(\.name), columns: columns)
    }

    public var columnCount: Int { names.count }

    /// Feature `j`'s values.
    public func column(_ j: Int) -> ArraySlice<Double> {
        values[(j * rowCount)..<((j + 1) * rowCount)]
    }

    /// Row `i`'s value of feature `j`.
    @inline(__always)
    public subscript(i: Int, j: Int) -> Double {
        values[j * rowCount + i]
    }

    /// The rows `indices`, in that order.
    public func selecting(rows indices: [Int]) -> FeatureMatrix {
        var selected = [Double]()
        selected.reserveCapacity(indices.count * columnCount)
        for j in 0..<columnCount {
            let base = j * rowCount
            for i in indices { selected.append(values[base + i]) }
        }
        return FeatureMatrix(names: names, rowCount: indices.count, values: selected)
    }

    /// The same features in the order of `expected`, which a model was trained on.
    /// - Throws: ``LearnersError/missingColumn(name:available:)`` for an absent feature.
    public func aligned(to expected: [String]) throws(LearnersError) -> FeatureMatrix {
        if names == expected { return self }
        var position: [String: Int] = [:]
        for (j, name) in names.enumerated() where position[name] == nil { position[name] = j }
        var result = [Double]()
        result.reserveCapacity(expected.count * rowCount)
        for name in expected {
            guard let j = position[name] else { throw .missingColumn(name: name, available: names) }
            result.append(contentsOf: column(j))
        }
        return FeatureMatrix(names: expected, rowCount: rowCount, values: result)
    }
}

extension FeatureMatrix {
    /// The first feature holding a NaN or infinite value, if any.
    public var firstNonFiniteFeature: String? {
        for j in 0..<columnCount where column(j).contains(where: { !$0.isFinite }) { return names[j] }
        return nil
    }
}
