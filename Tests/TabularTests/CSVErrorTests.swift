import Foundation
import TestSupport
import Testing

@testable import Tabular

/// Every bad input gets a typed error whose message says what, where, and how to fix it.
@Suite struct CSVErrorTests {
    func error(reading path: String, _ options: CSVOptions = CSVOptions()) -> TabularError? {
        do {
            _ = try CSVReader(options: options).read(path)
            return nil
        } catch {
            return error
        }
    }

    @Test func fileNotFound() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("absent.csv")
        let failure = error(reading: path)
        #expect(failure == .fileNotFound(path: path))
        #expect(failure?.localizedDescription.contains("no such file") == true)
    }

    @Test func directoryIsUnreadable() throws {
        let directory = try TemporaryDirectory()
        let failure = error(reading: directory.url.path)
        #expect(failure == .unreadable(path: directory.url.path, reason: "it is a directory"))
    }

    @Test(.enabled(if: getuid() != 0, "root may read any file"))
    func unreadablePermissions() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("locked.csv", "a\n1\n")
        chmod(path, 0)
        #expect(error(reading: path)?.localizedDescription.contains("cannot be read") == true)
    }

    @Test(arguments: ["", "   \n\n", "\u{FEFF}", "\u{FEFF}\r\n"])
    func emptyFile(content: String) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("empty.csv", content)
        let failure = error(reading: path)
        #expect(failure == .emptyFile(path: path))
        #expect(failure?.localizedDescription.contains("empty") == true)
    }

    @Test func headerOnly() throws {
        let directory = try TemporaryDirectory()
        for content in ["a,b,c\n", "a,b,c", "a,b,c\n\n\n"] {
            let path = try directory.write("header.csv", content)
            let failure = error(reading: path)
            #expect(failure == .headerOnly(path: path, columns: 3))
            #expect(failure?.localizedDescription.contains("no data rows") == true)
        }
    }

    @Test func raggedRowNamesLineCountsAndExcerpt() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n")
        let failure = error(reading: path)
        #expect(failure == .raggedRow(path: path, line: 3, expected: 3, found: 2, excerpt: "4,5"))
        let message = failure?.localizedDescription ?? ""
        #expect(message.contains("ragged.csv:3"))
        #expect(message.contains("expected 3 fields"))
        #expect(message.contains("found 2"))
        let tooMany = try directory.write("wide.csv", "a,b\n1,2\n3,4,5\n")
        #expect(error(reading: tooMany) == .raggedRow(path: tooMany, line: 3, expected: 2, found: 3, excerpt: "3,4,5"))
    }

    @Test func raggedRowLineIsExactDeepInAChunkedFile() throws {
        var lines = ["a,b,c"]
        for i in 0..<500 { lines.append("\"x\ny\",\(i),\(i)") }  // every record spans two lines
        lines.insert(String(repeating: "z", count: 100) + ",1", at: 400)  // record 400 starts on line 2*399+2
        let directory = try TemporaryDirectory()
        let path = try directory.write("deep.csv", lines.joined(separator: "\n") + "\n")
        for (threads, chunkSize) in [(1, 1 << 20), (2, 128), (3, 333)] {
            let failure = error(reading: path, CSVOptions(threads: threads, chunkSize: chunkSize))
            guard case .raggedRow(_, let line, let expected, let found, let excerpt) = failure else {
                Issue.record("expected a ragged-row error, got \(String(describing: failure))")
                continue
            }
            #expect(line == 800)
            #expect(expected == 3 && found == 2)
            #expect(excerpt.count == 81 && excerpt.hasSuffix("…"))
        }
    }

    @Test func unterminatedQuoteNamesTheLineItOpened() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("quote.csv", "a,b\n1,2\n3,\"open\n4,5\n6,7\n")
        let failure = error(reading: path)
        #expect(failure == .unterminatedQuote(path: path, line: 3))
        #expect(failure?.localizedDescription.contains("never closed") == true)
        let inHeader = try directory.write("header-quote.csv", "a,\"b\n1,2\n")
        #expect(error(reading: inHeader) == .unterminatedQuote(path: inHeader, line: 1))
        let chunked = error(reading: path, CSVOptions(threads: 2, chunkSize: 64))
        #expect(chunked == .unterminatedQuote(path: path, line: 3))
    }

    @Test func utf16AndUtf32AreNamedByTheirMarkOrTheirZeroBytes() throws {
        let directory = try TemporaryDirectory()
        let text = "name,age\nAda,36\nAlan,41\n"
        func utf16(_ bigEndian: Bool) -> [UInt8] {
            text.utf16.flatMap { unit in bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        }
        let utf32LE = text.unicodeScalars.flatMap { scalar in (0..<4).map { UInt8((scalar.value >> (8 * $0)) & 0xFF) } }
        let utf32BE = text.unicodeScalars.flatMap { scalar in (0..<4).reversed().map { UInt8((scalar.value >> (8 * $0)) & 0xFF) } }
        let cases: [(String, [UInt8], String)] = [
            ("le.csv", [0xFF, 0xFE] + utf16(false), "UTF-16LE"),
            ("be.csv", [0xFE, 0xFF] + utf16(true), "UTF-16BE"),
            ("le-no-mark.csv", utf16(false), "UTF-16LE"),
            ("be-no-mark.csv", utf16(true), "UTF-16BE"),
            ("le32.csv", [0xFF, 0xFE, 0, 0] + utf32LE, "UTF-32LE"),
            ("be32.csv", [0, 0, 0xFE, 0xFF] + utf32BE, "UTF-32BE"),
        ]
        for (name, bytes, encoding) in cases {
            let path = try directory.write(name, bytes: bytes)
            let failure = error(reading: path)
            #expect(failure == .wideEncoding(path: path, encoding: encoding), "\(name)")
            #expect(failure?.localizedDescription.contains("iconv -f \(encoding) -t UTF-8") == true)
        }
    }

    @Test func linesEndingWithCarriageReturnsAloneAreRead() throws {
        let directory = try TemporaryDirectory()
        let rows = (0..<500).map { "r\($0),\($0),\"a\rb\"" }
        let path = try directory.write("mac.csv", (["name,number,note"] + rows).joined(separator: "\r") + "\r")
        for (threads, chunkSize) in [(1, 1 << 20), (2, 256), (3, 333)] {
            let table = try CSVReader(options: CSVOptions(threads: threads, chunkSize: chunkSize)).read(path).table
            #expect(table.rowCount == 500 && table.columnNames == ["name", "number", "note"], "threads \(threads), chunk \(chunkSize)")
            #expect(try table.column(named: "number").numbers.last == 499)
            #expect(try table.column(named: "name").text(at: 7) == "r7")
        }
    }

    @Test func invalidUTF8GivesByteOffsetLineAndHint() throws {
        let directory = try TemporaryDirectory()
        // "name\nJos\xE9\n": Latin-1 é at byte offset 8 on line 2.
        let path = try directory.write("latin1.csv", bytes: Array("name\nJos".utf8) + [0xE9] + Array("\n".utf8))
        let failure = error(reading: path)
        #expect(failure == .invalidUTF8(path: path, byteOffset: 8, line: 2))
        let message = failure?.localizedDescription ?? ""
        #expect(message.contains("byte offset 8"))
        #expect(message.contains("iconv"))
        let inHeader = try directory.write("bad-header.csv", bytes: Array("na".utf8) + [0xFF] + Array("me\nx\n".utf8))
        #expect(error(reading: inHeader) == .invalidUTF8(path: inHeader, byteOffset: 2, line: 1))
    }

    @Test func targetNotFoundListsThreeClosestNames() throws {
        let table = try readCSV("Survived,Pclass,Sex,Age,Fare\n1,3,m,22,7.25\n").table
        #expect(throws: TabularError.columnNotFound(name: "survived", closest: ["Survived", "Sex", "Fare"])) {
            try table.column(named: "survived")
        }
        let message = TabularError.columnNotFound(name: "survived", closest: ["Survived", "Sex", "Fare"]).localizedDescription
        #expect(message.contains("Did you mean 'Survived', 'Sex', 'Fare'?"))
    }
}
