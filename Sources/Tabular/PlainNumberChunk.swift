/// The fast path of ``ChunkParser`` for the commonest chunk of a numeric file: every column holds
/// numbers, and every field is a plain decimal (`-12.345`), another number ``NumberParser``
/// reads, empty, or a missing-value marker.
///
/// Anything else (a quote, surrounding spaces, a date, text, a ragged record) makes ``parse``
/// return nil, and the chunk goes through the general tokenizer, which gives the same values and
/// the exact errors for every input. Every byte of an accepted chunk belongs to a number, a marker
/// (a Swift string) or a separator, so the chunk is valid UTF-8 without a separate check.
///
/// Two ideas:
/// - Field ends come from a bit mask of the delimiter and newline bytes, 64 bytes at a time
///   (SWAR: eight 8-byte words, each compared as a whole), so the next field's start is a
///   trailing-zero count away instead of at the end of a byte loop.
/// - A decimal with at most 7 digits before the point and 8 after it is read from two 8-byte
///   words (the digits before the point, then those after it) with the multiply-and-add steps of
///   ``NumberParser/readDigits(_:_:into:)``: no loop, and no step waits for the previous field.
/// Values are rounded exactly as ``NumberParser`` rounds them (Clinger's fast path: one correctly
/// rounded division of an integer below 2^53 by an exact power of ten).
///
/// Measured reason (the first 80 MB of the 1M × 50 file, one thread, release build, best of 7 in
/// separate processes with malloc's trimming off to steady the timing): 135–139 ms against
/// 169–178 ms for the general tokenizer; the bit masks and stores alone take 60 ms.
enum PlainNumberChunk {
    /// The chunk's columns, or nil when some byte needs the general tokenizer.
    ///
    /// Fields that start within 16 bytes of the chunk's end are parsed byte by byte
    /// (``NumberParser/parse(_:_:)``), so no load reads past the chunk.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, columnCount: Int, delimiter: UInt8, markers: MissingMarkers
    ) -> ChunkResult? {
        guard columnCount > 0, let base = bytes.baseAddress, !markers.hasNumericMarkers, separates(delimiter) else { return nil }
        let end = base + bytes.count
        let capacity = ChunkParser.countNewlines(bytes) + 1
        let shared = ChunkStorage(capacity: capacity * columnCount)
        let storage = shared.base
        var tallies = [Tally](repeating: Tally(), count: columnCount)
        let delimiters = UInt64(delimiter) &* 0x0101_0101_0101_0101
        let newline: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        var rows = 0
        var newlines = 0
        var field = 0
        var fieldStart = base
        var block = base
        let complete = tallies.withUnsafeMutableBufferPointer { tallies -> Bool in
            while block < end {
                var separators =
                    end - block >= 64
                    ? structuralMask(block, delimiters: delimiters, newline: newline)
                    : tailMask(block, end, delimiter: delimiter)
                while separators != 0 {
                    let at = block + separators.trailingZeroBitCount
                    separators &= separators &- 1
                    let isNewline = at.pointee == UInt8(ascii: "\n")
                    let length = isNewline ? lastFieldLength(from: fieldStart, to: at) : at - fieldStart
                    if isNewline {
                        newlines += 1
                        if field == 0 && length == 0 {
                            fieldStart = at + 1
                            continue  // a blank line, as the general tokenizer skips it
                        }
                    }
                    guard field < columnCount,
                        store(fieldStart, length, end: end, into: storage + field * capacity + rows, tally: &tallies[field], markers: markers)
                    else { return false }
                    fieldStart = at + 1
                    if isNewline {
                        guard field == columnCount - 1 else { return false }
                        field = 0
                        rows += 1
                    } else {
                        field += 1
                    }
                }
                block += 64
            }
            // The last record of the file may have no newline.
            if fieldStart < end || field > 0 {
                let length = lastFieldLength(from: fieldStart, to: end)
                if field == 0 && length == 0 { return false }  // a lone "\r" at the very end
                guard field == columnCount - 1,
                    store(fieldStart, length, end: end, into: storage + field * capacity + rows, tally: &tallies[field], markers: markers)
                else { return false }
                rows += 1
            }
            return true
        }
        guard complete else { return nil }
        let columns = (0..<columnCount).map { c in
            ChunkColumn(
                storage: shared, start: c * capacity, count: rows,
                presentCount: tallies[c].present, integral: tallies[c].integral,
                emptyCount: tallies[c].empty, markerCount: tallies[c].markers)
        }
        return ChunkResult(columns: columns, rows: rows, newlines: newlines)
    }

    /// The length of a record's last field, without the carriage return of a CRLF line end.
    @inline(__always)
    private static func lastFieldLength(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>) -> Int {
        end > start && end[-1] == UInt8(ascii: "\r") ? end - start - 1 : end - start
    }

    /// Whether `delimiter` can only ever be a separator here: not a byte of a number, not the
    /// space the general tokenizer trims, not a quote or a line end.
    static func separates(_ delimiter: UInt8) -> Bool {
        let letterOrDigit =
            (delimiter | 0x20) >= UInt8(ascii: "a") && (delimiter | 0x20) <= UInt8(ascii: "z")
            || delimiter >= UInt8(ascii: "0") && delimiter <= UInt8(ascii: "9")
        return !letterOrDigit && delimiter < 0x80 && !" .+-\"\r\n".utf8.contains(delimiter)
    }

    /// What one column's fields were, beyond their values.
    struct Tally {
        var present = 0
        var empty = 0
        var markers = 0
        var integral = true
    }

    /// Parses one field (no quotes, no terminator) into `slot`; false when it is neither a number,
    /// empty, nor a missing-value marker.
    @inline(__always)
    private static func store(
        _ start: UnsafePointer<UInt8>, _ length: Int, end: UnsafePointer<UInt8>, into slot: UnsafeMutablePointer<Double>,
        tally: inout Tally, markers: MissingMarkers
    ) -> Bool {
        if length == 0 {
            slot.pointee = .nan
            tally.empty += 1
            return true
        }
        if let (value, integral) = plainDecimal(start, length, end: end) ?? NumberParser.parse(start, length).map({ ($0.value, $0.integral) }) {
            slot.pointee = value
            tally.present += 1
            if !integral { tally.integral = false }
            return true
        }
        if markers.contains(start, length) {
            slot.pointee = .nan
            tally.markers += 1
            return true
        }
        return false
    }

    /// `[+-]? digits [. digits]` (or `.digits`) with at most 7 digits before the point and 8 after
    /// it (or at most 8 without a point); nil for anything else, or when fewer than 16 bytes can be
    /// read after the sign.
    @inline(__always)
    static func plainDecimal(_ start: UnsafePointer<UInt8>, _ length: Int, end: UnsafePointer<UInt8>) -> (Double, Bool)? {
        let first = start.pointee
        let signed = first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
        let q = signed ? start + 1 : start
        let n = signed ? length - 1 : length
        guard n >= 1, end - q >= 16 else { return nil }
        let zeros: UInt64 = 0x3030_3030_3030_3030
        let word = UInt64(littleEndian: UnsafeRawPointer(q).loadUnaligned(as: UInt64.self)) ^ zeros
        let nonDigits = nonDigitBytes(word)
        let point = nonDigits.trailingZeroBitCount / 8  // 8 when the first 8 bytes are digits
        var value: Double
        if point >= n {
            // All digits.
            guard n <= 8 else { return nil }
            value = Double(NumberParser.eightDigits(word &<< UInt64(64 - 8 * n)))
            return (first == UInt8(ascii: "-") ? -value : value, true)
        }
        let fraction = n - point - 1
        guard point < 8, (word &>> UInt64(8 * point)) & 0xFF == 0x1E, fraction <= 8, point + fraction > 0 else { return nil }
        let whole = point == 0 ? 0 : NumberParser.eightDigits(word &<< UInt64(64 - 8 * point))
        var mantissa = whole
        if fraction > 0 {
            let tail = UInt64(littleEndian: UnsafeRawPointer(q + point + 1).loadUnaligned(as: UInt64.self)) ^ zeros
            let shift = UInt64(64 - 8 * fraction)
            guard nonDigitBytes(tail) &<< shift == 0 else { return nil }
            mantissa = whole &* NumberParser.integerPowerOfTen(fraction) &+ NumberParser.eightDigits(tail &<< shift)
            value = Double(mantissa) / NumberParser.powerOfTen(fraction)
        } else {
            value = Double(mantissa)
        }
        return (first == UInt8(ascii: "-") ? -value : value, false)
    }

    /// High bit of each byte above 9 (exact: the low seven bits plus 0x76 cannot carry out).
    @inline(__always)
    private static func nonDigitBytes(_ x: UInt64) -> UInt64 {
        (((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080
    }

    /// Bit i set when byte i of the 64 at `block` is the delimiter or a newline.
    @inline(__always)
    private static func structuralMask(_ block: UnsafePointer<UInt8>, delimiters: UInt64, newline: UInt64) -> UInt64 {
        var mask: UInt64 = 0
        let raw = UnsafeRawPointer(block)
        for word in 0..<8 {
            let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * word, as: UInt64.self))
            let hits = zeroBytes(x ^ delimiters) | zeroBytes(x ^ newline)
            mask |= (((hits >> 7) &* 0x0102_0408_1020_4080) >> 56) << UInt64(8 * word)
        }
        return mask
    }

    /// High bit of each zero byte of `v` (exact, unlike the borrow-based test).
    @inline(__always)
    private static func zeroBytes(_ v: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((v & low7) &+ low7) | v | low7)
    }

    /// ``structuralMask(_:delimiters:newline:)`` for the last, shorter block.
    private static func tailMask(_ block: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, delimiter: UInt8) -> UInt64 {
        var mask: UInt64 = 0
        for i in 0..<(end - block) where block[i] == delimiter || block[i] == UInt8(ascii: "\n") {
            mask |= 1 << UInt64(i)
        }
        return mask
    }
}
