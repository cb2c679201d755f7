import Foundation
import Learners
import Testing
import Tuning

@testable import AutoML

/// The search does not start a trial that its candidate's earlier trials say cannot finish in the
/// time left, unless it has just skipped too many in a row.
@Suite struct TrialCostsTests {
    @Test func predictionsScaleTheMedianRateOfTheCandidatesLastTrials() async {
        let costs = TrialCosts(parallelism: 2)
        #expect(await costs.predictedSeconds(candidate: "gbdt", work: 100) == nil, "nothing to go on before a trial ran")
        await costs.record(candidate: "gbdt", work: 100, seconds: 1)  // 0.01 s a unit
        await costs.record(candidate: "gbdt", work: 100, seconds: 3)  // 0.03
        await costs.record(candidate: "gbdt", work: 200, seconds: 4)  // 0.02
        #expect(await costs.predictedSeconds(candidate: "gbdt", work: 500) == 10)
        #expect(await costs.predictedSeconds(candidate: "linear", work: 1) == nil, "rates are per candidate")
        // Only the last five count: five slow trials outvote the three before.
        for _ in 0..<5 { await costs.record(candidate: "gbdt", work: 10, seconds: 1) }
        #expect(await costs.predictedSeconds(candidate: "gbdt", work: 10) == 1)
    }

    @Test func aTrialThatCannotFinishIsRefusedWithTheFigures() async throws {
        let costs = TrialCosts(parallelism: 1)
        try await costs.admit(predicted: nil, left: 0.5)
        try await costs.admit(predicted: 2, left: 3)
        await #expect {
            try await costs.admit(predicted: 4.25, left: 1.5)
        } throws: { error in
            error.localizedDescription == "not started: like trials took about 4.2 s, and the search had 1.5 s left"
        }
        await #expect(throws: TrialCosts.WouldNotFinish.self) { try await costs.admit(predicted: 1, left: -3) }
    }

    @Test func afterTooManySkipsInARowTheNextTrialRunsAllTheSame() async throws {
        let costs = TrialCosts(parallelism: 2)
        #expect(costs.skipLimit == 6)
        for _ in 0..<6 { await #expect(throws: TrialCosts.WouldNotFinish.self) { try await costs.admit(predicted: 9, left: 1) } }
        // The search must neither end nor spin: the seventh goes ahead, as without the check.
        try await costs.admit(predicted: 9, left: 1)
        try await costs.admit(predicted: 9, left: 1)
        // A trial that ran starts the count again.
        await costs.record(candidate: "knn", work: 1, seconds: 0.2)
        await #expect(throws: TrialCosts.WouldNotFinish.self) { try await costs.admit(predicted: 9, left: 1) }
    }

    @Test func workGrowsWithWhatAFitDoes() throws {
        func work(_ name: String, _ values: [String: ParameterValue]) -> Double? { Catalog.relativeWork(of: name, assignment: Assignment(values)) }
        #expect(work("gbdt", ["num_round": .integer(100), "max_depth": .integer(6)]) == 600)
        #expect(work("gbdt", ["num_round": .integer(200), "max_depth": .integer(6), "class_weight": .label("balanced")]) == 1200)
        #expect(work("random_forest", ["n_estimators": .integer(50), "max_depth": .integer(4)]) == 200)
        #expect(work("extra_trees", ["n_estimators": .integer(50)]) == 800, "an unlimited tree counts 16 levels")
        #expect(work("mlp", ["hidden_layer_sizes": .label("64,32"), "max_iter": .integer(10)]) == 970)
        #expect(work("linear", ["balance_multiclass_weights": .label("true")]) == 1)
        #expect(work("gbdt", ["num_round": .integer(-1)]) == nil, "hyperparameters that configure nothing predict nothing")
        #expect(work("no_such_learner", [:]) == nil)
    }
}
