import Foundation
import TestSupport
import Testing

@testable import Tabular

@Suite struct TypeInferenceTests {
    /// A one-column file with these values.
    func column(_ values: [String], name: String = "v") throws -> Column {
        try readCSV(([name] + values).joined(separator: "\n") + "\n").table.column(named: name)
    }

    @Test func integersRealsAndBooleans() throws {
        #expect(try column(["1", "2", "", "40"]).type == .integer)
        #expect(try column(["1", "2.5", "-3e2"]).type == .real)
        #expect(try column(["1.0", "2.0"]).type == .real)
        let flag = try column(["0", "1", "1", ""])
        #expect(flag.type == .boolean)
        #expect(flag.text(at: 1) == "1")
        let words = try column(["Yes", "no", "Yes"])
        #expect(words.type == .boolean)
        #expect(words.numbers == [1, 0, 1])
        #expect(words.booleanLabels == ["no", "Yes"])
        #expect(try column(["TRUE", "FALSE"]).type == .boolean)
        // Only one of the two values: not a boolean but a constant.
        #expect(try column(["0", "0"]).type == .integer)
    }

    @Test func categoricalTextAndIdentifiers() throws {
        let colours = (0..<40).map { ["red", "green", "blue"][$0 % 3] }
        #expect(try column(colours).type == .categorical)
        let sentences = (0..<40).map { "the quick fox number \($0)" }
        #expect(try column(sentences).type == .text)
        let codes = (0..<40).map { "AB\($0)X" }
        #expect(try column(codes).type == .identifier)
        let rowNumbers = (0..<40).map { String(100 + $0) }
        #expect(try column(rowNumbers.shuffled(), name: "n").type == .identifier)
        let keyed = (0..<40).map { String($0 * 7919 % 100_003) }
        #expect(try column(keyed, name: "CustomerId").type == .identifier)
        // Distinct whole numbers that neither run without gaps nor are named like a key: integers.
        #expect(try column(keyed, name: "price").type == .integer)
        // Too few rows to call anything an identifier.
        #expect(try column(["a1", "b2", "c3"]).type == .categorical)
    }

    @Test func mixedTypesAreTextWithTheirNumericShare() throws {
        let values = (0..<30).map(String.init) + ["n/a-ish", "unknown"]
        let mixed = try column(values)
        #expect(mixed.type == .categorical || mixed.type == .identifier)
        #expect(abs((mixed.inference.numericShare ?? 0) - 30.0 / 32.0) < 1e-12)
    }

    @Test func datetimeLayouts() throws {
        let iso = try column(["2019-03-23 20:21:09", "2019-03-04 16:11:55", ""])
        #expect(iso.type == .datetime)
        #expect(iso.dateTime == DateTimeInfo(format: .isoDate, hasTime: true))
        #expect(iso.numbers[0] == 1_553_372_469)
        #expect(iso.text(at: 0) == "2019-03-23 20:21:09")
        #expect(try column(["2020-01-01T10:00:00Z", "2020-01-02T10:00:00+02:00"]).numbers == [1_577_872_800, 1_577_952_000])
        #expect(try column(["2020/01/31", "2020/02/29"]).dateTime?.format == .yearFirstSlash)
        #expect(try column(["31.01.2020", "29.02.2020"]).dateTime?.format == .dayFirstDotted)
        #expect(try column(["01/31/2020", "02/01/2020"]).dateTime?.format == .monthFirstSlash)
        #expect(try column(["31/01/2020", "01/02/2020"]).dateTime?.format == .dayFirstSlash)
        let ambiguous = try column(["01/02/2020", "03/04/2020"])
        #expect(ambiguous.dateTime?.format == .monthFirstSlash)
        #expect(ambiguous.inference.reason.contains("also valid as DD/MM/YYYY"))
        // February 30th is not a date: the column stays text.
        #expect(try column(["2020-02-30", "2020-03-01"]).type == .categorical)
    }

    @Test func allMissingColumnIsRealAndEntirelyMissing() throws {
        let empty = try readCSV("v,w\n,1\nNA,2\n,3\n").table.column(named: "v")
        #expect(empty.type == .real)
        #expect(empty.missingCount == 3)
    }

    @Test func identifierNameHints() {
        #expect(TypeInference.nameSuggestsIdentifier("CustomerId"))
        #expect(TypeInference.nameSuggestsIdentifier("PID"))
        #expect(TypeInference.nameSuggestsIdentifier("order_id"))
        #expect(TypeInference.nameSuggestsIdentifier("RowNumber"))
        #expect(!TypeInference.nameSuggestsIdentifier("paid"))
        #expect(!TypeInference.nameSuggestsIdentifier("fluid volume"))
    }
}
