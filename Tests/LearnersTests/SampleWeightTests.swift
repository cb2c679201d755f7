import Foundation
import Learners
import Tabular
import Testing
import Tuning

/// Row weights: a weight of w counts as the row repeated w times, in every metric and in the
/// deterministic learners' fits; every learner follows its weights; `class_weight` balances classes.
@Suite struct SampleWeightTests {
    /// Random predictions of random truth, with whole-number weights 0...3, for `task`.
    private static func randomCase(_ task: Task, seed: UInt64) -> (prediction: Prediction, truth: [Double], weights: [Double]) {
        var generator = SeededGenerator(seed: seed)
        let rows = 40
        let weights = (0..<rows).map { _ in Double(Int.random(in: 0...3, using: &generator)) }
        switch task {
        case .regression:
            let truth = (0..<rows).map { _ in Double.random(in: 1...10, using: &generator) }
            return (Prediction(regression: truth.map { $0 + Double.random(in: -2...2, using: &generator) }), truth, weights)
        case .binary, .multiclass:
            let k = task == .binary ? 2 : 3
            var probabilities: [Double] = []
            for _ in 0..<rows {
                // Coarse probabilities so that ties occur.
                let raw = (0..<k).map { _ in Double(Int.random(in: 1...4, using: &generator)) }
                let sum = raw.reduce(0, +)
                probabilities += raw.map { $0 / sum }
            }
            let truth = (0..<rows).map { _ in Double(Int.random(in: 0..<k, using: &generator)) }
            return (Prediction(classes: (0..<k).map { "c\($0)" }, probabilities: probabilities), truth, weights)
        }
    }

    /// The rows of `prediction` and `truth`, row i repeated `weights[i]` times.
    private static func repeated(_ prediction: Prediction, _ truth: [Double], _ weights: [Double]) -> (Prediction, [Double]) {
        let rows = weights.indices.flatMap { i in [Int](repeating: i, count: Int(weights[i])) }
        return (prediction.selecting(rows: rows), rows.map { truth[$0] })
    }

    @Test(arguments: Metric.allCases)
    func aWeightedMetricEqualsTheMetricOnRepeatedRows(_ metric: Metric) {
        for task in Task.allCases where metric.applies(to: task) {
            for seed in UInt64(1)...UInt64(20) {
                let (prediction, truth, weights) = Self.randomCase(task, seed: seed)
                let (copies, copiedTruth) = Self.repeated(prediction, truth, weights)
                let weighted = metric.evaluate(prediction, truth: truth, weights: weights)
                let plain = metric.evaluate(copies, truth: copiedTruth)
                #expect(weighted.isNaN && plain.isNaN || abs(weighted - plain) < 1e-9, "\(metric) \(task) seed \(seed): \(weighted) vs \(plain)")
            }
        }
    }

    @Test func unitWeightsChangeNothing() {
        for metric in Metric.allCases {
            for task in Task.allCases where metric.applies(to: task) {
                let (prediction, truth, _) = Self.randomCase(task, seed: 3)
                let ones = [Double](repeating: 1, count: truth.count)
                let a = metric.evaluate(prediction, truth: truth)
                let b = metric.evaluate(prediction, truth: truth, weights: ones)
                #expect(a.isNaN && b.isNaN || abs(a - b) < 1e-12, "\(metric) \(task)")
            }
        }
    }

    /// `data` with rows `doubled` given weight 2, and the same rows appended a second time.
    private static func doubling(_ data: Dataset, rows doubled: [Int]) throws -> (weighted: Dataset, duplicated: Dataset) {
        let weights = (0..<data.rowCount).map { doubled.contains($0) ? 2.0 : 1.0 }
        let weighted = try Dataset(features: data.features, target: data.target, task: data.task, classes: data.classes, weights: weights)
        return (weighted, try data.selecting(rows: Array(0..<data.rowCount) + doubled))
    }

