import Foundation
import Tabular
import Testing
import Tuning

@testable import Learners

@Suite struct GradientBoostedTreesTests {
    @Test func learnsWhereMissingValuesGo() throws {
        // Class 1 rows have no x; class 0 rows have x anywhere in [0, 1].
        var generator = SeededGenerator(seed: 3)
        let x = (0..<400).map { i in i % 2 == 0 ? Double.random(in: 0...1, using: &generator) : Double.nan }
        let training = try Dataset(
            features: FeatureMatrix(names: ["x"], columns: [x]), target: (0..<400).map { Double($0 % 2) }, task: .binary, classes: ["a", "b"])
        let model = try GradientBoostedTrees().fit(training, validation: nil, seed: 0, threads: 1)
        let prediction = try model.predict(FeatureMatrix(names: ["x"], columns: [[.nan, 0.5]]), threads: 1)
        #expect(prediction.probability(row: 0, class: 1) > 0.95)
        #expect(prediction.probability(row: 1, class: 1) < 0.05)
    }

    @Test func earlyStoppingKeepsTheBestRound() throws {
        let training = try EstimatorContractTests.synthetic(task: .regression, rows: 400)
        let validation = try EstimatorContractTests.synthetic(task: .regression, rows: 200, seed: 9)
        var settings = GradientBoostedTrees()
        settings.numRound = 500
        settings.earlyStoppingRounds = 5
        let model = try settings.fit(training, validation: validation, seed: 0, threads: 1)
        #expect(model.rounds < 500)
        // No early stopping without a validation set.
        #expect(try settings.fit(training, validation: nil, seed: 0, threads: 1).rounds == 500)
    }

