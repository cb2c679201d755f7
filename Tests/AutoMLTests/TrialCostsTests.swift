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
        // A trial longer than one trial may run would be cut off: not started either.
        try await costs.admit(predicted: 4, left: 30, cap: 5)
        await #expect {
            try await costs.admit(predicted: 9, left: 30, cap: 5)
        } throws: { error in
            error.localizedDescription == "not started: like trials took about 9.0 s, longer than the 5.0 s one trial may run"
        }
        // Whichever comes first is the one named.
        await #expect {
            try await costs.admit(predicted: 9, left: 2, cap: 5)
        } throws: { error in
            error.localizedDescription == "not started: like trials took about 9.0 s, and the search had 2.0 s left"
        }
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

    @Test func aSearchThatStartsWhereOthersLeftOffLearnsFromTheirCompletedTrials() async throws {
        let start = Date(timeIntervalSince1970: 1_000)
        func trial(_ number: Int, _ status: TrialStatus, rounds: Int, ranFor seconds: Double?, endingAt end: Double) -> Trial {
            Trial(
                number: number, assignment: Assignment(["candidate": .label("gbdt"), "rounds": .integer(rounds)]), status: status,
                value: status == .completed ? 0.5 : nil, error: status == .failed ? "not started: like trials took about 9 s" : nil, seed: 0,
                startedAt: seconds.map { start.addingTimeInterval(end - $0) }, finishedAt: start.addingTimeInterval(end))
        }
        let trials = [
            trial(3, .completed, rounds: 300, ranFor: 3, endingAt: 20),
            trial(0, .completed, rounds: 100, ranFor: 1, endingAt: 5),
            trial(1, .failed, rounds: 100, ranFor: 0, endingAt: 6),  // skipped: nothing was run
            trial(2, .running, rounds: 100, ranFor: 50, endingAt: 60),
            trial(4, .completed, rounds: 100, ranFor: nil, endingAt: 30),  // no start time recorded
            trial(5, .completed, rounds: 0, ranFor: 1, endingAt: 40),  // no work to learn from
        ]
        let history = TrialCosts.history(of: trials) { trial in
            guard case .integer(let rounds)? = trial.assignment.values["rounds"], rounds > 0 else { return nil }
            return ("gbdt", Double(rounds))
        }
        #expect(history.map(\.work) == [100, 300], "completed trials with both times, oldest first")
        #expect(history.map(\.seconds) == [1, 3])
        let costs = TrialCosts(parallelism: 1)
        for (candidate, work, seconds) in history { await costs.record(candidate: candidate, work: work, seconds: seconds) }
        #expect(await costs.predictedSeconds(candidate: "gbdt", work: 1_000) == 10)
    }
}
