import AutoML
import Foundation
import Learners
import Tabular
import TestSupport
import Testing
import Tuning

/// Ensemble selection (Caruana et al.) over out-of-fold predictions, and the model directory that
/// stores a single pipeline or a weighted ensemble.
@Suite struct EnsembleTests {
    @Test func modelsWithOppositeErrorsAreAveraged() throws {
        // Two regressors off by +1 and -1 on every row: their average is exact.
        let truth = (0..<50).map { Double($0) }
        let high = truth.map { $0 + 1 }
        let low = truth.map { $0 - 1 }
        let worse = truth.map { $0 + 3 }
        let selection = try #require(EnsembleSelection.select(library: [worse, high, low], truth: truth, classes: [], metric: .rmse))
        #expect(selection.weights == [1: 0.5, 2: 0.5])
        #expect(selection.score < 1e-12 && selection.bestSingleScore == 1 && selection.bestSingle == 1)
        #expect(selection.beatsBestSingle(.rmse))
    }

    @Test func aModelNothingImprovesStaysAlone() throws {
        // A perfect classifier beside a poor one: adding the poor one never helps.
        let truth = (0..<40).map { Double($0 % 2) }
        let perfect = truth.flatMap { $0 == 1 ? [0.1, 0.9] : [0.9, 0.1] }
        let poor = truth.flatMap { _ in [0.5, 0.5] }
        let selection = try #require(EnsembleSelection.select(library: [poor, perfect], truth: truth, classes: ["a", "b"], metric: .logLoss))
        #expect(selection.weights == [1: 1])
        #expect(!selection.beatsBestSingle(.logLoss))
    }

    @Test func complementaryClassifiersBeatEachAlone() throws {
        // Each classifier is confidently wrong on a different third of the rows and right elsewhere;
        // averaging any two of them is right on every row.
        let truth = (0..<60).map { Double($0 % 2) }
        func model(wrongOn third: Int) -> [Double] {
            truth.enumerated().flatMap { row, y -> [Double] in
                // Right: 0.9 on the true class; wrong: 0.3. Any two average to 0.6 or more on it.
                let onTruth = (row / 20) != third ? 0.9 : 0.3
                let p1 = y == 1 ? onTruth : 1 - onTruth
                return [1 - p1, p1]
            }
        }
        let library = [model(wrongOn: 0), model(wrongOn: 1), model(wrongOn: 2)]
        let selection = try #require(EnsembleSelection.select(library: library, truth: truth, classes: ["no", "yes"], metric: .accuracy))
        #expect(selection.score == 1 && abs(selection.bestSingleScore - 2.0 / 3) < 1e-12)
        #expect(selection.size >= 2 && abs(selection.weights.values.reduce(0, +) - 1) < 1e-12)
    }

    @Test func mismatchedLibrariesAreRefused() {
        #expect(EnsembleSelection.select(library: [[1, 2], [1]], truth: [1, 2], classes: [], metric: .rmse) == nil)
        #expect(EnsembleSelection.select(library: [], truth: [1], classes: [], metric: .rmse) == nil)
    }

    /// Two candidates for the penguins data (linear and k-NN with their families' plans).
    static func penguins() throws -> (table: Table, candidates: [Candidate], task: Task) {
        let table = try CSVReader().read(Fixtures.sharedDataset("penguins_train")).table
        let exploration = try Exploration(table: table, source: "penguins", profiler: Profiler(target: "species", threads: 2))
        let task = try #require(exploration.profile.target?.problem.problemType)
        let candidates = try CandidateGenerator.candidates(
            plans: exploration.plans, task: task, rows: table.rowCount, columns: table.columnCount - 1, algorithms: ["linear", "knn"])
        return (table, candidates, task)
    }

    @Test func anEnsembleModelPredictsTheWeightedAverageOfItsMembers() throws {
        let (table, candidates, task) = try Self.penguins()
        let classes = Set((0..<table.rowCount).compactMap { try? table.column(named: "species").text(at: $0) }).sorted()
        func fit(_ parts: [(Candidate, Double)]) throws -> ModelArtifact {
            try ModelArtifact.fit(
                parts.map { ModelArtifact.MemberSpecification(candidate: $0.0, hyperparameters: $0.0.space.initialAssignment, weight: $0.1) },
                table: table, target: "species", task: task, classes: classes, metric: .accuracy, seed: 1, threads: 2)
        }
        let ensemble = try fit([(candidates[0], 0.25), (candidates[1], 0.75)])
        let first = try fit([(candidates[0], 1)])
        let second = try fit([(candidates[1], 1)])
        let test = try CSVReader().read(Fixtures.sharedDataset("penguins_test")).table
        let combined = try ensemble.predict(test, file: "test.csv", threads: 1)
        let a = try first.predict(test, file: "test.csv", threads: 1)
        let b = try second.predict(test, file: "test.csv", threads: 1)
        #expect(combined.classes == classes && ensemble.isEnsemble && !first.isEnsemble)
        for i in combined.values.indices { #expect(abs(combined.values[i] - (0.25 * a.values[i] + 0.75 * b.values[i])) < 1e-12) }

        // Written and read back, it predicts the same.
        let directory = try TemporaryDirectory()
        try ensemble.write(to: directory.path("model"))
        let read = try ModelArtifact.read(from: directory.path("model"))
        #expect(read.manifest == ensemble.manifest)
        #expect(try read.predict(test, file: "test.csv", threads: 2) == combined)
        #expect(ModelArtifact.size(of: directory.path("model")) > 1000)
    }

    @Test func aVersion1ModelDirectoryStillReads() throws {
        let (table, candidates, task) = try Self.penguins()
        let classes = ["Adelie", "Chinstrap", "Gentoo"]
        let model = try ModelArtifact.fit(
            [ModelArtifact.MemberSpecification(candidate: candidates[0], hyperparameters: candidates[0].space.initialAssignment)],
            table: table, target: "species", task: task, classes: classes, metric: .accuracy, seed: 1, threads: 2)
        // Version 1: the pipeline's two files beside a manifest without members.
        let directory = try TemporaryDirectory()
        let root = directory.path("v1")
        try model.write(to: root)
        let folder = try #require(model.manifest.members?.first?.directory)
        for file in ["pipeline.json", "learner.json"] {
            try FileManager.default.moveItem(atPath: "\(root)/\(folder)/\(file)", toPath: "\(root)/\(file)")
        }
        var manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/manifest.json"))) as? [String: Any])
        manifest["formatVersion"] = 1
        manifest["members"] = nil
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: root + "/manifest.json"))
        let old = try ModelArtifact.read(from: root)
        let test = try CSVReader().read(Fixtures.sharedDataset("penguins_test")).table
        #expect(try old.predict(test, file: "test.csv", threads: 1) == model.predict(test, file: "test.csv", threads: 1))

        // A newer format is refused with the versions this build reads.
        manifest["formatVersion"] = 9
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: root + "/manifest.json"))
        #expect {
            try ModelArtifact.read(from: root)
        } throws: { error in
            (error as? AutoMLError)?.errorDescription?.contains("format version 9; this automl reads versions 1 to 2") == true
        }
    }
}
