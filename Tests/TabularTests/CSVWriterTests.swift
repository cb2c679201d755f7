import Foundation
import Tabular
import TestSupport
import Testing

/// CSVWriter's law: what it writes, the reader reads back field for field.
@Suite struct CSVWriterTests {
    @Test func writtenRecordsReadBackUnchanged() throws {
        let directory = try TemporaryDirectory("csv-writer")
        var generator = SeededGenerator(seed: 11)
        // "\r" included: the reader used to drop a carriage return (and spaces) at the end of a
        // quoted field that also held a doubled quote.
        let alphabet = Array("ab ,\"\n;é✓x\r")
        var rows: [[String]] = []
        for _ in 0..<400 {
            rows.append(
                (0..<3).map { _ in
                    "k"
                        + String(
                            (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
                            }
                        )
                        .trimmingCharacters(in: .whitespaces)
                })
        }
        let path = try directory.write("round-trip.csv", "a,b,c" + "\n" + rows.map(CSVWriter.record).joined(separator: "\n") + "\n")
        let table = try CSVReader().read(path).table
        #expect(table.rowCount == rows.count)
        for (index, row) in rows.enumerated() {
            let read = table.columns.map { $0.text(at: index) ?? "" }
            #expect(read == row, "row \(index)")
        }
    }

    @Test func quotedTrailingSpacesAndCarriageReturnsAreKept() throws {
        let directory = try TemporaryDirectory("csv-quoted-tail")
        let path = try directory.write("tail.csv", "a,b\n\"say \"\"hi\"\" \",1\n\"x\"\"\r\",2\n\"plain\"  ,3\n")
        let table = try CSVReader().read(path).table
        let column = try table.column(named: "a")
        #expect(column.text(at: 0) == "say \"hi\" ")
        #expect(column.text(at: 1) == "x\"\r")
        #expect(column.text(at: 2) == "plain", "spaces after the closing quote are still trimmed")
    }
}
