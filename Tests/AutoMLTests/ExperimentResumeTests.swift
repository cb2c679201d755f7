import AutoML
import Foundation
import TestSupport
import Testing
import Tuning

/// `Experiment` in process, on the in-memory store: a run records its job's life there, and a
/// resume checks the data it continues on.
@Suite(.processSlot) struct ExperimentResumeTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-experiment") }

    func configuration(_ name: String, data: String) -> RunConfiguration {
        RunConfiguration(
            data: data, target: "species", timeLimit: 900, maxCandidates: 2, parallel: 1, seed: 1, output: directory.path(name), jobName: name,
            algorithms: ["linear"])
    }

    @Test func aRunOnTheInMemoryStoreCompletesItsJobAndKeepsNoScores() async throws {
        let store = InMemoryTrialStore()
        let config = configuration("in-memory", data: Fixtures.sharedDataset("penguins_train"))
        let outcome = try await Experiment(configuration: config, store: store).run()
        #expect(outcome.leaderboard.entries.count == 2)
        let job = try #require(try store.job(named: "in-memory"))
        #expect(job.status == .completed && job.owner == .current && job.elapsedSeconds > 0)
        let stored = try Experiment.storedConfiguration("in-memory", store: store)
        #expect(stored.dataSHA256?.count == 64 && stored.metric != nil)
        for trial in try store.trials(study: "in-memory") {
            #expect(try store.attachment(study: "in-memory", number: trial.number) == nil, "the kept scores go when the job completes")
        }
        await #expect(throws: AutoMLError.self) { _ = try await Experiment(configuration: stored, store: store).resume() }
    }

    @Test func aResumeRefusesATrainingFileThatChanged() async throws {
        let store = InMemoryTrialStore()
        let data = directory.path("penguins.csv")
        try FileManager.default.copyItem(atPath: Fixtures.sharedDataset("penguins_train"), toPath: data)
        var config = configuration("changed", data: data)
        config.dataSHA256 = String(repeating: "0", count: 64)
        var job = JobRecord(
            name: "changed", kind: .automl, definition: String(decoding: try JSONEncoder().encode(config), as: UTF8.self),
            outputDirectory: config.output)
        job.status = .stopped
        try store.saveJob(job)
        do {
            _ = try await Experiment(configuration: try Experiment.storedConfiguration("changed", store: store), store: store).resume()
            Issue.record("a changed file was resumed on")
        } catch let error as AutoMLError {
            #expect(error.errorDescription?.contains("penguins.csv has changed since the job started") == true, "\(error)")
        }
        let failed = try #require(try store.job(named: "changed"))
        #expect(failed.status == .failed, "the refused resume is recorded, not left InProgress")
    }
}