    @Test(arguments: [("linear", Task.regression), ("linear", .binary), ("linear", .multiclass), ("gbdt", .regression), ("gbdt", .binary)])
    func aWeightOfTwoEqualsADuplicatedRow(_ name: String, _ task: Task) throws {
        let data = try EstimatorContractTests.synthetic(task: task, rows: 200, complete: true)
        let (weighted, duplicated) = try Self.doubling(data, rows: Array(stride(from: 0, to: 200, by: 3)))
        let assignment = Assignment(name == "gbdt" ? ["num_round": .integer(20), "max_bin": .integer(256)] : [:])
        let a = try Catalog.fit(name, assignment: assignment, training: weighted, seed: 1, threads: 1).predict(data.features, threads: 1)
        let b = try Catalog.fit(name, assignment: assignment, training: duplicated, seed: 1, threads: 1).predict(data.features, threads: 1)
        let gap = zip(a.values, b.values).map { abs($0 - $1) }.max() ?? 0
        #expect(gap < 1e-6, "\(name) \(task): largest difference \(gap)")
    }

    /// Binary data where class 1 is rare (1 row in 8).
    private static func rareClass() throws -> Dataset {
        let data = try EstimatorContractTests.synthetic(task: .binary, rows: 800, complete: true)
        return try data.selecting(rows: data.target.indices.filter { data.target[$0] == 0 || $0 % 8 == 0 })
    }

    /// Settings that keep leaves and neighbourhoods mixed, so that weights move probabilities (a
    /// fully grown tree's pure leaves say 0 or 1 whatever the weights).
    private static func smooth(_ name: String) -> Assignment {
        switch name {
        case "gbdt": Assignment(["num_round": .integer(10), "max_depth": .integer(2)])
        case "random_forest", "extra_trees": Assignment(["min_samples_leaf": .integer(30), "n_estimators": .integer(30)])
        case "knn": Assignment(["k": .integer(25)])
        default: Assignment()
        }
    }

    /// The mean probability of class 1 on fresh rows of a model fitted on `training`.
    private static func meanPositiveProbability(_ name: String, _ training: Dataset, _ extra: Assignment) throws -> Double {
        let assignment = Assignment(smooth(name).values.merging(extra.values) { $1 })
        let fresh = try EstimatorContractTests.synthetic(task: .binary, rows: 400, seed: 9, complete: true)
        let prediction = try Catalog.fit(name, assignment: assignment, training: training, seed: 3, threads: 1).predict(fresh.features, threads: 1)
        return prediction.probabilities(ofClass: 1).reduce(0, +) / Double(prediction.rowCount)
    }

    @Test(arguments: Catalog.names)
    func everyLearnerFollowsItsWeightsAndBalancesClasses(_ name: String) throws {
        let data = try Self.rareClass()
        let plain = try Self.meanPositiveProbability(name, data, Assignment())
        let heavier = try Dataset(
            features: data.features, target: data.target, task: .binary, classes: data.classes, weights: data.target.map { $0 == 1 ? 5 : 1 })
        let weighted = try Self.meanPositiveProbability(name, heavier, Assignment())
        let balanced = try Self.meanPositiveProbability(name, data, Assignment([ClassWeight.parameterName: .label("balanced")]))
        #expect(weighted > plain + 0.02, "\(name): weighted \(weighted) vs plain \(plain)")
        #expect(balanced > plain + 0.02, "\(name): balanced \(balanced) vs plain \(plain)")
    }

    @Test func classWeightIsCheckedAndTheFormerNameStillReads() throws {
        let data = try Self.rareClass()
        let former = try Self.meanPositiveProbability("linear", data, Assignment(["balance_multiclass_weights": .label("true")]))
        let balanced = try Self.meanPositiveProbability("linear", data, Assignment([ClassWeight.parameterName: .label("balanced")]))
        #expect(former == balanced)
        #expect(throws: LearnersError.self) {
            try Self.meanPositiveProbability("gbdt", data, Assignment([ClassWeight.parameterName: .label("heavy")]))
        }
        let line = try EstimatorContractTests.synthetic(task: .regression, rows: 50, complete: true)
        #expect(throws: LearnersError.self) {
            try Catalog.fit("linear", assignment: Assignment([ClassWeight.parameterName: .label("balanced")]), training: line, seed: 0, threads: 1)
        }
    }
}
