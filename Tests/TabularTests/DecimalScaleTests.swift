import Testing

@testable import Tabular

/// Laws of ``DecimalScale``: every value of a column of decimals maps to a key and back bit for
/// bit, keys keep the values' order, and columns it cannot key exactly get no scale.
@Suite struct DecimalScaleTests {
    /// Decimals with up to `places` places, read as a CSV reader reads them (correctly rounded).
    static func decimals(_ count: Int, places: Int, magnitude: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        var power = 1
        for _ in 0..<places { power *= 10 }
        return (0..<count).map { i -> Double in
            if i % 17 == 0 { return .nan }
            if i % 23 == 0 { return i % 2 == 0 ? -0.0 : 0 }
            let units = Int.random(in: -magnitude...magnitude, using: &generator)
            let sign = units < 0 ? "-" : ""
            let whole = abs(units) / power
            let fraction = abs(units) % power
            let digits = String(fraction)
            let text = places == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(String(repeating: "0", count: places - digits.count))\(digits)"
            return Double(text)!
        }
    }

    @Test(arguments: [(0, 1000), (2, 50_000), (4, 10_000_000), (6, 1 << 30)])
    func keysRoundTripAndKeepTheOrder(_ places: Int, _ magnitude: Int) throws {
        let values = Self.decimals(5000, places: places, magnitude: magnitude, seed: UInt64(places))
        let scale = try #require(values.withUnsafeBufferPointer { DecimalScale($0, spanBits: 32) })
        #expect(scale.digits <= places)
        let present = values.filter { !$0.isNaN }
        let keys = try present.map { try #require(scale.key($0)) }
        for (x, key) in zip(present, keys) {
            #expect(scale.value(key: key).bitPattern == x.bitPattern)
            #expect(key < scale.span + 2)
        }
        // Keys in the order of the values, −0 strictly before +0.
        let order = present.indices.sorted { (present[$0], present[$0].sign == .minus ? 0 : 1) < (present[$1], present[$1].sign == .minus ? 0 : 1) }
        for (a, b) in zip(order, order.dropFirst()) {
            #expect(keys[a] < keys[b] || present[a].bitPattern == present[b].bitPattern)
        }
        let zero = try #require(scale.negativeZeroKey)
        #expect(scale.value(key: zero).bitPattern == (-0.0).bitPattern)
        #expect(scale.value(key: zero + 1).bitPattern == (0.0).bitPattern)
    }

    @Test func noScaleForWhatCannotBeKeyedExactly() {
        let cases: [[Double]] = [
            [],
            [.nan, .nan],
            [1.5, .infinity],
            [0.1 + 0.2, 1, 2],  // 0.30000000000000004 has 17 places
            [1e-12, 2e-12],  // more places than tried
            [-3e9, 3e9],  // keys span more than 32 bits
        ]
        for values in cases {
            #expect(values.withUnsafeBufferPointer { DecimalScale($0, spanBits: 32) } == nil, "\(values)")
        }
        // A scale chosen from the first values still refuses a later value with more places.
        let scale = [1.25, 2.5].withUnsafeBufferPointer { DecimalScale($0, spanBits: 32) }
        #expect(scale?.digits == 2)
        #expect(scale?.key(1.125) == nil)
    }
}
