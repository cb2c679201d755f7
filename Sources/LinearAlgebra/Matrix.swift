/// A dense matrix of `Double`, stored column-major (the order BLAS and LAPACK expect).
///
/// Element `(i, j)` lives at `values[i + j * rows]`.
public struct Matrix: Equatable, Sendable, CustomStringConvertible {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements in column-major order; `rows * columns` of them.
    public var values: [Double]

    /// A matrix with every element equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.values = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix over `values` given column by column.
    public init(rows: Int, columns: Int, columnMajor values: [Double]) {
        precondition(values.count == rows * columns, "expected \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix from a list of rows, as written on paper: `Matrix([[1, 2], [3, 4]])`.
    public init(_ rowList: [[Double]]) {
        let rowCount = rowList.count
        let columnCount = rowList.first?.count ?? 0
        precondition(rowList.allSatisfy { $0.count == columnCount }, "all rows must have the same length")
        var values = [Double](repeating: 0, count: rowCount * columnCount)
        for (i, row) in rowList.enumerated() {
            for (j, value) in row.enumerated() { values[i + j * rowCount] = value }
        }
        self.init(rows: rowCount, columns: columnCount, columnMajor: values)
    }

    /// The identity matrix of order `n`.
    public static func identity(_ n: Int) -> Matrix {
        var matrix = Matrix(rows: n, columns: n)
        for i in 0..<n { matrix[i, i] = 1 }
        return matrix
    }

    /// Element at row `i`, column `j`.
    public subscript(i: Int, j: Int) -> Double {
        get { values[i + j * rows] }
        set { values[i + j * rows] = newValue }
    }

    /// The transpose.
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { result.values[j + i * columns] = values[i + j * rows] }
        }
        return result
    }

    /// Shape as `rows×columns`, for messages.
    public var shape: String { "\(rows)×\(columns)" }

    public var description: String {
        (0..<rows).map { i in (0..<columns).map { j in "\(self[i, j])" }.joined(separator: " ") }
            .joined(separator: "\n")
    }
}
