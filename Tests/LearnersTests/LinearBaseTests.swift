import Foundation
import Tabular
import Testing
import Tuning

@testable import Learners

/// `base_model` = linear: boosted trees and forests that start from a ridge regression carry a trend past the
/// training range (within the clamp), explain what they add up to, survive a model file, and are
/// refused for classes.
@Suite struct LinearBaseTests {
    /// y = 3x + 2z + noise on x, z in [0, 10]; x missing in every tenth row.
    static func trend(rows: Int = 400) throws -> Dataset {
        var generator = SeededGenerator(seed: 5)
        var x: [Double] = []
        var z: [Double] = []
        var y: [Double] = []
        for i in 0..<rows {
            let a = Double.random(in: 0...10, using: &generator)
            let b = Double.random(in: 0...10, using: &generator)
            x.append(i % 10 == 0 ? .nan : a)
            z.append(b)
            y.append(3 * a + 2 * b + Double.random(in: -0.5...0.5, using: &generator))
        }
        return try Dataset(features: FeatureMatrix(names: ["x", "z"], columns: [x, z]), target: y, task: .regression)
    }

    static func settings(_ base: String) throws -> GradientBoostedTrees {
        try GradientBoostedTrees(assignment: Assignment(["base_model": .label(base), "num_round": .integer(50), "eta": .real(0.1)]))
    }

    /// Fits `learner` (gbdt, random_forest or extra_trees) with `base_model` = `base`.
    static func fit(_ learner: String, _ base: String, _ training: Dataset) throws -> any Predictor {
        var values: [String: ParameterValue] = ["base_model": .label(base)]
        if learner == "gbdt" { values.merge(["num_round": .integer(50), "eta": .real(0.1)]) { $1 } }
        return try Catalog.fit(learner, assignment: Assignment(values), training: training, seed: 0, threads: 1)
    }

    @Test(arguments: ["gbdt", "random_forest", "extra_trees"])
    func aLinearBaseCarriesTheTrendPastTheTrainingRangeUpToItsClamp(_ learner: String) throws {
        let training = try Self.trend()
        let linear = try Self.fit(learner, "linear", training)
        let constant = try Self.fit(learner, "constant", training)
        // x = 14 lies past the training maximum (10) but inside the clamp (10 + half the range = 15).
        let probe = try FeatureMatrix(names: ["x", "z"], columns: [[14, 100, 5], [5, 5, 5]])
        let withBase = try linear.predict(probe, threads: 1).values
        let trees = try constant.predict(probe, threads: 1).values
        #expect(abs(withBase[0] - 52) < 1.5, "3·14 + 2·5 = 52, got \(withBase[0])")
        #expect(trees[0] < 42, "trees alone stay near the training maximum, got \(trees[0])")
        // x = 100 counts as 15, the edge of the clamp: 3·15 + 10 = 55, not 310.
        #expect(abs(withBase[1] - 55) < 1.5, "got \(withBase[1])")
        #expect(abs(withBase[2] - 25) < 1.5, "inside the range both agree: got \(withBase[2])")
        #expect(abs(trees[2] - 25) < 1.5)
    }

    @Test func theOutOfBagScoreIsTheWholeModels() throws {
        let training = try Self.trend()
        let forest = try #require(try Self.fit("random_forest", "linear", training) as? ForestModel)
        // The trees' R² on the residuals alone is near 0: what is left is noise, and the rows
        // whose x is missing (a tenth), which no feature can explain. The whole model's is about
        // 1 − (their share of the variance, 0.07).
        let score = try #require(forest.outOfBagScore)
        #expect(score > 0.85, "\(score)")
    }