    @Test func validationSetsMustMatchTraining() throws {
        let training = try EstimatorContractTests.synthetic(task: .binary)
        let otherClasses = try Dataset(
            features: training.features, target: training.target, task: .binary, classes: ["no", "maybe"])
        #expect(throws: LearnersError.unknownClass(label: "maybe", row: 0, known: ["no", "yes"])) {
            try GradientBoostedTrees().fit(training, validation: otherClasses, seed: 0, threads: 1)
        }
        let fewerFeatures = try Dataset(
            features: FeatureMatrix(names: ["x0", "x1"], columns: [Array(training.features.column(0)), Array(training.features.column(1))]),
            target: training.target, task: .binary, classes: training.classes)
        #expect(throws: LearnersError.missingColumn(name: "x2", available: ["x0", "x1"])) {
            try GradientBoostedTrees().fit(training, validation: fewerFeatures, seed: 0, threads: 1)
        }
    }

    @Test func growthPoliciesRespectTheirLimits() throws {
        let training = try EstimatorContractTests.synthetic(task: .regression)
        let lossGuided = try GradientBoostedTrees(
            assignment: Assignment([
                "grow_policy": .label("lossguide"), "max_leaves": .integer(5), "max_depth": .integer(0), "num_round": .integer(10),
            ])
        ).fit(training, validation: nil, seed: 0, threads: 1)
        #expect(lossGuided.trees.allSatisfy { $0.leafCount <= 5 })
        #expect(lossGuided.trees.contains { $0.leafCount == 5 })
        let shallow = try GradientBoostedTrees(assignment: Assignment(["max_depth": .integer(2), "num_round": .integer(10)]))
            .fit(training, validation: nil, seed: 0, threads: 1)
        #expect(shallow.trees.allSatisfy { $0.leafCount <= 4 && Self.depth($0) <= 2 })
        #expect(throws: LearnersError.self) { try GradientBoostedTrees(assignment: Assignment(["max_depth": .integer(0)])) }
        #expect(throws: LearnersError.self) { try GradientBoostedTrees(assignment: Assignment(["eta": .real(2)])) }
        #expect(throws: LearnersError.self) { try GradientBoostedTrees(assignment: Assignment(["grow_policy": .label("random")])) }
    }

    @Test func importanceFavoursTheInformativeFeature() throws {
        let model = try GradientBoostedTrees().fit(EstimatorContractTests.synthetic(task: .regression), validation: nil, seed: 0, threads: 2)
        let gains = model.gainImportance
        #expect(gains[0] > gains[1] && gains[1] > gains[2])
        #expect(model.splitCounts.reduce(0, +) == model.trees.reduce(0) { $0 + $1.nodeCount - $1.leafCount })
    }

    @Test func absoluteErrorPredictsTheMedianOfAConstantFeature() throws {
        let training = try Dataset(
            features: FeatureMatrix(names: ["x"], columns: [[1, 1, 1, 1, 1]]), target: [1, 2, 3, 100, 1000], task: .regression)
        let model = try GradientBoostedTrees(assignment: Assignment(["objective": .label("reg:absoluteerror")]))
            .fit(training, validation: nil, seed: 0, threads: 1)
        #expect(try model.predict(FeatureMatrix(names: ["x"], columns: [[1]]), threads: 1).values == [3])
        #expect(throws: LearnersError.self) {
            try GradientBoostedTrees(assignment: Assignment(["objective": .label("binary:logistic")])).fit(
                training, validation: nil, seed: 0, threads: 1)
        }
    }

    @Test func sampleWeightsCountLikeRepeatedRows() throws {
        let x: [Double] = [0, 1, 2, 3]
        let weighted = try Dataset(
            features: FeatureMatrix(names: ["x"], columns: [x]), target: [0, 0, 1, 1], task: .regression, weights: [1, 3, 1, 1])
        let repeated = try Dataset(
            features: FeatureMatrix(names: ["x"], columns: [[0, 1, 1, 1, 2, 3]]), target: [0, 0, 0, 0, 1, 1], task: .regression)
        var settings = GradientBoostedTrees()
        settings.minChildWeight = 0
        let a = try settings.fit(weighted, validation: nil, seed: 0, threads: 1).predict(FeatureMatrix(names: ["x"], columns: [x]), threads: 1)
        let b = try settings.fit(repeated, validation: nil, seed: 0, threads: 1).predict(FeatureMatrix(names: ["x"], columns: [x]), threads: 1)
        for (p, q) in zip(a.values, b.values) { #expect(abs(p - q) < 1e-9) }
    }

    private static func depth(_ tree: Tree, _ node: Int = 0) -> Int {
        tree.feature[node] < 0 ? 0 : 1 + max(depth(tree, Int(tree.left[node])), depth(tree, Int(tree.right[node])))
    }
}

/// Laws of the binner: a value's bin is the first cut at or above it, so bin ≤ b exactly when
/// value ≤ cuts[b]; few distinct values get a bin each; many get at most the bins asked for.
@Suite struct BinnerTests {
    @Test(arguments: [2, 16, 255])
    func binsAgreeWithThresholds(_ maxBins: Int) throws {
        var generator = SeededGenerator(seed: UInt64(maxBins))
        let values = (0..<5000).map { i -> Double in i % 50 == 0 ? .nan : (Double.random(in: 0...1, using: &generator) * 100).rounded() / 7 }
        let binner = Binner(try FeatureMatrix(names: ["v"], columns: [values]), maxBins: maxBins, seed: 0, threads: 2)
        #expect(binner.binCount(0) <= maxBins)
        let cuts = binner.cuts[0]
        #expect(zip(cuts, cuts.dropFirst()).allSatisfy { $0 < $1 })
        for value in values {
            let bin = binner.bin(value, feature: 0)
            if value.isNaN {
                #expect(bin == Binner.missingBin)
                continue
            }
            for (b, cut) in cuts.enumerated() { #expect((Int(bin) <= b) == (value <= cut)) }
        }
        let distinct = Set(values.filter { !$0.isNaN }).count
        if distinct <= maxBins { #expect(binner.binCount(0) == distinct) }
    }
}
