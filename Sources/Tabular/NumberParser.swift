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

    /// The number a field's bytes spell in full, or nil when they are not one.
    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, _ count: Int) -> Parsed? {
        if count == 0 { return nil }
        let end = start + count
        guard let prefix = scan(start, end) else {
            var p = start
            if p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+") { p += 1 }
            return parseInfinity(p, end - p, negative: start.pointee == UInt8(ascii: "-"))
        }
        if prefix.stop != end { return nil }
        return Parsed(value: prefix.value ?? slowPath(start, count), integral: prefix.integral)
    }

    /// A number at the start of some bytes, and where its text stops.
    struct Prefix {
        /// Nil when the fast path cannot round it exactly (the text then needs `strtod`).
        var value: Double?
        var integral: Bool
        var stop: UnsafePointer<UInt8>
    }

    /// Reads the longest number in the grammar above (infinity aside) that starts at `start`,
    /// stopping at the first byte that cannot continue it or at `end`; nil when there is no digit,
    /// or an exponent marker has no digits.
    @inline(__always)
    static func scan(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Prefix? {
        var p = start
        var negative = false
        if p < end {
            if p.pointee == UInt8(ascii: "-") {
                negative = true
                p += 1
            } else if p.pointee == UInt8(ascii: "+") {
                p += 1
            }
        }
        var mantissa: UInt64 = 0
        var digits = readDigits(&p, end, into: &mantissa)
        var fractionDigits = 0
        var integral = true
        if p < end && p.pointee == UInt8(ascii: ".") {
            integral = false
            p += 1
            fractionDigits = readDigits(&p, end, into: &mantissa)
            digits += fractionDigits
        }
        if digits == 0 { return nil }
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
        // 19 digits always fit in UInt64; leading zeros count as digits here, which only sends a few
        // extra values to strtod.
        let scale = exponent - fractionDigits
        guard digits <= 19 && mantissa < (1 << 53) && scale >= -22 && scale <= 22 else {
            return Prefix(value: nil, integral: integral, stop: p)
        }
        var value = Double(mantissa)
        if scale >= 0 { value *= powerOfTen(scale) } else { value /= powerOfTen(-scale) }
        return Prefix(value: negative ? -value : value, integral: integral, stop: p)
    }

    /// Appends the decimal digits at `p` to `mantissa` (wrapping past 19 digits; callers check
    /// the count), moves `p` past them and returns how many there were.
    ///
    /// Eight bytes at a time where eight remain (SWAR, as in Lemire's fast_float): the run's length
    /// comes from one mask of the bytes that are not digits and its value from three
    /// multiplications, instead of a loop whose exit branch mispredicts once per run. Measured
    /// reason: scanning the first 80 MB of the 1M × 50 file's fields took 102 ms this way against
    /// 148–170 ms one byte at a time (best of 5, separate processes, release build).
    @inline(__always)
    static func readDigits(_ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, into mantissa: inout UInt64) -> Int {
        let start = p
        while end - p >= 8 {
            // Each byte XOR '0': digits become 0…9, every other byte something above 9.
            let x = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) ^ 0x3030_3030_3030_3030
            // High bit set in each byte above 9. A carry out of such a byte can only flag bytes
            // after it, and only the first non-digit counts.
            let nonDigits = ((x &+ 0x7676_7676_7676_7676) | x) & 0x8080_8080_8080_8080
            if nonDigits == 0 {
                mantissa = mantissa &* 100_000_000 &+ eightDigits(x)
                p += 8
                continue
            }
            let count = nonDigits.trailingZeroBitCount / 8
            if count > 0 {
                // The first byte is the leading digit: shifting the run to the top bytes leaves
                // zeros (leading zero digits) below it and drops the bytes after it.
                mantissa = mantissa &* integerPowerOfTen(count) &+ eightDigits(x << UInt64(64 - 8 * count))
                p += count
            }
            return p - start
        }
        while p < end {
            let d = p.pointee &- UInt8(ascii: "0")
            if d > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            p += 1
        }
        return p - start
    }

    /// The number spelled by eight digit values 0…9, one per byte, the first byte the leading digit.
    @inline(__always)
    static func eightDigits(_ x: UInt64) -> UInt64 {
        let pairs = x &* 10 &+ (x >> 8)  // bytes 0, 2, 4 and 6 now hold two-digit numbers
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        let quads = ((pairs & mask) &* (100 &+ (1_000_000 << 32)) &+ ((pairs >> 16) & mask) &* (1 &+ (10_000 << 32))) >> 32
        return quads & 0xFFFF_FFFF
    }

    /// 10^k for 0 ≤ k ≤ 8 (larger k give 10^8).
    @inline(__always)
    static func integerPowerOfTen(_ k: Int) -> UInt64 {
        switch k {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        default: return 100_000_000
        }
    }

    /// 10^k for 0 ≤ k ≤ 22, all exact in a Double. A switch, not a global table: a global array
    /// costs a `swift_once` call per access, which showed up at 1% of the whole parse.
    @inline(__always)
    static func powerOfTen(_ k: Int) -> Double {
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
