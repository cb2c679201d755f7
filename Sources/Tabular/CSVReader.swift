import Foundation

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
    /// The name of a UTF-16 or UTF-32 encoding whose byte-order mark opens `head`, or whose zero
    /// bytes beside ASCII betray it; nil for UTF-8 (and anything else, left to the UTF-8 check).
    static func wideEncoding(_ head: [UInt8]) -> String? {
        if head.starts(with: [0xFF, 0xFE, 0, 0]) { return "UTF-32LE" }
        if head.starts(with: [0, 0, 0xFE, 0xFF]) { return "UTF-32BE" }
        if head.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if head.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        // Without a mark: ASCII text in UTF-16 has a zero in every other byte.
        let sample = head.prefix(64)
        guard sample.count >= 8, sample.count % 2 == 0 else { return nil }
        let evens = stride(from: 0, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
        let odds = stride(from: 1, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
        let half = sample.count / 2
        if odds == half, evens == 0 { return "UTF-16LE" }
        if evens == half, odds == 0 { return "UTF-16BE" }
        return nil
    }

    /// Reads the CSV file at `path`.
    public func read(_ path: String) throws(TabularError) -> Output {
        try read(from: try FileSource(path: path))
    }

    /// Reads CSV text held in memory (a request body) exactly as a file with those bytes would be
    /// read; `name` stands for the file in error messages.
    public func read(bytes: [UInt8], name: String) throws(TabularError) -> Output {
        try read(from: FileSource(bytes: bytes, name: name))
    }

    /// The fields of the first record of CSV text in memory (after a byte-order mark and blank
    /// lines), split exactly as ``read(bytes:name:)`` splits a header; nil when there is none or it
    /// cannot be read (an open quote, invalid UTF-8), which a full read then reports.
    public static func firstRecord(of bytes: [UInt8], delimiter: UInt8) -> [String]? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        return (try? HeaderRecord.read(bytes, from: start, delimiter: delimiter, final: true, path: ""))??.fields
    }

    private func read(from source: FileSource) throws(TabularError) -> Output {
        let path = source.path
        let firstRead = max(options.chunkSize, 1 << 16)
        var head = try source.read(firstRead)
        var endOfFile = head.count < firstRead
        if let encoding = Self.wideEncoding(head) { throw .wideEncoding(path: path, encoding: encoding) }
        if !head.contains(10), head.contains(13) {
            // Lines end with CR alone: read every CR as LF, from the first byte on.
            source.carriageReturnsAreNewlines = true
            head = head.map { $0 == 13 ? 10 : $0 }
        }
        var start = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if head[start...].allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) && endOfFile {
            throw .emptyFile(path: path)
        }
        let delimiter =
            options.delimiter
            ?? head.withUnsafeBufferPointer { buffer in
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
        let (names, warnings) =
            options.hasHeader
            ? HeaderRecord.uniqueNames(record.fields)
            : ((1...columnCount).map { "column_\($0)" }, [])
        let dataStart = options.hasHeader ? record.end : start
        var lineBase = options.hasHeader ? record.newlines : 0

        let rowBound = try Self.rowBound(head: head, from: dataStart, endOfFile: endOfFile, source: source, threads: options.threads)
        let splitter = ChunkSplitter(
            source: source, chunkSize: options.chunkSize, delimiter: delimiter,
            carry: Array(head[dataStart...]), carryOffset: dataStart, endOfFile: endOfFile)
        let batches = BatchPrefetcher(splitter, batchSize: options.threads)
        let markers = MissingMarkers(options.missingMarkers)
        let builders = names.map { ColumnBuilder(name: $0, capacity: rowBound) }
        var textColumns = probeTextColumns(head, from: dataStart, columnCount: columnCount, delimiter: delimiter, markers: markers)
        for c in 0..<columnCount where textColumns[c] { builders[c].convertToText([]) }
        head = []
        var chunkLog: [(fileOffset: Int, byteCount: Int)] = []
        var rows = 0

        batches: while true {
            var batch = try batches.next()
            if batch.isEmpty { break }
            if batch.last?.isFinal == false { batches.prefetch() }
            var parsed = parse(batch.map(\.bytes), columnCount: columnCount, delimiter: delimiter, textColumns: textColumns, markers: markers)
            for (k, result) in parsed.enumerated() {
                switch result.outcome {
                case .complete:
                    continue
                case .openQuote(let line):
                    if batch[k].isFinal { throw .unterminatedQuote(path: path, line: lineBase + lines(parsed, before: k) + line + 1) }
                    // Quote parity cut inside a quoted field: re-cut this and the later chunks exactly.
                    batches.putBack(Array(batch[k...]))
                    batch.removeSubrange(k...)
                    parsed.removeSubrange(k...)
                case .ragged(let line, let found, let excerpt):
                    throw .raggedRow(
                        path: path, line: lineBase + lines(parsed, before: k) + line + 1, expected: columnCount, found: found, excerpt: excerpt)
                case .invalidUTF8(let offset, let line):
                    throw .invalidUTF8(path: path, byteOffset: batch[k].fileOffset + offset, line: lineBase + lines(parsed, before: k) + line + 1)
                }
                break
            }
            if parsed.isEmpty { continue batches }
            // A column that meets text for the first time: earlier chunks are read again with it as
            // text (so values like "007" keep their text), and so is this batch.
            let newlyText = (0..<columnCount).filter { c in
                !textColumns[c] && (parsed.contains { $0.columns[c].isText } || mixesNumbersAndDates(parsed.map { $0.columns[c] }, builders[c]))
            }
            if !newlyText.isEmpty {
                for c in newlyText { textColumns[c] = true }
                let earlier = try reparse(
                    chunkLog, source: source, columnCount: columnCount, delimiter: delimiter, textColumns: textColumns, markers: markers)
                for c in newlyText { builders[c].convertToText(earlier.map { $0.columns[c] }) }
                let stale = parsed.indices.filter { k in newlyText.contains { !parsed[k].columns[$0].isText } }
                let again = parse(
                    stale.map { batch[$0].bytes }, columnCount: columnCount, delimiter: delimiter, textColumns: textColumns, markers: markers)
                for (i, k) in stale.enumerated() { parsed[k] = again[i] }
            }
            let results = parsed
            ParallelLoop.forEach(columnCount, threads: options.threads) { c in
                for result in results { builders[c].append(result.columns[c]) }
            }
            for (chunk, result) in zip(batch, parsed) {
                chunkLog.append((chunk.fileOffset, chunk.bytes.count))
                lineBase += result.newlines
                rows += result.rows
            }
        }
        if rows == 0 {
            if options.hasHeader { throw .headerOnly(path: path, columns: columnCount) }
            throw .emptyFile(path: path)
        }
        let keepMarkers: Bool
        switch options.markerPolicy {
        case .automatic: keepMarkers = builders.contains { $0.emptyCount > 0 }
        case .missing: keepMarkers = false
        case .category: keepMarkers = true
        }
        let columns = ParallelLoop.map(columnCount, threads: options.threads) { c in
            builders[c].finish(markers: markers.strings, keepMarkers: keepMarkers)
        }
        return Output(table: Table(columns: columns), warnings: warnings, delimiter: delimiter)
    }

    /// The rows to reserve every column for: exact when the whole file is in `head`, else the
    /// data bytes over the mean length of `head`'s whole lines, plus a quarter. A column grows
    /// past it if the rest of the file has much shorter lines; capacity never written costs no
    /// memory. With no whole line in `head`, every newline of the file is counted.
    ///
    /// Measured reason: counting every newline first read the whole file once more before any
    /// parsing. Reading the 1M × 50 file, 10 alternating pairs: median 0.77 s against 0.81 s.
    private static func rowBound(
        head: [UInt8], from dataStart: Int, endOfFile: Bool, source: FileSource, threads: Int
    ) throws(TabularError) -> Int {
        let lines = head.withUnsafeBufferPointer { ChunkParser.countNewlines(UnsafeBufferPointer(rebasing: $0[dataStart...])) }
        if endOfFile { return lines + 1 }
        guard lines > 0, let lastNewline = head.lastIndex(of: UInt8(ascii: "\n")) else {
            return try source.countNewlines(from: dataStart, threads: threads) + 1
        }
        let meanLength = Double(lastNewline + 1 - dataStart) / Double(lines)
        let dataBytes = Double(max(0, try source.size() - dataStart))
        return Int((dataBytes / meanLength * 1.25).rounded(.up)) + 1
    }

    /// The columns that hold text among the first 256 KB of data rows, so that the first chunks
    /// start with them as text instead of discovering it and parsing again.
    private func probeTextColumns(
        _ head: [UInt8], from start: Int, columnCount: Int, delimiter: UInt8, markers: MissingMarkers
    ) -> [Bool] {
        let none = [Bool](repeating: false, count: columnCount)
        let end = min(head.count, start + (256 << 10))
        guard start < end else { return none }
        return head.withUnsafeBufferPointer { buffer in
            let window = UnsafeBufferPointer(rebasing: buffer[start..<end])
            guard let cut = RecordBoundary.precise(window, delimiter: delimiter) else { return none }
            let probe = ChunkParser.parse(
                UnsafeBufferPointer(rebasing: window[0..<cut]), columnCount: columnCount, delimiter: delimiter,
                textColumns: none, markers: markers)
            guard probe.outcome == .complete else { return none }
            return probe.columns.map(\.isText)
        }
    }

    /// Whether a column's chunks, with what the builder already holds, mix numbers and dates.
    private func mixesNumbersAndDates(_ parts: [ChunkColumn], _ builder: ColumnBuilder) -> Bool {
        let kinds = Set(parts.filter { $0.presentCount > 0 }.map(\.kind) + (builder.valueKind.map { [$0] } ?? []))
        return kinds.count > 1
    }

    /// Newlines in the chunks before `k` of a batch.
    private func lines(_ parsed: [ChunkResult], before k: Int) -> Int {
        parsed[..<k].reduce(0) { $0 + $1.newlines }
    }

    /// Parses a batch of chunks, one per thread.
    private func parse(
        _ chunks: [[UInt8]], columnCount: Int, delimiter: UInt8, textColumns: [Bool], markers: MissingMarkers
    ) -> [ChunkResult] {
        ParallelLoop.map(chunks.count, threads: options.threads) { k in
            chunks[k].withUnsafeBufferPointer { bytes in
                ChunkParser.parse(bytes, columnCount: columnCount, delimiter: delimiter, textColumns: textColumns, markers: markers)
            }
        }
    }

    /// Reads logged chunks again from the file and parses them with `textColumns`.
    private func reparse(
        _ log: [(fileOffset: Int, byteCount: Int)], source: FileSource, columnCount: Int, delimiter: UInt8,
        textColumns: [Bool], markers: MissingMarkers
    ) throws(TabularError) -> [ChunkResult] {
        var results: [ChunkResult] = []
        for entry in log {
            let bytes = try source.read(at: entry.fileOffset, count: entry.byteCount)
            results.append(contentsOf: parse([bytes], columnCount: columnCount, delimiter: delimiter, textColumns: textColumns, markers: markers))
        }
        return results
    }
}
