import Foundation
import TestSupport
import Testing

@testable import Tabular

/// Reads `text` from a real file with `options`.
func readCSV(_ text: String, _ options: CSVOptions = CSVOptions(), name: String = "data.csv") throws -> CSVReader.Output {
    let directory = try TemporaryDirectory()
    return try CSVReader(options: options).read(directory.write(name, text))
}

/// Every column's values as display text, for comparing tables.
func cells(_ table: Table) -> [[String?]] {
    table.columns.map { column in (0..<column.count).map { column.text(at: $0) } }
}

/// The first cell where two tables' texts differ, as "column c, row r: a vs b" (nil when equal).
func firstDifference(_ a: [[String?]], _ b: [[String?]]) -> String? {
    if a.count != b.count { return "\(a.count) columns vs \(b.count)" }
    for c in a.indices {
        if a[c].count != b[c].count { return "column \(c): \(a[c].count) rows vs \(b[c].count)" }
        for r in a[c].indices where a[c][r] != b[c][r] {
            return "column \(c), row \(r): \(String(describing: a[c][r])) vs \(String(describing: b[c][r]))"
        }
    }
    return nil
}

@Suite struct CSVReaderTests {
    @Test func quotedFieldsWithDelimitersNewlinesAndDoubledQuotes() throws {
        let text = "id,comment,score\n1,\"hello, world\",3\n2,\"line one\nline two\",4\n3,\"she said \"\"hi\"\"\",5\n4,plain,6\n"
        let table = try readCSV(text).table
        #expect(table.rowCount == 4)
        let comment = try table.column(named: "comment")
        #expect(comment.text(at: 0) == "hello, world")
        #expect(comment.text(at: 1) == "line one\nline two")
        #expect(comment.text(at: 2) == "she said \"hi\"")
        #expect(try table.column(named: "score").numbers == [3, 4, 5, 6])
    }

