import Foundation
import TestSupport
import Testing

@testable import Tabular

/// The fast path for plain numeric chunks against the general tokenizer.
@Suite struct PlainNumberChunkTests {
    let markers = MissingMarkers(["NA", "n/a", "—"])

    func fast(_ text: String, columns: Int, delimiter: UInt8 = UInt8(ascii: ",")) -> ChunkResult? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { PlainNumberChunk.parse($0, columnCount: columns, delimiter: delimiter, markers: markers) }
    }

    func general(_ text: String, columns: Int, delimiter: UInt8 = UInt8(ascii: ",")) -> ChunkResult {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer {
            ChunkParser.parseGeneral(
                $0, columnCount: columns, delimiter: delimiter, textColumns: Array(repeating: false, count: columns), markers: markers)
        }
    }

    /// The same rows, values (bit for bit), counts and flags.
    func expectSame(_ a: ChunkResult, _ b: ChunkResult, _ context: String) {
        #expect(a.rows == b.rows, "\(context)")
        #expect(a.newlines == b.newlines, "\(context)")
        #expect(a.outcome == b.outcome, "\(context)")
        #expect(a.columns.count == b.columns.count, "\(context)")
        for (x, y) in zip(a.columns, b.columns) {
            #expect(x.kind == y.kind && x.kind == .numbers, "\(context)")
            #expect(x.withNumbers { $0.map(\.bitPattern) } == y.withNumbers { $0.map(\.bitPattern) }, "\(context)")
            #expect(x.presentCount == y.presentCount, "\(context)")
            #expect(x.integral == y.integral, "\(context)")
            #expect(x.emptyCount == y.emptyCount, "\(context)")
            #expect(x.markerCount == y.markerCount, "\(context)")
        }
    }

    /// A field the fast path must read exactly as the general tokenizer does.
    func randomField(_ rng: inout SeededGenerator) -> String {
        let sign = ["", "", "-", "+"].randomElement(using: &rng)!
        let digits = { (count: Int, rng: inout SeededGenerator) in String((0..<count).map { _ in "0123456789".randomElement(using: &rng)! }) }
        switch Int.random(in: 0..<12, using: &rng) {
        case 0: return ""
        case 1: return ["NA", "n/a", "—"].randomElement(using: &rng)!
        case 2: return sign + digits(Int.random(in: 1...19, using: &rng), &rng)
        case 3:
            let whole = Int.random(in: 0...9, using: &rng)
            return sign + digits(whole, &rng) + "." + digits(Int.random(in: (whole == 0 ? 1 : 0)...10, using: &rng), &rng)
        case 4:
            return sign + digits(Int.random(in: 1...3, using: &rng), &rng) + "e" + ["", "-", "+"].randomElement(using: &rng)!
                + digits(Int.random(in: 1...3, using: &rng), &rng)
        case 5: return sign + ["inf", "Infinity"].randomElement(using: &rng)!
        case 6: return sign + digits(Int.random(in: 10...25, using: &rng), &rng) + "." + digits(Int.random(in: 1...25, using: &rng), &rng)
        default: return sign + digits(Int.random(in: 1...4, using: &rng), &rng) + "." + digits(Int.random(in: 1...4, using: &rng), &rng)
        }
    }

    /// Law: on chunks of numbers, empty fields and markers, with LF or CRLF, blank lines, and
    /// with or without a final newline, the fast path gives exactly what the general tokenizer gives.
    @Test func agreesWithTheGeneralTokenizer() throws {
        var rng = SeededGenerator(seed: 7)
        for round in 0..<300 {
            let columns = Int.random(in: 1...6, using: &rng)
            let rows = Int.random(in: 1...40, using: &rng)
            let lineEnd = round % 3 == 0 ? "\r\n" : "\n"
            var text = ""
            for row in 0..<rows {
                if row > 0 && Int.random(in: 0..<15, using: &rng) == 0 { text += lineEnd }
                text += (0..<columns).map { _ in randomField(&rng) }.joined(separator: ",")
                if row < rows - 1 || round % 2 == 0 { text += lineEnd }
            }
            let result = try #require(fast(text, columns: columns), "round \(round): \(text.debugDescription)")
            expectSame(result, general(text, columns: columns), "round \(round): \(text.debugDescription)")
        }
    }

    /// Law: the plain-decimal reader agrees with the general number parser bit for bit wherever it
    /// answers, including at the edges of its 7 + 8 digit window.
    @Test func plainDecimalsAgreeWithTheNumberParser() {
        var rng = SeededGenerator(seed: 11)
        var answered = 0
        for _ in 0..<50_000 {
            let whole = Int.random(in: 0...9, using: &rng)
            let fraction = Int.random(in: -1...10, using: &rng)
            var text = ["", "-", "+"].randomElement(using: &rng)!
            text += String((0..<whole).map { _ in "0123456789".randomElement(using: &rng)! })
            if fraction >= 0 { text += "." + String((0..<fraction).map { _ in "0123456789".randomElement(using: &rng)! }) }
            let padded = Array((text + ",9999999999999999").utf8)
            let quick = padded.withUnsafeBufferPointer { buffer in
                PlainNumberChunk.plainDecimal(buffer.baseAddress!, text.utf8.count, end: buffer.baseAddress! + buffer.count)
            }
            let reference = padded.withUnsafeBufferPointer { NumberParser.parse($0.baseAddress!, text.utf8.count) }
            guard let quick else { continue }
            answered += 1
            #expect(quick.0.bitPattern == reference?.value.bitPattern && quick.1 == reference?.integral, "\(text)")
        }
        #expect(answered > 30_000)
    }

    /// Anything beyond plain numbers, or a malformed record, goes to the general tokenizer.
    @Test func declinesWhatItDoesNotRead() {
        for (text, columns) in [
            ("1,\"2\"\n", 2), ("1, 2\n", 2), ("1,x\n", 2), ("2024-01-02,1\n", 2), ("1,2\n3\n", 2),
            ("1,2,3\n", 2), ("1\r2,3\n", 2), ("\r", 1), ("1,2\n\"3,4\"\n", 2), ("é,1\n", 2),
        ] {
            #expect(fast(text, columns: columns) == nil, "\(text.debugDescription)")
        }
        #expect(fast("1 2\n", columns: 2, delimiter: UInt8(ascii: " ")) == nil)
        #expect(fast("1;2\n", columns: 2, delimiter: UInt8(ascii: ";")) != nil)
        #expect(fast("1\t2\n", columns: 2, delimiter: UInt8(ascii: "\t")) != nil)
    }

    /// The reader gives the same table whether a numeric file's chunks take the fast path or not
    /// (a quoted field in one chunk sends that chunk alone to the general tokenizer).
    @Test func readerMixesBothPaths() throws {
        let directory = try TemporaryDirectory()
        var lines = ["a,b,c"]
        var rng = SeededGenerator(seed: 3)
        for row in 0..<3_000 {
            let b = row == 1_500 ? "\"2.5\"" : String(format: "%.3f", Double.random(in: -100...100, using: &rng))
            lines.append("\(row),\(b),\(row % 7 == 0 ? "" : String(row % 13))")
        }
        let path = try directory.write("mixed.csv", lines.joined(separator: "\n") + "\n")
        let table = try CSVReader(options: CSVOptions(threads: 2, chunkSize: 4096)).read(path).table
        #expect(table.rowCount == 3_000)
        let b = try table.column(named: "b").numbers
        #expect(b[1_500] == 2.5)
        #expect(try table.column(named: "a").numbers == (0..<3_000).map(Double.init))
        #expect(try table.column(named: "c").numbers.filter(\.isNaN).count == (0..<3_000).filter { $0 % 7 == 0 }.count)
    }
}
