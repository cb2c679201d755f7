import Foundation

/// What a running script prints: written byte for byte to its log files, cut into lines, searched
/// for metrics. Objective values go to the study as intermediate values as they appear.
actor TrialOutput {
    enum Stream: Int, Sendable {
        case standardOutput = 0
        case standardError = 1
    }

    /// The lines kept for a failure message.
    static let keptLines = 20
    /// Longer lines are searched and kept only up to this many bytes (a script printing megabytes
    /// without a newline must not hold them all).
    static let maximumLineBytes = 1 << 16

    let parser: MetricParser
    let objective: String
    let reporter: TrialReporter
    private let logs: [FileHandle]
    private var partial: [[UInt8]] = [[], []]
    private var partialOverflow = [false, false]
    /// The last lines of each stream.
    private var tails: [[String]] = [[], []]
    private var matchCounts: [String: Int] = [:]
    /// The last value of every metric, by name.
    private(set) var finalValues: [String: Double] = [:]
    /// The last objective value printed (NaN or infinite when the script printed so).
    private(set) var objectiveValue: Double?
    /// The objective's latest finite value (what a stopped trial keeps).
    private(set) var latestFiniteObjective: Double?
    /// Set when the stopping rule says stop.
    private(set) var stopRequested = false
    /// Set once both streams have ended.
    private(set) var streamsEnded = 0

    init(parser: MetricParser, objective: String, reporter: TrialReporter, standardOutputLog: String, standardErrorLog: String) throws {
        self.parser = parser
        self.objective = objective
        self.reporter = reporter
        var handles: [FileHandle] = []
        for path in [standardOutputLog, standardErrorLog] {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            handles.append(try FileHandle(forWritingTo: URL(fileURLWithPath: path)))
        }
        logs = handles
    }

    /// Logs `bytes` and handles every line they complete.
    func consume(_ bytes: [UInt8], from stream: Stream) async throws {
        try logs[stream.rawValue].write(contentsOf: bytes)
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            append(bytes[start..<index], to: stream)
            try await endLine(stream)
            start = index + 1
        }
        append(bytes[start...], to: stream)
    }

    /// Handles the unterminated last line of `stream` and closes its log.
    func finish(_ stream: Stream) async throws {
        if !partial[stream.rawValue].isEmpty || partialOverflow[stream.rawValue] { try await endLine(stream) }
        try logs[stream.rawValue].close()
        streamsEnded += 1
    }

    private func append(_ bytes: ArraySlice<UInt8>, to stream: Stream) {
        let room = Self.maximumLineBytes - partial[stream.rawValue].count
        if bytes.count > room { partialOverflow[stream.rawValue] = true }
        partial[stream.rawValue] += bytes.prefix(max(0, room))
    }

    private func endLine(_ stream: Stream) async throws {
        var bytes = partial[stream.rawValue]
        partial[stream.rawValue].removeAll(keepingCapacity: true)
        partialOverflow[stream.rawValue] = false
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        tails[stream.rawValue].append(line.count > 400 ? String(line.prefix(400)) + "…" : line)
        if tails[stream.rawValue].count > Self.keptLines { tails[stream.rawValue].removeFirst() }
        for match in parser.matches(in: line) {
            guard let value = match.value else { continue }
            let count = (matchCounts[match.metric] ?? 0) + 1
            matchCounts[match.metric] = count
            finalValues[match.metric] = value
            guard match.metric == objective else { continue }
            objectiveValue = value
            guard value.isFinite else { continue }
            latestFiniteObjective = value
            if try await reporter.report(step: match.step ?? count, value: value) { stopRequested = true }
        }
    }

    /// The last 20 lines the script printed: standard output's, then standard error's (where
    /// tracebacks go), each stream getting at least half when it has that many. The two streams
    /// arrive through separate pipes, so their relative order is not known; this split does not
    /// depend on it.
    var lastLines: [String] {
        let (out, err) = (tails[0], tails[1])
        let half = Self.keptLines / 2
        let errorCount = min(err.count, max(half, Self.keptLines - out.count))
        let outputCount = min(out.count, Self.keptLines - errorCount)
        return Array(out.suffix(outputCount)) + Array(err.suffix(errorCount))
    }

    /// Writes `metrics.json`: the last value of every metric (non-finite values as text).
    func writeMetrics(to path: String) {
        var object: [String: Any] = [:]
        for (name, value) in finalValues { object[name] = value.isFinite ? value : "\(value)" }
        if let data = try? TrialWorkspace.sortedJSON(object) {
            try? data.write(to: URL(fileURLWithPath: path))
        }
    }
}
