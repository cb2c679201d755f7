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

    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, _ count: Int) -> Parsed? {
        if count == 0 { return nil }
        var p = start
        let end = start + count
        var negative = false
        if p.pointee == UInt8(ascii: "-") {
            negative = true
            p += 1
        } else if p.pointee == UInt8(ascii: "+") {
            p += 1
        }
        let signEnd = p
        var mantissa: UInt64 = 0
        while p < end {
            let d = p.pointee &- UInt8(ascii: "0")
            if d > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            p += 1
        }
        var digits = p - signEnd
        var fractionDigits = 0
        var integral = true
        if p < end && p.pointee == UInt8(ascii: ".") {
            integral = false
            p += 1
            let fractionStart = p
            while p < end {
                let d = p.pointee &- UInt8(ascii: "0")
                if d > 9 { break }
                mantissa = mantissa &* 10 &+ UInt64(d)
                p += 1
            }
            fractionDigits = p - fractionStart
            digits += fractionDigits
        }
        if digits == 0 {
            return parseInfinity(signEnd, end - signEnd, negative: negative)
        }
        var exponent = 0
        if p < end && (p.pointee | 0x20) == UInt8(ascii: "e") {
            integral = false
            p += 1
            var exponentNegative = false
            if p < end && (p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+")) {
                exponentNegative = p.pointee == UInt8(ascii: "-")
                p += 1
            }
            let exponentStart = p
            while p < end {
                let d = p.pointee &- UInt8(ascii: "0")
                if d > 9 { break }
                if exponent < 100_000 { exponent = exponent * 10 + Int(d) }
                p += 1
            }
            if p == exponentStart { return nil }
            if exponentNegative { exponent = -exponent }
        }
        if p != end { return nil }
        // 19 digits always fit in UInt64; leading zeros count as digits here, which only sends a few
        // extra values to strtod.
        let scale = exponent - fractionDigits
        if digits <= 19 && mantissa < (1 << 53) && scale >= -22 && scale <= 22 {
            var value = Double(mantissa)
            if scale >= 0 { value *= powerOfTen(scale) } else { value /= powerOfTen(-scale) }
            return Parsed(value: negative ? -value : value, integral: integral)
        }
        return Parsed(value: slowPath(start, count), integral: integral)
    }

    /// 10^k for 0 ≤ k ≤ 22, all exact in a Double. A switch, not a global table: a global array
    /// costs a `swift_once` call per access, which showed up at 1% of the whole parse.
    @inline(__always)
    private static func powerOfTen(_ k: Int) -> Double {
        switch k {
        case 0: return 1
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    /// `strtod` on a NUL-terminated copy; only reached for text the grammar above accepted.
    private static func slowPath(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer in
            for k in 0..<count { buffer[k] = CChar(bitPattern: start[k]) }
            buffer[count] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }

    private static func parseInfinity(_ start: UnsafePointer<UInt8>, _ count: Int, negative: Bool) -> Parsed? {
        guard count == 3 || count == 8 else { return nil }
        let word = "infinity".utf8
        for (k, expected) in word.prefix(count).enumerated() where (start[k] | 0x20) != expected {
            return nil
        }
        return Parsed(value: negative ? -.infinity : .infinity, integral: false)
    }
}
