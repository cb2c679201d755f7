#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses one chunk of records into typed per-column values.
enum ChunkParser {
    /// - Parameters:
    ///   - textColumns: columns already known to be text; the rest start as numbers.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, columnCount: Int, delimiter: UInt8, textColumns: [Bool],
        markers: MissingMarkers
    ) -> ChunkResult {
        if !textColumns.contains(true),
            let numbers = PlainNumberChunk.parse(bytes, columnCount: columnCount, delimiter: delimiter, markers: markers)
        {
            return numbers
        }
        return parseGeneral(bytes, columnCount: columnCount, delimiter: delimiter, textColumns: textColumns, markers: markers)
    }

    /// ``parse(_:columnCount:delimiter:textColumns:markers:)`` without the fast path for plain numeric chunks.
    static func parseGeneral(
        _ bytes: UnsafeBufferPointer<UInt8>, columnCount: Int, delimiter: UInt8, textColumns: [Bool],
        markers: MissingMarkers
    ) -> ChunkResult {
        if let bad = UTF8Validation.firstInvalidByte(bytes) {
            let line = countNewlines(UnsafeBufferPointer(rebasing: bytes[0..<bad]))
            return ChunkResult(columns: [], outcome: .invalidUTF8(offset: bad, line: line))
        }
        let capacity = countNewlines(bytes) + 1
        var result = ChunkResult(columns: (0..<columnCount).map { ChunkColumn(isText: textColumns[$0], reserving: capacity) })
        var cursor = FieldCursor(bytes, delimiter: delimiter)
        defer { cursor.release() }
        result.columns.withUnsafeMutableBufferPointer { columns in
            records: while !cursor.atEnd {
                if cursor.skipBlankLine() { continue }
                let recordLine = cursor.newlines
                let recordStart = cursor.position
                var field = 0
                while true {
                    if field < columnCount, columns[field].kind == .numbers, !markers.hasNumericMarkers,
                        let (number, terminator) = cursor.nextNumber()
                    {
                        columns[field].appendNumber(number.value, integral: number.integral)
                        field += 1
                        if case .delimiter = terminator { continue }
                        break
                    }
                    let value = cursor.next()
                    if case .openQuote(let openedOnLine) = value.terminator {
                        result.outcome = .openQuote(line: openedOnLine)
                        break records
                    }
                    if field < columnCount { columns[field].append(value.start, value.count, markers: markers) }
                    field += 1
                    if case .delimiter = value.terminator { continue }
                    break
                }
                if field != columnCount {
                    result.outcome = .ragged(line: recordLine, found: field, excerpt: excerpt(from: recordStart, end: bytes))
                    break records
                }
                result.rows += 1
            }
        }
        result.newlines = cursor.newlines
        if result.outcome == .complete, result.columns.contains(where: \.becameText) {
            // Parse again with those columns as text from the first row, so no earlier field's text is lost.
            let nowText = (0..<columnCount).map { textColumns[$0] || result.columns[$0].becameText }
            return parseGeneral(bytes, columnCount: columnCount, delimiter: delimiter, textColumns: nowText, markers: markers)
        }
        return result
    }

    /// The first 80 characters of the line starting at `start`.
    static func excerpt(from start: UnsafePointer<UInt8>, end bytes: UnsafeBufferPointer<UInt8>) -> String {
        let limit = bytes.baseAddress! + bytes.count
        var p = start
        while p < limit && p.pointee != UInt8(ascii: "\n") && p.pointee != UInt8(ascii: "\r") { p += 1 }
        let text = String(decoding: UnsafeBufferPointer(start: start, count: p - start), as: UTF8.self)
        return text.count > 80 ? String(text.prefix(80)) + "…" : text
    }

    /// Number of LF bytes, with `memchr` (vectorized in glibc).
    static func countNewlines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var p = UnsafeRawPointer(base)
        let end = UnsafeRawPointer(base + bytes.count)
        while p < end, let hit = memchr(p, Int32(UInt8(ascii: "\n")), end - p) {
            count += 1
            p = UnsafeRawPointer(hit) + 1
        }
        return count
    }
}
