import Foundation

/// A problem in the input that was repaired rather than rejected; shown to the user.
public enum TabularWarning: Equatable, Sendable, CustomStringConvertible {
    /// A header cell was empty; the column got `renamedTo`. `column` is 1-based.
    case emptyColumnName(column: Int, renamedTo: String)
    /// A header name repeated an earlier one; the column got `renamedTo`. `column` is 1-based.
    case duplicateColumnName(column: Int, name: String, renamedTo: String)

    public var description: String {
        switch self {
        case .emptyColumnName(let column, let renamed):
            return "column \(column) has no name in the header; it is called '\(renamed)'"
        case .duplicateColumnName(let column, let name, let renamed):
            return "column \(column) repeats the name '\(name)'; it is called '\(renamed)'"
        }
    }
}
