import Foundation
import TestSupport
import Testing

@testable import Tabular

/// Law: however the file is cut into chunks and however many threads parse them, the table is the
/// same as reading it in one piece, and equal to the values that were written.
@Suite struct CSVChunkingPropertyTests {
    struct Generated {
        var text: String
        var expected: [[String?]]
    }

    /// A random table with awkward text (quotes, delimiters, newlines, unicode) written as CSV.
    static func generate(seed: UInt64, rows: Int, crlf: Bool) -> Generated {
        var rng = SeededGenerator(seed: seed)
        let words = ["alpha", "beta, gamma", "say \"yes\"", "two\nlines", "naïve", "東京", "x"]
        var numbers: [String?] = []
        var labels: [String?] = []
        var flags: [String?] = []
        for _ in 0..<rows {
            let r = Int.random(in: 0..<10, using: &rng)
            numbers.append(r == 0 ? nil : String(format: "%.3f", Double.random(in: -1000...1000, using: &rng)))
            labels.append(r == 1 ? nil : words[Int.random(in: 0..<words.count, using: &rng)])
            flags.append(Bool.random(using: &rng) ? "true" : "false")
        }
        func quote(_ value: String?) -> String {
            guard let value else { return "" }
            if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) {
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return value
        }
        let newline = crlf ? "\r\n" : "\n"
        var text = "number,label,flag" + newline
        for i in 0..<rows { text += [quote(numbers[i]), quote(labels[i]), flags[i]!].joined(separator: ",") + newline }
        let expectedNumbers = numbers.map { $0.map { "\(Double($0)!)" } }
        return Generated(text: text, expected: [expectedNumbers, labels, flags])
    }

    @Test(arguments: [(UInt64(1), 64, 1), (2, 97, 2), (3, 150, 3), (4, 4096, 2), (5, 1 << 20, 2)])
    func chunkingNeverChangesTheTable(seed: UInt64, chunkSize: Int, threads: Int) throws {
        let generated = Self.generate(seed: seed, rows: 400, crlf: seed % 2 == 0)
        let output = try readCSV(generated.text, CSVOptions(threads: threads, chunkSize: chunkSize))
        #expect(output.table.rowCount == 400)
        #expect(output.table.columns.map(\.type) == [.real, .categorical, .boolean])
        #expect(firstDifference(cells(output.table), generated.expected) == nil)
    }
}
