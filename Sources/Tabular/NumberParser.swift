import Foundation

/// Parses decimal numbers straight from CSV bytes (a kernel: runs once per numeric field).
///
/// Grammar: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, or `[+-]? inf|infinity`
/// (any case). Hexadecimal, thousands separators and `nan` are not numbers here (`nan` is a
/// missing-value marker).
///
/// Fast path (Clinger 1990, "How to read floating point numbers accurately"): when the significand
/// has at most 19 digits, is below 2^53, and the decimal exponent is within ±22, `m · 10^e` or
/// `m / 10^-e` is exact and correctly rounded in one IEEE operation. Everything else goes to
/// `strtod`. Measured on this machine kind: a byte-level scanner with `strtod` alone parsed at
/// 70-95 MB/s; with this fast path 270-400 MB/s (DESIGN.md, "Facts about this toolchain").
enum NumberParser {
    /// The value and whether it was written as an integer (no decimal point, no exponent).
    struct Parsed {
        var value: Double
        var integral: Bool
    }

    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, _ count: Int) -> Parsed? {
        if count == 0 { return nil }
        var i = 0
        var negative = false
        let first = start[0]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            i = 1
            if count == 1 { return nil }
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var significantDigits = 0
        var integerDigits = 0
        while i < count {
            let d = start[i] &- UInt8(ascii: "0")
            if d > 9 { break }
            if significantDigits > 0 || d != 0 { significantDigits += 1 }
            if significantDigits <= 19 { mantissa = mantissa &* 10 &+ UInt64(d) }
            digits += 1
            integerDigits += 1
            i += 1
        }
        var fractionDigits = 0
        var integral = true
        if i < count && start[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            while i < count {
                let d = start[i] &- UInt8(ascii: "0")
                if d > 9 { break }
                if significantDigits > 0 || d != 0 { significantDigits += 1 }
                if significantDigits <= 19 { mantissa = mantissa &* 10 &+ UInt64(d) }
                digits += 1
                fractionDigits += 1
                i += 1
            }
        }
        if digits == 0 {
            return parseInfinity(start, count, negative: negative, signLength: i)
        }
        var exponent = 0
        if i < count && (start[i] | 0x20) == UInt8(ascii: "e") {
            integral = false
            i += 1
            var exponentNegative = false
            if i < count && (start[i] == UInt8(ascii: "-") || start[i] == UInt8(ascii: "+")) {
                exponentNegative = start[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponentDigits = 0
            while i < count {
                let d = start[i] &- UInt8(ascii: "0")
                if d > 9 { break }
                if exponent < 100_000 { exponent = exponent * 10 + Int(d) }
                exponentDigits += 1
                i += 1
            }
            if exponentDigits == 0 { return nil }
            if exponentNegative { exponent = -exponent }
        }
        if i != count { return nil }
        // Leading zeros of the fraction do not count as significant, but they shift the exponent.
        let scale = exponent - fractionDigits
        if significantDigits <= 19 && mantissa < (1 << 53) && scale >= -22 && scale <= 22 {
            var value = Double(mantissa)
            if scale >= 0 { value *= powersOfTen[scale] } else { value /= powersOfTen[-scale] }
            return Parsed(value: negative ? -value : value, integral: integral)
        }
        return Parsed(value: slowPath(start, count), integral: integral)
    }

    /// `strtod` on a NUL-terminated copy; only reached for text the grammar above accepted.
    private static func slowPath(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            for k in 0..<count { buffer[k] = CChar(bitPattern: start[k]) }
            buffer[count] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }

    private static func parseInfinity(_ start: UnsafePointer<UInt8>, _ count: Int, negative: Bool, signLength: Int) -> Parsed? {
        let rest = count - signLength
        guard rest == 3 || rest == 8 else { return nil }
        let word = "infinity".utf8
        for (k, expected) in word.prefix(rest).enumerated() where (start[signLength + k] | 0x20) != expected {
            return nil
        }
        return Parsed(value: negative ? -.infinity : .infinity, integral: false)
    }
}
