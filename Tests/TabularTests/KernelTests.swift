import Foundation
import TestSupport
import Testing

@testable import Tabular

@Suite struct KernelTests {
    func parse(_ text: String) -> NumberParser.Parsed? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { NumberParser.parse(UnsafePointer($0.baseAddress!), $0.count) }
    }

    @Test func numberGrammar() {
        #expect(parse("42")?.value == 42)
        #expect(parse("42")?.integral == true)
        #expect(parse("-0.5")?.value == -0.5)
        #expect(parse("+.5")?.value == 0.5)
        #expect(parse("1.")?.integral == false)
        #expect(parse("1e3")?.value == 1000)
        #expect(parse("-Infinity")?.value == -.infinity)
        #expect(parse("inf")?.value == .infinity)
        for bad in ["", "-", ".", "1e", "1,5", "0x10", "nan", "1.2.3", "12a", "e5", "in"] { #expect(parse(bad) == nil, "\(bad)") }
    }

    /// Law: the fast path agrees with strtod bit for bit.
    @Test func agreesWithStrtod() {
        var rng = SeededGenerator(seed: 42)
        for i in 0..<20_000 {
            let magnitude = Double.random(in: -30...30, using: &rng)
            let value = Double.random(in: -1...1, using: &rng) * pow(10, magnitude)
            let text =
                i % 3 == 0
                ? String(format: "%.*g", Int.random(in: 1...17, using: &rng), value)
                : (i % 3 == 1 ? "\(value)" : String(format: "%.*f", Int.random(in: 0...8, using: &rng), value))
            let expected = strtod(text, nil)
            #expect(parse(text)?.value.bitPattern == expected.bitPattern, "\(text)")
        }
        let long = "3.14159265358979323846264338327950288"
        #expect(parse(long)?.value == strtod(long, nil))
        #expect(parse("0.000000000000000000000000001234")?.value == 1.234e-27)
    }

    /// Law: reading a number out of a longer buffer stops right after it and agrees with strtod,
    /// for every length of its digit runs (digits are read eight bytes at a time where eight
    /// remain), whatever follows it and however near the buffer's end is.
    @Test func scanStopsWhereTheNumberStops() {
        var rng = SeededGenerator(seed: 9)
        func digits(_ count: Int) -> String { String((0..<count).map { _ in "0123456789".randomElement(using: &rng)! }) }
        for integerDigits in 0...20 {
            for fractionDigits in [-1, 0, 1, 2, 7, 8, 9, 15, 16, 17] {
                for follower in [",", "\n", "\r\n", ";x", "abc", " 1", "-", ""] {
                    let sign = ["", "-", "+"].randomElement(using: &rng)!
                    let number = sign + digits(integerDigits) + (fractionDigits < 0 ? "" : "." + digits(fractionDigits))
                    let text = number + follower + String(repeating: "7", count: Int.random(in: 0...9, using: &rng))
                    // A follower such as "-" could start a number of its own after a sign alone.
                    if !number.contains(where: \.isNumber) && ![",", ""].contains(follower) { continue }
                    // With nothing in between, the trailing 7s are more digits of the number.
                    let whole = follower.isEmpty ? text : number
                    var bytes = Array(text.utf8)
                    let scanned = bytes.withUnsafeMutableBufferPointer { buffer -> (value: Double, stop: Int)? in
                        let start = UnsafePointer(buffer.baseAddress!)
                        guard let prefix = NumberParser.scan(start, start + buffer.count) else { return nil }
                        return (prefix.value ?? strtod(whole, nil), prefix.stop - start)
                    }
                    guard whole.contains(where: \.isNumber) else {
                        #expect(scanned == nil, "\(text)")
                        continue
                    }
                    #expect(scanned?.stop == whole.utf8.count, "\(text)")
                    #expect(scanned?.value.bitPattern == strtod(whole, nil).bitPattern, "\(text)")
                }
            }
        }
    }

    @Test func byteDictionaryInternsStably() {
        var dictionary = ByteDictionary()
        var codes: [String: UInt32] = [:]
        for i in 0..<5_000 {
            let key = "key-\(i % 1_234)-" + String(repeating: "x", count: i % 17)
            var bytes = Array(key.utf8)
            let code = bytes.withUnsafeMutableBufferPointer { dictionary.intern(UnsafePointer($0.baseAddress!), $0.count) }
            if let seen = codes[key] { #expect(seen == code) } else { codes[key] = code }
        }
        #expect(dictionary.count == codes.count)
        for (key, code) in codes { #expect(dictionary.string(Int(code)) == key) }
        #expect(dictionary.code(of: Array("absent".utf8)) == nil)
    }

    @Test func utf8Validation() {
        func check(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidByte($0) } }
        #expect(check(Array("plain ascii, and more than eight bytes".utf8)) == nil)
        #expect(check(Array("naïve 東京 🎉".utf8)) == nil)
        #expect(check([0x61, 0x62, 0xC3]) == 2)  // truncated sequence
        #expect(check([0xC0, 0x80]) == 0)  // overlong
        #expect(check([0xED, 0xA0, 0x80]) == 0)  // surrogate
        #expect(check([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
        #expect(check(Array(repeating: 0x41, count: 20) + [0xFF]) == 20)
    }

    @Test func recordBoundaries() {
        func parity(_ text: String) -> Int? { Array(text.utf8).withUnsafeBufferPointer { RecordBoundary.byQuoteParity($0) } }
        func precise(_ text: String) -> Int? { Array(text.utf8).withUnsafeBufferPointer { RecordBoundary.precise($0, delimiter: 44) } }
        #expect(parity("a,b\nc,d\ne") == 8)
        #expect(parity("a,\"b\nc\",d\ne,\"f\ng") == 10)
        #expect(parity("no newline") == nil)
        #expect(precise("a,\"b\nc\",d\ne,\"f\ng") == 10)
        #expect(precise("5'10\",x\ny,z\n") == 12)
        let long = String(repeating: "abcdefgh", count: 10) + "\n" + String(repeating: "q", count: 30)
        #expect(parity(long) == 81)
    }

    @Test func dateArithmeticRoundTrips() {
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<2_000 {
            let days = Int.random(in: -800_000...800_000, using: &rng)
            let civil = DateTimeParser.civilFromDays(days)
            #expect(DateTimeParser.daysFromCivil(year: civil.year, month: civil.month, day: civil.day) == days)
        }
        #expect(DateTimeParser.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(DateTimeParser.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        #expect(DateTimeParser.parse("2016-02-29", format: .isoDate)?.seconds == 1_456_704_000)
        #expect(DateTimeParser.parse("2015-02-29", format: .isoDate) == nil)
        #expect(DateTimeParser.parse("2015-13-01", format: .isoDate) == nil)
        #expect(DateTimeParser.parse("2015-01-01 25:00", format: .isoDate) == nil)
        #expect(DateTimeParser.format(secondsSinceEpoch: 1_553_372_469, withTime: true) == "2019-03-23 20:21:09")
    }
}

/// Law: counting a file's newlines in parts on several threads gives the count of one pass, from
/// any offset, in files of one part or several (parts are at least 4 MB).
@Suite struct NewlineCountTests {
    @Test(arguments: [1, 2, 3])
    func partsAddUpToTheWholeCount(_ threads: Int) throws {
        let directory = try TemporaryDirectory()
        // Lines of 1 to 97 bytes, newline included; `ends` holds each newline's offset.
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 9 << 20)
        var ends: [Int] = []
        var position = -1
        while true {
            position += 1 + (ends.count * 37) % 97
            if position >= bytes.count { break }
            bytes[position] = UInt8(ascii: "\n")
            ends.append(position)
        }
        let path = try directory.write("lines.csv", bytes: bytes)
        let small = try directory.write("small.csv", "a,b\n1,2\n3,4")
        let source = try FileSource(path: path)
        for offset in [0, 1, 5_000_000, bytes.count - 3, bytes.count] {
            let expected = ends.count - (ends.firstIndex { $0 >= offset } ?? ends.count)
            #expect(try source.countNewlines(from: offset, threads: threads) == expected, "offset \(offset)")
        }
        #expect(try FileSource(path: small).countNewlines(from: 4, threads: threads) == 1)
    }
}
