/// Reads a CSV file into a typed ``Table``.
///
/// The file streams through in chunks of ``CSVOptions/chunkSize`` bytes, cut at record boundaries
/// and parsed on ``CSVOptions/threads`` threads at once; raw bytes are dropped as soon as their
/// chunk is parsed, so memory stays near the size of the parsed columns. Each column starts as
/// numbers and becomes dictionary-encoded text at its first non-number; types are then inferred
/// from the whole column (see ``ColumnType`` and ``Column/inference``).
public struct CSVReader: Sendable {
    /// What reading a file gave.
    public struct Output: Sendable {
        public var table: Table
        /// Repairs made to the header (renamed columns).
        public var warnings: [TabularWarning]
        /// The delimiter used (sniffed unless given).
        public var delimiter: UInt8
    }

    public var options: CSVOptions

    public init(options: CSVOptions = CSVOptions()) {
        self.options = options
    }

    /// Reads the file at `path`.
    /// - Throws: ``TabularError`` naming the file, line or byte, and what to do.
    public func read(_ path: String) throws(TabularError) -> Output {
        let source = try FileSource(path: path)
        let firstRead = max(options.chunkSize, 1 << 16)
        var head = try source.read(firstRead)
        var endOfFile = head.count < firstRead
        var start = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if head[start...].allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) && endOfFile {
            throw .emptyFile(path: path)
        }
        let delimiter = options.delimiter ?? head.withUnsafeBufferPointer { buffer in
            DelimiterSniffer.sniff(UnsafeBufferPointer(rebasing: buffer[start...]))
        }

        // The first record: the header, or the first data row that fixes the column count.
        var first: (fields: [String], end: Int, newlines: Int)?
        while true {
            first = try HeaderRecord.read(head, from: start, delimiter: delimiter, final: endOfFile, path: path)
            if first != nil || endOfFile { break }
            let before = head.count
            head = try source.read(firstRead, after: head)
            endOfFile = head.count - before < firstRead
        }
        guard let record = first else { throw .emptyFile(path: path) }
        let columnCount = record.fields.count
        let (names, warnings) = options.hasHeader
            ? HeaderRecord.uniqueNames(record.fields)
            : ((1...columnCount).map { "column_\($0)" }, [])
        let dataStart = options.hasHeader ? record.end : start
        var lineBase = options.hasHeader ? record.newlines : 0

        var splitter = ChunkSplitter(
            source: source, chunkSize: options.chunkSize, delimiter: delimiter,
            carry: Array(head[dataStart...]), carryOffset: dataStart, endOfFile: endOfFile)
        head = []
        let markers = MissingMarkers(options.missingMarkers)
        var textColumns = [Bool](repeating: false, count: columnCount)
        var results: [ChunkResult] = []

