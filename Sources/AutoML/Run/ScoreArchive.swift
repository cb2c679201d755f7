import Foundation
import Learners

/// The scores of an `automl run`'s completed trials, kept on disk in its output directory
/// (`scores/trial-N.json`) as each trial ends, out-of-fold predictions included, so that a run
/// resumed after `kill -9` ranks, ensembles and refits the trials it keeps exactly as if it had not
/// stopped. Removed when the job completes.
struct ScoreArchive: Sendable {
    let directory: URL

    init(output: URL) {
        directory = output.appendingPathComponent("scores", isDirectory: true)
    }

    /// One score as stored: numbers packed exactly (see ``PackedDoubles``).
    private struct Stored: Codable {
        var foldScores: [Double]
        var otherMetrics: [String: Double]
        var fitSeconds: Double
        var predictSecondsPer1000: Double
        var modelBytes: Int
        /// Values per out-of-fold row (classes, or 1 for regression).
        var width: Int
        var rows: PackedDoubles
        var values: PackedDoubles
    }

    private static let nonFinite = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    private static let nonFiniteDecoding = JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    func file(_ number: Int) -> URL { directory.appendingPathComponent("trial-\(number).json") }

    /// Writes trial `number`'s score (atomically: a reader never sees half a file).
    func write(_ number: Int, _ score: CandidateScore) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let width = score.outOfFold.first?.values.count ?? 0
        let stored = Stored(
            foldScores: score.foldScores, otherMetrics: score.otherMetrics, fitSeconds: score.fitSeconds,
            predictSecondsPer1000: score.predictSecondsPer1000, modelBytes: score.modelBytes, width: width,
            rows: PackedDoubles(score.outOfFold.map { Double($0.row) }), values: PackedDoubles(score.outOfFold.flatMap(\.values)))
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = Self.nonFinite
        try encoder.encode(stored).write(to: file(number), options: .atomic)
    }

    /// Trial `number`'s score; nil when it was never written or cannot be read.
    func read(_ number: Int) -> CandidateScore? {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = Self.nonFiniteDecoding
        guard let data = try? Data(contentsOf: file(number)), let stored = try? decoder.decode(Stored.self, from: data),
            stored.values.values.count == stored.rows.values.count * stored.width
        else { return nil }
        let values = stored.values.values
        let outOfFold = stored.rows.values.enumerated().map { index, row in
            (row: Int(row), values: Array(values[index * stored.width..<(index + 1) * stored.width]))
        }
        return CandidateScore(
            foldScores: stored.foldScores, otherMetrics: stored.otherMetrics, fitSeconds: stored.fitSeconds,
            predictSecondsPer1000: stored.predictSecondsPer1000, modelBytes: stored.modelBytes, outOfFold: outOfFold)
    }

    /// Removes every kept score.
    func removeAll() {
        try? FileManager.default.removeItem(at: directory)
    }
}