    @Test func crlfAndByteOrderMark() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let directory = try TemporaryDirectory()
        let path = try directory.write("bom.csv", bytes: bom + Array("name,value\r\na,1\r\nb,2\r\n".utf8))
        let table = try CSVReader().read(path).table
        #expect(table.columnNames == ["name", "value"])
        #expect(try table.column(named: "name").levels == ["a", "b"])
        #expect(try table.column(named: "value").numbers == [1, 2])
    }

    @Test(arguments: [(";", UInt8(ascii: ";")), ("\t", UInt8(ascii: "\t")), ("|", UInt8(ascii: "|")), (",", UInt8(ascii: ","))])
    func sniffsTheDelimiter(separator: String, byte: UInt8) throws {
        let rows = [
            "city\(separator)temperature\(separator)note", "Paris\(separator)12\(separator)\"a\(separator)b\"", "Oslo\(separator)3\(separator)x",
        ]
        let output = try readCSV(rows.joined(separator: "\n") + "\n")
        #expect(output.delimiter == byte)
        #expect(output.table.columnNames == ["city", "temperature", "note"])
    }

    @Test func delimiterOverrideWins() throws {
        let output = try readCSV("a;b,c\n1;2,3\n", CSVOptions(delimiter: UInt8(ascii: ",")))
        #expect(output.table.columnNames == ["a;b", "c"])
        #expect(throws: TabularError.invalidDelimiter("ab")) { try CSVOptions.delimiter(from: "ab") }
        #expect(try CSVOptions.delimiter(from: "tab") == UInt8(ascii: "\t"))
    }

    @Test func noHeaderNamesColumns() throws {
        let table = try readCSV("1,x\n2,y\n", CSVOptions(hasHeader: false)).table
        #expect(table.columnNames == ["column_1", "column_2"])
        #expect(table.rowCount == 2)
    }

    @Test func defaultMissingMarkersBecomeNaNNeverZero() throws {
        let text = "v,w\n1,a\nNA,a\n,a\nN/A,a\nNaN,a\nnan,a\nnull,a\nNULL,a\nNone,a\n?,a\n2.5,a\n"
        let column = try readCSV(text).table.column(named: "v")
        #expect(column.type == .real)
        #expect(column.count == 11)
        #expect(column.missingCount == 9)
        #expect(column.numbers.first == 1)
        #expect(column.numbers.last == 2.5)
        #expect(!column.numbers.contains(0))
    }

    @Test func configurableMissingMarkers() throws {
        let column = try readCSV("v\n1\n-999\n3\n", CSVOptions(missingMarkers: ["-999"])).table.column(named: "v")
        #expect(column.missingCount == 1)
        #expect(column.numbers[0] == 1 && column.numbers[2] == 3)
        let words = try readCSV("v\n1\nmissing\n3\n", CSVOptions(missingMarkers: ["missing"])).table.column(named: "v")
        #expect(words.type == .integer)
        #expect(words.missingCount == 1)
        let strict = try readCSV("v\n1\nNA\n3\n", CSVOptions(missingMarkers: [])).table.column(named: "v")
        #expect(strict.type == .categorical)
    }

    @Test func markerWordsInTextColumnsFollowThePolicy() throws {
        // The file leaves a missing value empty, so NA in a text column is a category (Ames Housing).
        let withEmpty = "alley,area\nNA,1\nPave,\nGrvl,3\nNA,4\n"
        let automatic = try readCSV(withEmpty).table.column(named: "alley")
        #expect(automatic.levels.sorted() == ["Grvl", "NA", "Pave"])
        #expect(automatic.inference.markersKeptAsCategories == ["NA"])
        #expect(try readCSV(withEmpty).table.column(named: "area").missingCount == 1)
        let forced = try readCSV(withEmpty, CSVOptions(markerPolicy: .missing)).table.column(named: "alley")
        #expect(forced.missingCount == 2)
        // No empty fields anywhere: NA is this file's missing value.
        let withoutEmpty = "alley,area\nNA,1\nPave,2\nGrvl,3\n"
        #expect(try readCSV(withoutEmpty).table.column(named: "alley").missingCount == 1)
        #expect(try readCSV(withoutEmpty, CSVOptions(markerPolicy: .category)).table.column(named: "alley").missingCount == 0)
    }

    @Test func trimsUnquotedWhitespaceOnly() throws {
        let table = try readCSV("a , b\n  x  ,\" y \"\n").table
        #expect(table.columnNames == ["a", "b"])
        #expect(table.columns[0].text(at: 0) == "x")
        #expect(table.columns[1].text(at: 0) == " y ")
    }

    @Test func skipsBlankLinesAndReadsALastLineWithoutNewline() throws {
        let table = try readCSV("a,b\n\n1,2\n\r\n3,4").table
        #expect(table.rowCount == 2)
        #expect(table.columns[1].numbers == [2, 4])
    }

    @Test func columnTurningToTextLaterKeepsExactEarlierText() throws {
        var lines = ["code,n"]
        for i in 0..<200 { lines.append("00\(i % 7),\(i)") }
        lines.append("X-1,200")
        let table = try readCSV(lines.joined(separator: "\n") + "\n", CSVOptions(threads: 2, chunkSize: 64)).table
        let code = try table.column(named: "code")
        #expect(code.type == .categorical)
        #expect(code.text(at: 0) == "000")
        #expect(code.text(at: 3) == "003")
        #expect(code.text(at: 200) == "X-1")
        #expect(code.inference.numericShare.map { $0 > 0.99 } == true)
    }

    @Test(arguments: [(1, 1 << 20), (2, 64), (3, 150)])
    func datesParsedWhileReadingFallBackToTextWhenMixed(threads: Int, chunkSize: Int) throws {
        let options = CSVOptions(threads: threads, chunkSize: chunkSize)
        var dates = ["when,n"]
        for i in 0..<100 { dates.append("2020-01-\(String(format: "%02d", i % 28 + 1))\(i % 2 == 0 ? " 10:00:00" : ""),\(i)") }
        let pure = try readCSV(dates.joined(separator: "\n") + "\n", options).table.column(named: "when")
        #expect(pure.type == .datetime)
        #expect(pure.dateTime == DateTimeInfo(format: .isoDate, hasTime: true))
        #expect(pure.text(at: 0) == "2020-01-01 10:00:00")
        // Numbers first, dates later: neither wins, the column is text with every value as written.
        var mixed = ["when,n"]
        for i in 0..<60 { mixed.append("\(i),\(i)") }
        for i in 0..<60 { mixed.append("2020-02-\(String(format: "%02d", i % 28 + 1)),\(i)") }
        let both = try readCSV(mixed.joined(separator: "\n") + "\n", options).table.column(named: "when")
        #expect(both.type == .categorical || both.type == .identifier)
        #expect(both.text(at: 5) == "5")
        #expect(both.text(at: 60) == "2020-02-01")
        // Dates, then a word: text again, and the dates keep their text.
        let words = dates + ["soon,100"]
        let later = try readCSV(words.joined(separator: "\n") + "\n", options).table.column(named: "when")
        #expect(later.type != .datetime)
        #expect(later.text(at: 1) == "2020-01-02")
        #expect(later.text(at: 100) == "soon")
    }

    @Test(arguments: [2, 3])
    func strayQuoteInsideUnquotedFieldsSurvivesChunking(threads: Int) throws {
        // Quote parity guesses wrong here; the reader must notice and cut exactly, taking back
        // the batch it had already read ahead as well.
        var lines = ["name,height,comment"]
        for i in 0..<300 { lines.append("p\(i),5'\(i % 12)\",\"multi\nline \(i)\"") }
        let text = lines.joined(separator: "\n") + "\n"
        let small = try readCSV(text, CSVOptions(threads: threads, chunkSize: 100)).table
        let whole = try readCSV(text, CSVOptions(threads: 1, chunkSize: 1 << 20)).table
        #expect(small.rowCount == 300)
        #expect(firstDifference(cells(small), cells(whole)) == nil)
        #expect(try small.column(named: "height").text(at: 5) == "5'5\"")
    }

    /// Columns are reserved from the first block's mean line length; a file whose later lines
    /// are far shorter outgrows that and must still be read whole, numbers and text alike.
    @Test(arguments: [1, 2])
    func laterShortLinesOutgrowTheReservedRows(threads: Int) throws {
        var lines = ["note,value,label"]
        for i in 0..<100 { lines.append("\(String(repeating: "x", count: 900 + i)),\(i).5,long") }
        for i in 0..<20_000 { lines.append("n,\(i),s") }
        let table = try readCSV(lines.joined(separator: "\n") + "\n", CSVOptions(threads: threads, chunkSize: 1 << 16)).table
        #expect(table.rowCount == 20_100)
        let value = try table.column(named: "value")
        #expect(value.numbers[99] == 99.5)
        #expect(value.numbers[20_099] == 19_999)
        #expect(try table.column(named: "label").text(at: 20_099) == "s")
        #expect(try table.column(named: "note").text(at: 0)?.count == 900)
    }

    @Test func warnsAndRenamesEmptyAndDuplicateHeaderCells() throws {
        let output = try readCSV("a,,a,b,a\n1,2,3,4,5\n")
        #expect(output.table.columnNames == ["a", "column_2", "a_2", "b", "a_3"])
        #expect(
            output.warnings == [
                .emptyColumnName(column: 2, renamedTo: "column_2"),
                .duplicateColumnName(column: 3, name: "a", renamedTo: "a_2"),
                .duplicateColumnName(column: 5, name: "a", renamedTo: "a_3"),
            ])
        #expect(output.warnings[1].description.contains("repeats the name 'a'"))
    }
}
