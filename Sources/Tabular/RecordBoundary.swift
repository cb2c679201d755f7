#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds where records end in a buffer that starts at a record boundary, so the file can be cut
/// into chunks that parse independently (a kernel: the only serial pass over the bytes).
enum RecordBoundary {
    /// Offset just past the last LF that lies outside quotes by quote parity, or nil.
    ///
    /// Fast: jumps between quote bytes with `memchr` and searches newlines with `memrchr`, so a
    /// file without quotes costs two vectorized scans. Parity is a guess: an unquoted field with a
    /// stray quote (`5'10"`) fools it. ``CSVReader`` verifies every cut by parsing (a chunk must end
    /// outside quotes) and falls back to ``precise(_:)`` when a guess was wrong.
    static func byQuoteParity(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        let count = bytes.count
        var last: Int? = nil
        var inQuotes = false
        var offset = 0
        while offset <= count {
            let quote = offset < count ? memchr(base + offset, Int32(UInt8(ascii: "\"")), count - offset) : nil
            let segmentEnd = quote.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? count
            if !inQuotes && segmentEnd > offset,
                let newline = lastNewline(base, from: offset, to: segmentEnd)
            {
                last = newline + 1
            }
            guard quote != nil else { break }
            inQuotes.toggle()
            offset = segmentEnd + 1
        }
        return last
    }

    /// The offset of the last LF in `base[from..<to]`, scanning backwards eight bytes at a time
    /// (glibc's `memrchr` is not visible to Swift: it needs `_GNU_SOURCE`).
    @inline(__always)
    static func lastNewline(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        let raw = UnsafeRawPointer(base)
        var end = to
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        while end - 8 >= from {
            let word = raw.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self) ^ newlines
            if (word &- ones) & ~word & highs != 0 { break }  // some byte of the word is LF
            end -= 8
        }
        var i = end - 1
        while i >= from {
            if base[i] == UInt8(ascii: "\n") { return i }
            i -= 1
        }
        return nil
    }

    /// Offset just past the last record that ends in this buffer, by running the tokenizer's own
    /// rules (a quote opens a field only at its start). Exact, and slower than parity.
    static func precise(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var cursor = FieldCursor(bytes, delimiter: delimiter)
        defer { cursor.release() }
        var last: Int? = nil
        while !cursor.atEnd {
            if cursor.skipBlankLine() {
                last = cursor.position - base
                continue
            }
            switch cursor.next().terminator {
            case .recordEnd: last = cursor.position - base
            case .delimiter: continue
            case .endOfInput, .openQuote: return last
            }
        }
        return last
    }
}
