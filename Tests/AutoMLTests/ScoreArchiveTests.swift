import Foundation
import Learners
import TestSupport
import Testing
import Tuning

@testable import AutoML

/// The scores an `automl run` keeps for its completed trials: in the job's store, exactly, and
/// still read from the output folder where earlier versions kept them.
@Suite struct ScoreArchiveTests {
    static let score = CandidateScore(
        foldScores: [0.5, 0.75, .infinity], otherMetrics: ["auc": 0.8], fitSeconds: 1.25, predictSecondsPer1000: 0.01, modelBytes: 4096,
        outOfFold: [(row: 3, values: [0.1, 0.9]), (row: 0, values: [1.0 / 3.0, 2.0 / 3.0])])

    static func same(_ first: CandidateScore?, _ second: CandidateScore) -> Bool {
        guard let first else { return false }
        return first.foldScores == second.foldScores && first.otherMetrics == second.otherMetrics && first.fitSeconds == second.fitSeconds
            && first.modelBytes == second.modelBytes && first.outOfFold.map(\.row) == second.outOfFold.map(\.row)
            && first.outOfFold.map(\.values) == second.outOfFold.map(\.values)
    }

    @Test func scoresAreKeptExactlyInTheStoreUntilRemoved() throws {
        let directory = try TemporaryDirectory("automl-score-archive")
        let store = InMemoryTrialStore()
        _ = try store.openStudy(StudyRecord(name: "job", space: SearchSpace([]), direction: .maximize, seed: 1))
        let trial = try store.createTrial(study: "job", assignment: Assignment([:]), status: .running)
        let archive = ScoreArchive(store: store, study: "job", output: directory.url)
        try archive.write(trial.number, Self.score)
        #expect(Self.same(archive.read(trial.number), Self.score))
        // Another process of the job (a worker elsewhere) reads it through the same store.
        #expect(Self.same(ScoreArchive(store: store, study: "job", output: URL(fileURLWithPath: "/nonexistent")).read(trial.number), Self.score))
        #expect(!FileManager.default.fileExists(atPath: directory.path("scores")), "nothing is written to the output folder")
        archive.removeAll()
        #expect(archive.read(trial.number) == nil)
    }

    @Test func scoresAnEarlierVersionKeptInTheOutputFolderAreStillRead() throws {
        let directory = try TemporaryDirectory("automl-score-archive")
        let store = InMemoryTrialStore()
        _ = try store.openStudy(StudyRecord(name: "job", space: SearchSpace([]), direction: .maximize, seed: 1))
        let trial = try store.createTrial(study: "job", assignment: Assignment([:]), status: .running)
        try ScoreArchive(store: store, study: "job", output: directory.url).write(trial.number, Self.score)
        // The same bytes, where an earlier version wrote them, and not in the store.
        let bytes = try #require(try store.attachment(study: "job", number: trial.number))
        try FileManager.default.createDirectory(atPath: directory.path("scores"), withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: directory.path("scores/trial-\(trial.number).json")))
        try store.removeAttachments(study: "job")
        let archive = ScoreArchive(store: store, study: "job", output: directory.url)
        #expect(Self.same(archive.read(trial.number), Self.score))
        archive.removeAll()
        #expect(!FileManager.default.fileExists(atPath: directory.path("scores")))
    }
}
