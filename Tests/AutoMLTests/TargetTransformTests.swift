import AutoML
import Foundation
import Learners
import Tabular
import TestSupport
import Testing
import Tuning

/// The `target_transform` choice for skewed positive regression targets: offered only where it
/// applies, tuned like any hyperparameter, and undone on every prediction, also after the model is
/// written and read back.
@Suite struct TargetTransformTests {
    static func profile(_ dataset: String, target: String) throws -> (Table, Exploration, Task) {
        let table = try CSVReader().read(Fixtures.sharedDataset("\(dataset)_train")).table
        let exploration = try Exploration(table: table, source: dataset, profiler: Profiler(target: target, threads: 2))
        return (table, exploration, try #require(exploration.profile.target?.problem.problemType))
    }

    @Test func offeredForSkewedPositiveRegressionTargetsOnly() throws {
        let (_, ames, amesTask) = try Self.profile("ames_housing", target: "SalePrice")
        let reason = try #require(TargetTransform.reasonToOffer(ames.profile.columns.first { $0.name == "SalePrice" }, task: amesTask))
        #expect(reason.contains("positive and right-skewed"))
        let (_, titanic, titanicTask) = try Self.profile("titanic", target: "survived")
        #expect(TargetTransform.reasonToOffer(titanic.profile.columns.first { $0.name == "survived" }, task: titanicTask) == nil)
        // Every regression candidate gets the choice, starting at none.
        let candidates = try CandidateGenerator.candidates(
            plans: ames.plans, task: amesTask, rows: 100, columns: 10, algorithms: ["linear", "gbdt"], targetTransformReason: reason)
        for candidate in candidates {
            let parameter = try #require(candidate.space.parameters.first { $0.name == TargetTransform.parameter })
            #expect(parameter.initial == .label("none"))
        }
    }

    @Test func aLogTargetModelPredictsOnTheOriginalScaleAfterReading() throws {
        let (table, exploration, task) = try Self.profile("ames_housing", target: "SalePrice")
        let candidate = try #require(
            try CandidateGenerator.candidates(
                plans: exploration.plans, task: task, rows: table.rowCount, columns: table.columnCount - 1, algorithms: ["linear"],
                targetTransformReason: "test"
            ).first)
        var hyperparameters = candidate.space.initialAssignment
        hyperparameters.values[TargetTransform.parameter] = .label("log")
        let model = try ModelArtifact.fit(
            [ModelArtifact.MemberSpecification(candidate: candidate, hyperparameters: hyperparameters)],
            table: table, target: "SalePrice", task: task, classes: [], metric: .rmse, seed: 1, threads: 2)
        #expect(model.manifest.members?.first?.targetTransform?.transform == .log)
        let test = try CSVReader().read(Fixtures.sharedDataset("ames_housing_test")).table
        let prediction = try model.predict(test, file: "test.csv", threads: 2)
        let truth = try test.column(named: "SalePrice").numbers
        // Prices, not log prices: the same order of magnitude as the truth, and a useful fit.
        let mean = prediction.values.reduce(0, +) / Double(prediction.rowCount)
        #expect(mean > 100_000 && mean < 300_000)
        #expect(Metric.r2.evaluate(prediction, truth: truth) > 0.7, "max \(prediction.values.max() ?? 0) truth max \(truth.max() ?? 0)")

        let directory = try TemporaryDirectory()
        try model.write(to: directory.path("model"))
        #expect(try ModelArtifact.read(from: directory.path("model")).predict(test, file: "test.csv", threads: 1) == prediction)
    }
}
