import Foundation
import Tabular

/// The terminal summary of a table's columns: one aligned line per column.
enum ColumnSummary {
    static func render(_ table: Table, file: String, delimiter: UInt8, seconds: Double, target: String?) -> String {
        let delimiterName = delimiter == UInt8(ascii: "\t") ? "tab" : String(UnicodeScalar(delimiter))
        var lines = [
            "\(file): \(table.rowCount) rows × \(table.columnCount) columns (delimiter '\(delimiterName)', read in \(String(format: "%.3f", seconds)) s)",
            "",
        ]
        let header = ["column", "type", "missing", "distinct", "why"]
        var rows: [[String]] = []
        for column in table.columns {
            let missing = column.missingCount
            let percent = table.rowCount == 0 ? 0 : 100 * Double(missing) / Double(table.rowCount)
            let name = column.name == target ? "\(column.name) (target)" : column.name
            rows.append([
                name, column.type.rawValue, missing == 0 ? "0" : String(format: "%d (%.1f%%)", missing, percent),
                String(distinctCount(column)), column.inference.reason,
            ])
        }
        let widths = header.indices.dropLast().map { i in max(header[i].count, rows.map { $0[i].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i < widths.count ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) : cell
            }.joined(separator: "  ")
        }
        lines.append(line(header))
        lines.append(contentsOf: rows.map(line))
        return lines.joined(separator: "\n")
    }

    static func distinctCount(_ column: Column) -> Int {
        if column.isNumeric {
            return Set(column.numbers.filter { !$0.isNaN }).count
        }
        return Set(column.codes.filter { $0 != Column.missingCode }).count
    }
}
