/// A power of ten that maps a column's values onto integers exactly: a column of decimals
/// written with at most `digits` places (prices, measurements, counts, times in seconds).
///
/// A value x is *exact* at 10^d when, with N the integer nearest x · 10^d, the double nearest
/// N / 10^d is x, bit for bit. Then x ↦ N is one-to-one and keeps the order (rounding and
/// correctly rounded division are monotone), so sorting the integers sorts the values, and
/// N / 10^d gives each value back. Every decimal with at most d places whose N is below 2^51
/// in magnitude is exact at 10^d when read with correct rounding, as ``NumberParser`` reads.
/// −0 and +0 share N = 0 and are told apart by the key's sign term; an infinity is never exact.
struct DecimalScale: Equatable {
    /// Decimal places: the power of ten.
    let digits: Int
    /// 10^digits.
    let factor: Double
    /// The smallest scaled value of the column.
    let lowest: Int64
    /// The largest scaled value minus the smallest.
    let span: UInt64

    /// The most decimal places tried.
    static let maximumDigits = 9
    /// Present values looked at to choose the power (the caller checks every value).
    static let sampleSize = 64
    /// Scaled magnitudes at or beyond this are not tried: both the product and the integer stay
    /// exact well below 2^53.
    static let limit = 0x1p51

    /// The fewest decimal places at which the first ``sampleSize`` present values of `values`
    /// are exact and all keys are below 2^`spanBits`; nil if there is no such power
    /// up to ``maximumDigits``, or no present value. Later values may still not be exact: the
    /// caller checks each one (``scaled(_:)``).
    init?(_ values: UnsafeBufferPointer<Double>, spanBits: Int) {
        var low = Double.infinity
        var high = -Double.infinity
        for x in values {
            low = x < low ? x : low
            high = x > high ? x : high
        }
        guard low.isFinite, high.isFinite else { return nil }  // no present value, or an infinity
        var sample: [Double] = []
        sample.reserveCapacity(Self.sampleSize)
        for x in values where !x.isNaN {
            sample.append(x)
            if sample.count == Self.sampleSize { break }
        }
        for digits in 0...Self.maximumDigits {
            let factor = NumberParser.powerOfTen(digits)
            guard abs(low * factor) < Self.limit, abs(high * factor) < Self.limit else { return nil }
            guard sample.allSatisfy({ Self.isExact($0, factor: factor) }) else { continue }
            let lowest = Self.nearestInteger(low, factor: factor)
            let highest = Self.nearestInteger(high, factor: factor)
            let span = UInt64(highest - lowest)
            guard (span + 1) >> UInt64(spanBits) == 0 else { return nil }
            self.digits = digits
            self.factor = factor
            self.lowest = lowest
            self.span = span
            return
        }
        return nil
    }

    /// The integer nearest x · `factor` (|x · factor| < ``limit``).
    @inline(__always) static func nearestInteger(_ x: Double, factor: Double) -> Int64 {
        // Adding 1.5 · 2^52 leaves the nearest integer in the low bits of the sum (its spacing
        // there is 1), and |product| < 2^51 keeps the exponent fixed, so subtracting the constant's
        // bits gives the integer, negative ones included. Not `rounded()`, a library call on
        // baseline x86-64, nor a checked conversion: this is two additions, with no branch.
        let magic = 0x1.8p52
        let product = x * factor
        return Int64(bitPattern: (product + magic).bitPattern &- magic.bitPattern)
    }

    /// Whether x is exact at `factor`, up to the sign of zero (|x · factor| < ``limit``).
    @inline(__always) static func isExact(_ x: Double, factor: Double) -> Bool {
        Double(nearestInteger(x, factor: factor)) / factor == x
    }

    /// The key of a present value of the column: its scaled integer N less ``lowest``, plus 1 if
    /// its sign is plus, so that −0 comes just before +0 and keys keep the order of the values;
    /// nil if x is not exact. Keys are below ``span`` + 2.
    @inline(__always) func key(_ x: Double) -> UInt64? {
        let integer = Self.nearestInteger(x, factor: factor)
        guard Double(integer) / factor == x else { return nil }
        return UInt64(bitPattern: integer &- lowest) &+ (x.sign == .plus ? 1 : 0)
    }

    /// ``key(_:)`` of a value known to be exact (not checked).
    @inline(__always) func knownKey(_ x: Double) -> UInt64 {
        UInt64(bitPattern: Self.nearestInteger(x, factor: factor) &- lowest) &+ (x.sign == .plus ? 1 : 0)
    }

    /// The key of −0 if the column's range holds zero (+0's is the next one), else nil.
    var negativeZeroKey: UInt64? {
        lowest <= 0 && lowest + Int64(span) >= 0 ? UInt64(-lowest) : nil
    }

    /// The value of a ``key(_:)``.
    @inline(__always) func value(key: UInt64) -> Double {
        // m = N + 1 for a plus sign, N for a minus sign (N ≤ 0 then; N = 0 is −0).
        let m = Int64(bitPattern: key) &+ lowest
        return m >= 1 ? Double(m &- 1) / factor : -(Double(-m) / factor)
    }
}
