import Foundation
import Learners
import Tuning

/// One evaluated pipeline written to a file (`DIR/candidates/trial-N.json`), so that `automl run
/// --candidate FILE` evaluates exactly that pipeline again (its candidate, hyperparameters and trial
/// seed, on the same folds for the same data and job seed) without searching.
public struct CandidateFile: Codable, Sendable, Equatable {
    public static let currentFormatVersion = 1
    public var formatVersion: Int
    /// The trial that evaluated it, its candidate id and algorithm.
    public var trial: Int
    public var candidate: String
    public var algorithm: String
    public var hyperparameters: Assignment
    /// The trial's seed (the learner's randomness), and the job's (folds and preprocessing).
    public var trialSeed: UInt64
    public var jobSeed: UInt64
    /// Threads the learner used: sums split over threads round differently, so a replay uses as many.
    public var threads: Int
    /// The SHA-256 of the data it was evaluated on, and the validation score it got there.
    public var dataSHA256: String
    public var metric: String
    public var score: Double

    public init(entry: Leaderboard.Entry, jobSeed: UInt64, threads: Int, dataSHA256: String, metric: Metric) {
        formatVersion = Self.currentFormatVersion
        trial = entry.trial
        candidate = entry.candidate.id
        algorithm = entry.candidate.algorithm
        hyperparameters = entry.hyperparameters
        trialSeed = entry.seed
        self.jobSeed = jobSeed
        self.threads = threads
        self.dataSHA256 = dataSHA256
        self.metric = metric.rawValue
        score = entry.score.mean
    }

    /// The file name inside the job folder.
    public static func path(trial: Int) -> String { "candidates/trial-\(trial).json" }

    /// Reads a candidate file.
    /// - Throws: ``AutoMLError/unreadableFile(path:reason:)`` naming what is wrong.
    public static func read(_ path: String) throws -> CandidateFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AutoMLError.unreadableFile(
                path: path, reason: "no such file; --candidate takes a candidates/trial-N.json file an `automl run` wrote")
        }
        let file: CandidateFile
        do {
            file = try JSONDecoder().decode(CandidateFile.self, from: data)
        } catch {
            throw AutoMLError.unreadableFile(path: path, reason: "it is not an automl candidate file (\(error))")
        }
        guard file.formatVersion == currentFormatVersion else {
            throw AutoMLError.unreadableFile(
                path: path, reason: "it has format version \(file.formatVersion); this automl reads version \(currentFormatVersion)")
        }
        return file
    }

    /// The joint-space assignment that is this pipeline (the algorithm choice and its own
    /// hyperparameters under their joint names).
    var jointAssignment: Assignment {
        var values: [String: ParameterValue] = [CandidateGenerator.choice: .label(candidate)]
        for (name, value) in hyperparameters.values { values["\(candidate).\(name)"] = value }
        return Assignment(values)
    }

    /// Refuses a replay whose data, seed or algorithms differ from the evaluation's.
    /// - Throws: ``AutoMLError/invalidSetting(name:reason:)`` saying what to change.
    func check(dataSHA256 digest: String, seed: UInt64, candidates: [Candidate], path: String) throws {
        guard digest == dataSHA256 else {
            throw AutoMLError.invalidSetting(
                name: "--candidate \(path)",
                reason: "was evaluated on data with SHA-256 \(dataSHA256), but this file's is \(digest); give the same training file")
        }
        guard seed == jobSeed else {
            throw AutoMLError.invalidSetting(
                name: "--candidate \(path)", reason: "was evaluated with --seed \(jobSeed); give --seed \(jobSeed) (the folds depend on it)")
        }
        guard candidates.contains(where: { $0.id == candidate }) else {
            throw AutoMLError.invalidSetting(
                name: "--candidate \(path)",
                reason: "is a \(algorithm) pipeline, which --algorithms leaves out; drop --algorithms or include \(algorithm)")
        }
    }

    /// Writes the file.
    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(self).write(to: url)
    }
}
