/// Reads the first record of a file and turns header cells into unique column names.
enum HeaderRecord {
    /// The fields of the first non-blank record starting at `start`, the offset just past it, and
    /// the newlines it spans; nil when the record may continue beyond the bytes read so far.
    static func read(
        _ bytes: [UInt8], from start: Int, delimiter: UInt8, final: Bool, path: String
    ) throws(TabularError) -> (fields: [String], end: Int, newlines: Int)? {
        let outcome: Result<(fields: [String], end: Int, newlines: Int)?, TabularError> = bytes.withUnsafeBufferPointer { all in
            let buffer = UnsafeBufferPointer(rebasing: all[start...])
            var cursor = FieldCursor(buffer, delimiter: delimiter)
            defer { cursor.release() }
            while cursor.skipBlankLine() {}
            let recordStart = cursor.position - (buffer.baseAddress ?? cursor.position)
            var fields: [String] = []
            while true {
                let fieldLine = cursor.newlines + 1
                let field = cursor.next()
                let bytes = UnsafeBufferPointer(start: field.start, count: field.count)
                if case .openQuote(let line) = field.terminator {
                    return final ? .failure(.unterminatedQuote(path: path, line: line + 1)) : .success(nil)
                }
                if let bad = UTF8Validation.firstInvalidByte(bytes) {
                    let offset = start + (field.start - buffer.baseAddress!) + bad
                    return .failure(.invalidUTF8(path: path, byteOffset: offset, line: fieldLine))
                }
                fields.append(String(decoding: bytes, as: UTF8.self))
                switch field.terminator {
                case .delimiter: continue
                case .recordEnd:
                    return .success((fields, start + (cursor.position - buffer.baseAddress!), cursor.newlines))
                case .endOfInput:
                    if !final { return .success(nil) }
                    return .success(recordStart == buffer.count ? nil : (fields, start + buffer.count, cursor.newlines))
                case .openQuote: return .success(nil)
                }
            }
        }
        return try outcome.get()
    }

    /// Names for header cells: empty ones become `column_<n>`, repeats get `_2`, `_3`, ... .
    static func uniqueNames(_ cells: [String]) -> ([String], [TabularWarning]) {
        var used = Set(cells.filter { !$0.isEmpty })
        var seen: Set<String> = []
        var names: [String] = []
        var warnings: [TabularWarning] = []
        for (index, cell) in cells.enumerated() {
            if cell.isEmpty {
                var candidate = "column_\(index + 1)"
                var suffix = 2
                while used.contains(candidate) {
                    candidate = "column_\(index + 1)_\(suffix)"
                    suffix += 1
                }
                used.insert(candidate)
                names.append(candidate)
                warnings.append(.emptyColumnName(column: index + 1, renamedTo: candidate))
            } else if seen.contains(cell) {
                var suffix = 2
                var candidate = "\(cell)_\(suffix)"
                while used.contains(candidate) {
                    suffix += 1
                    candidate = "\(cell)_\(suffix)"
                }
                used.insert(candidate)
                names.append(candidate)
                warnings.append(.duplicateColumnName(column: index + 1, name: cell, renamedTo: candidate))
            } else {
                names.append(cell)
            }
            seen.insert(cell)
        }
        return (names, warnings)
    }
}
