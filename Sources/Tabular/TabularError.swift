import Foundation

/// What can go wrong reading or addressing tabular data. Every message says what happened, where,
/// and what to do about it.
public enum TabularError: Error, LocalizedError, Equatable, Sendable {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    case headerOnly(path: String, columns: Int)
    /// A record whose field count differs from the header's; `line` is 1-based.
    case raggedRow(path: String, line: Int, expected: Int, found: Int, excerpt: String)
    /// A quoted field still open at the end of the file; `line` is where the quote opened (1-based).
    case unterminatedQuote(path: String, line: Int)
    /// Bytes that are not UTF-8; `byteOffset` is 0-based from the start of the file, `line` 1-based.
    case invalidUTF8(path: String, byteOffset: Int, line: Int)
    /// A file in UTF-16 or UTF-32 (named by its byte-order mark or its zero bytes).
    case wideEncoding(path: String, encoding: String)
    case columnNotFound(name: String, closest: [String])
    case invalidDelimiter(String)
    case invalidSplit(reason: String)
    /// The problem type asked for cannot be learned from the target column.
    case problemTypeMismatch(target: String, requested: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file. Check the path (it is relative to the current directory)."
        case .unreadable(let path, let reason):
            return "\(path): cannot be read (\(reason)). Check that it is a regular file and that you may read it."
        case .emptyFile(let path):
            return "\(path): the file is empty. A CSV file needs a header row and at least one data row."
        case .headerOnly(let path, let columns):
            return
                "\(path): the file has a header row (\(columns) column\(columns == 1 ? "" : "s")) but no data rows. Add data rows below the header."
        case .raggedRow(let path, let line, let expected, let found, let excerpt):
            return "\(path):\(line): expected \(expected) field\(expected == 1 ? "" : "s") (as in the header) but found \(found): \"\(excerpt)\". "
                + "Quote fields that contain the delimiter, or pass --delimiter if the file uses another one."
        case .unterminatedQuote(let path, let line):
            return
                "\(path):\(line): a quoted field opened on this line is never closed. Close the quote, or double any quote inside a quoted field (\"\")."
        case .invalidUTF8(let path, let byteOffset, let line):
            return
                "\(path):\(line): byte offset \(byteOffset) is not valid UTF-8. Re-encode the file as UTF-8, e.g. `iconv -f latin1 -t utf-8 in.csv > out.csv`."
        case .wideEncoding(let path, let encoding):
            return "\(path) is encoded in \(encoding), not UTF-8. Re-encode it as UTF-8, e.g. `iconv -f \(encoding) -t UTF-8 in.csv > out.csv`."
        case .columnNotFound(let name, let closest):
            let hint = closest.isEmpty ? "" : " Did you mean " + closest.map { "'\($0)'" }.joined(separator: ", ") + "?"
            return "No column named '\(name)'.\(hint) Column names are case-sensitive."
        case .invalidDelimiter(let value):
            return "'\(value)' cannot be a delimiter: use one single-byte character such as ',', ';', '|' or 'tab', and not a quote, CR or LF."
        case .invalidSplit(let reason):
            return "Cannot split the rows: \(reason)"
        case .problemTypeMismatch(let target, let requested, let reason):
            return
                "The target '\(target)' cannot be treated as \(requested): \(reason). Leave out --problem-type to let it be inferred, or choose another target."
        }
    }
}