    @Test func aMissingValueCountsAsTheTrainingMean() throws {
        let training = try Self.trend()
        let base = try LinearBase.fit(training.features, target: training.target, weights: nil)
        let present = training.features.column(0).filter { !$0.isNaN }
        let mean = present.reduce(0, +) / Double(present.count)
        let missing = base.predictions(try FeatureMatrix(names: ["x", "z"], columns: [[.nan], [4]]))
        let atMean = base.predictions(try FeatureMatrix(names: ["x", "z"], columns: [[mean], [4]]))
        #expect(abs(missing[0] - atMean[0]) < 1e-9)
        #expect(abs(base.coefficients[0] - 3) < 0.05 && abs(base.coefficients[1] - 2) < 0.05, "\(base.coefficients)")
    }

    @Test(arguments: ["gbdt", "random_forest", "extra_trees"])
    func contributionsAddUpToThePrediction(_ learner: String) throws {
        let training = try Self.trend()
        let model = try #require(try Self.fit(learner, "linear", training) as? any ContributionExplaining & Predictor)
        let probe = try FeatureMatrix(names: ["x", "z"], columns: [[1, .nan, 9, 30], [2, 7, 0.5, 3]])
        let explained = try model.contributions(probe, threads: 2)
        let predicted = try model.predict(probe, threads: 1).values
        for row in 0..<probe.rowCount {
            #expect(abs(explained.explainedOutput(row: row, output: 0) - predicted[row]) < 1e-9, "row \(row)")
        }
        // The expected output is the mean prediction over the training rows (ridge and trees alike).
        let trainingMean = try model.predict(training.features, threads: 1).values.reduce(0, +) / Double(training.rowCount)
        #expect(abs(explained.expected[0] - trainingMean) < 0.05)
    }

    @Test func aForestsLinearBaseSurvivesAModelFile() throws {
        let training = try Self.trend()
        let model = try #require(try Self.fit("extra_trees", "linear", training) as? ForestModel)
        let read = try #require(try ModelFile.decode(try ModelFile.encode(model, algorithm: "extra_trees"), path: "model.json").model as? ForestModel)
        #expect(read == model && read.linearBase != nil)
    }

    @Test func theLinearBaseSurvivesAModelFileAndOldFilesHaveNone() throws {
        let training = try Self.trend()
        let model = try Self.settings("linear").fit(training, validation: nil, seed: 0, threads: 1)
        let data = try ModelFile.encode(model, algorithm: "gbdt")
        let read = try #require(try ModelFile.decode(data, path: "model.json").model as? GradientBoostedTrees.Model)
        #expect(read == model)
        #expect(read.linearBase != nil)
        // A file written before `linear_base` existed has no such key and reads as a constant base.
        let constant = try Self.settings("constant").fit(training, validation: nil, seed: 0, threads: 1)
        let text = try #require(String(data: try ModelFile.encode(constant, algorithm: "gbdt"), encoding: .utf8))
        #expect(!text.contains("linearBase"))
        let old = try #require(try ModelFile.decode(Data(text.utf8), path: "model.json").model as? GradientBoostedTrees.Model)
        #expect(old.linearBase == nil)
    }

    @Test(arguments: ["gbdt", "random_forest", "extra_trees"])
    func classesAreRefusedWithTheFix(_ learner: String) throws {
        let training = try EstimatorContractTests.synthetic(task: .binary, rows: 100)
        #expect {
            try Self.fit(learner, "linear", training)
        } throws: { error in
            "\(error.localizedDescription)".contains("regression tasks only; use constant")
        }
        #expect(GradientBoostedTrees.searchSpace(rows: 100, columns: 2, task: .binary).parameters.allSatisfy { $0.name != "base_model" })
        #expect(GradientBoostedTrees.searchSpace(rows: 100, columns: 2, task: .regression).parameters.contains { $0.name == "base_model" })
        #expect(RandomForest.searchSpace(rows: 100, columns: 2, task: .regression).parameters.contains { $0.name == "base_model" })
        #expect(ExtraTrees.searchSpace(rows: 100, columns: 2, task: .multiclass).parameters.allSatisfy { $0.name != "base_model" })
    }
}
