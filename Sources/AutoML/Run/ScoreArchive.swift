import Foundation
import Learners
import Tuning

/// The scores of an `automl run`'s completed trials, out-of-fold predictions included, kept in the
/// job's store with each trial (``TrialStore/saveAttachment(study:number:data:)``) as it ends: a run
/// resumed after `kill -9` ranks, ensembles and refits the trials it keeps exactly as if it had not
/// stopped, and the job's end sees the trials that workers on other machines ran. Removed when the
/// job completes. Earlier versions kept them in the output directory (`scores/trial-N.json`);
/// those are still read, so such a job resumes.
struct ScoreArchive: Sendable {
    let store: any TrialStore
    let study: String
    /// Where earlier versions kept the scores.
    let legacyDirectory: URL

    init(store: any TrialStore, study: String, output: URL) {
        self.store = store
        self.study = study
        legacyDirectory = output.appendingPathComponent("scores", isDirectory: true)
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

    /// Keeps trial `number`'s score in the store.
    func write(_ number: Int, _ score: CandidateScore) throws {
        let width = score.outOfFold.first?.values.count ?? 0
        let stored = Stored(
            foldScores: score.foldScores, otherMetrics: score.otherMetrics, fitSeconds: score.fitSeconds,
            predictSecondsPer1000: score.predictSecondsPer1000, modelBytes: score.modelBytes, width: width,
            rows: PackedDoubles(score.outOfFold.map { Double($0.row) }), values: PackedDoubles(score.outOfFold.flatMap(\.values)))
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = Self.nonFinite
        try store.saveAttachment(study: study, number: number, data: try encoder.encode(stored))
    }

    /// Trial `number`'s score; nil when it was never written or cannot be read.
    func read(_ number: Int) -> CandidateScore? {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = Self.nonFiniteDecoding
        let kept = (try? store.attachment(study: study, number: number)) ?? nil
        let legacy = { try? Data(contentsOf: legacyDirectory.appendingPathComponent("trial-\(number).json")) }
        guard let data = kept ?? legacy(), let stored = try? decoder.decode(Stored.self, from: data),
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

    /// Removes every kept score (a store failure only leaves them in place).
    func removeAll() {
        try? store.removeAttachments(study: study)
        try? FileManager.default.removeItem(at: legacyDirectory)
    }
}