        batches: while true {
            var batch: [ChunkSplitter.Chunk] = []
            while batch.count < options.threads, let chunk = try splitter.next() {
                batch.append(chunk)
                if chunk.isFinal { break }
            }
            if batch.isEmpty { break }
            let known = textColumns
            let parsed = ParallelLoop.map(batch.count, threads: options.threads) { [batch] k in
                batch[k].bytes.withUnsafeBufferPointer { bytes in
                    var result = ChunkParser.parse(bytes, columnCount: columnCount, delimiter: delimiter, textColumns: known, markers: markers)
                    result.fileOffset = batch[k].fileOffset
                    result.byteCount = bytes.count
                    return result
                }
            }
            for (k, result) in parsed.enumerated() {
                switch result.outcome {
                case .complete:
                    lineBase += result.newlines
                    for c in 0..<columnCount where result.columns[c].isText { textColumns[c] = true }
                    results.append(result)
                case let .openQuote(line):
                    if batch[k].isFinal { throw .unterminatedQuote(path: path, line: lineBase + line + 1) }
                    // Quote parity cut inside a quoted field: re-cut this and the later chunks exactly.
                    splitter.putBack(Array(batch[k...]))
                    continue batches
                case let .ragged(line, found, excerpt):
                    throw .raggedRow(path: path, line: lineBase + line + 1, expected: columnCount, found: found, excerpt: excerpt)
                case let .invalidUTF8(offset, line):
                    throw .invalidUTF8(path: path, byteOffset: batch[k].fileOffset + offset, line: lineBase + line + 1)
                }
            }
        }
        if results.reduce(0, { $0 + $1.rows }) == 0 {
            if options.hasHeader { throw .headerOnly(path: path, columns: columnCount) }
            throw .emptyFile(path: path)
        }
        try reparseNumericChunksOfTextColumns(&results, textColumns: textColumns, source: source, delimiter: delimiter, markers: markers)
        let table = assemble(results, names: names, textColumns: textColumns, markers: markers)
        return Output(table: table, warnings: warnings, delimiter: delimiter)
    }

    /// A column that turned to text in a later chunk was read as numbers in earlier ones: read
    /// those chunks again from the file, with the column as text, so every value keeps its text.
    private func reparseNumericChunksOfTextColumns(
        _ results: inout [ChunkResult], textColumns: [Bool], source: FileSource, delimiter: UInt8, markers: MissingMarkers
    ) throws(TabularError) {
        let stale = results.indices.filter { k in
            textColumns.indices.contains { textColumns[$0] && !results[k].columns[$0].isText }
        }
        if stale.isEmpty { return }
        var chunks: [[UInt8]] = []
        for k in stale { chunks.append(try source.read(at: results[k].fileOffset, count: results[k].byteCount)) }
        let columnCount = textColumns.count
        let reparsed = ParallelLoop.map(stale.count, threads: options.threads) { [chunks] i in
            chunks[i].withUnsafeBufferPointer { bytes in
                ChunkParser.parse(bytes, columnCount: columnCount, delimiter: delimiter, textColumns: textColumns, markers: markers)
            }
        }
        for (i, k) in stale.enumerated() {
            for c in 0..<columnCount where textColumns[c] && !results[k].columns[c].isText {
                results[k].columns[c] = reparsed[i].columns[c]
            }
        }
    }

    private func assemble(_ results: [ChunkResult], names: [String], textColumns: [Bool], markers: MissingMarkers) -> Table {
        let usesEmptyFields = results.contains { $0.columns.contains { $0.emptyCount > 0 } }
        let keepMarkers: Bool
        switch options.markerPolicy {
        case .automatic: keepMarkers = usesEmptyFields
        case .missing: keepMarkers = false
        case .category: keepMarkers = true
        }
        // Column by column, so each column's chunk buffers can be freed once it is joined.
        var byColumn: [[ChunkColumn]] = names.indices.map { c in results.map { $0.columns[c] } }
        let box = ColumnParts(byColumn)
        byColumn = []
        let columns = ParallelLoop.map(names.count, threads: options.threads) { c in
            let parts = box.take(c)
            if textColumns[c] {
                let (codes, levels) = ColumnAssembler.text(parts)
                return TypeInference.textColumn(name: names[c], codes: codes, levels: levels, markers: markers.strings, keepMarkers: keepMarkers)
            }
            let (values, integral) = ColumnAssembler.numbers(parts)
            return TypeInference.numericColumn(name: names[c], values: values, integral: integral)
        }
        return Table(columns: columns)
    }
}

/// Hands each column's chunks to exactly one assembling thread, releasing them from the shared list.
private final class ColumnParts: @unchecked Sendable {
    private var parts: [[ChunkColumn]]
    private let lock = NSLock()

    init(_ parts: [[ChunkColumn]]) { self.parts = parts }

    func take(_ column: Int) -> [ChunkColumn] {
        lock.lock()
        defer { lock.unlock() }
        let taken = parts[column]
        parts[column] = []
        return taken
    }
}

import Foundation
