import Learners
import Tabular
import Testing
import Tuning

/// Random forests and extra trees beyond the shared contract: the out-of-bag score, importance,
/// a single unrestricted tree fitting its training rows exactly, and hyperparameter parsing.
@Suite struct ForestTests {
    @Test(arguments: [RandomForest.name, ExtraTrees.name])
    func singleFullTreeFitsItsTrainingRows(_ name: String) throws {
        let training = try EstimatorContractTests.synthetic(task: .multiclass, rows: 400)
        let assignment = Assignment(["n_estimators": .integer(1), "bootstrap": .label("false"), "max_features": .label("all")])
        let model = try Catalog.fit(name, assignment: assignment, training: training, seed: 3, threads: 1)
        let prediction = try model.predict(training.features, threads: 1)
        // Every row is distinct, so a tree grown until its leaves are pure classifies all of them.
        #expect(Metric.accuracy.evaluate(prediction, truth: training.target) == 1)
        for i in 0..<prediction.rowCount {
            #expect((0..<3).contains { prediction.probability(row: i, class: $0) == 1 })
        }
    }

    @Test func outOfBagScoreTracksTheTestScore() throws {
        let training = try EstimatorContractTests.synthetic(task: .binary, rows: 1000)
        let testing = try EstimatorContractTests.synthetic(task: .binary, rows: 1000, seed: 9)
        let model = try #require(
            try Catalog.fit(RandomForest.name, assignment: Assignment(), training: training, seed: 1, threads: 2) as? ForestModel)
        let oob = try #require(model.outOfBagScore)
        let test = Metric.accuracy.evaluate(try model.predict(testing.features, threads: 2), truth: testing.target)
        #expect(abs(oob - test) < 0.04, "out-of-bag \(oob), test \(test)")
        let regression = try EstimatorContractTests.synthetic(task: .regression, rows: 1000)
        let regressor = try #require(
            try Catalog.fit(RandomForest.name, assignment: Assignment(), training: regression, seed: 1, threads: 2) as? ForestModel)
        #expect(try #require(regressor.outOfBagScore) > 0.8)
        // Extra trees use every row by default: no rows left out, no score.
        let extra = try #require(try Catalog.fit(ExtraTrees.name, assignment: Assignment(), training: training, seed: 1, threads: 2) as? ForestModel)
        #expect(extra.outOfBagScore == nil)
    }

    @Test(arguments: [RandomForest.name, ExtraTrees.name])
    func importanceFindsTheSignal(_ name: String) throws {
        let training = try EstimatorContractTests.synthetic(task: .regression, rows: 800)
        let model = try #require(
            try Catalog.fit(name, assignment: Assignment(["n_estimators": .integer(30)]), training: training, seed: 1, threads: 2) as? ForestModel)
        let importance = model.impurityImportance
        #expect(abs(importance.reduce(0, +) - 1) < 1e-9)
        #expect(importance[0] > importance[1] && importance[1] > importance[2], "\(importance)")
    }

    @Test func leafSizeAndDepthBoundTheTrees() throws {
        let training = try EstimatorContractTests.synthetic(task: .regression, rows: 500)
        let small = try #require(
            try Catalog.fit(
                RandomForest.name, assignment: Assignment(["n_estimators": .integer(5), "max_depth": .integer(2)]), training: training, seed: 1,
                threads: 1) as? ForestModel)
        #expect(small.nodeCount <= 5 * 7)
        let full = try #require(
            try Catalog.fit(RandomForest.name, assignment: Assignment(["n_estimators": .integer(5)]), training: training, seed: 1, threads: 1)
                as? ForestModel)
        let coarse = try #require(
            try Catalog.fit(
                RandomForest.name, assignment: Assignment(["n_estimators": .integer(5), "min_samples_leaf": .integer(50)]), training: training,
                seed: 1, threads: 1) as? ForestModel)
        #expect(coarse.nodeCount < full.nodeCount / 5)
        // At most 500 / 50 leaves per tree.
        #expect(coarse.nodeCount <= 5 * (2 * 10 - 1))
    }

    @Test func maxFeaturesTakesNamesAndFractions() throws {
        #expect(try RandomForest(assignment: Assignment(["max_features": .label("sqrt")])).settings.maxFeatures == .sqrt)
        #expect(try RandomForest(assignment: Assignment(["max_features": .label("log2")])).settings.maxFeatures == .log2)
        #expect(try RandomForest(assignment: Assignment(["max_features": .real(0.5)])).settings.maxFeatures == .fraction(0.5))
        #expect(try RandomForest(assignment: Assignment(["max_features": .label("auto")])).settings.maxFeatures == nil)
        #expect(throws: LearnersError.self) { try RandomForest(assignment: Assignment(["max_features": .label("most")])) }
        #expect(throws: LearnersError.self) { try RandomForest(assignment: Assignment(["max_features": .real(1.5)])) }
        #expect(throws: LearnersError.self) { try ExtraTrees(assignment: Assignment(["max_bin": .integer(64)])) }
        #expect(throws: LearnersError.self) { try RandomForest(assignment: Assignment(["bootstrap": .label("maybe")])) }
    }

    @Test func extraTreesRefuseInfiniteFeatures() throws {
        let features = try FeatureMatrix(names: ["a", "b"], columns: [[1, 2, 3, 4], [1, .infinity, 0, 2]])
        let data = try Dataset(features: features, target: [0, 1, 0, 1], task: .binary, classes: ["n", "y"])
        #expect(throws: LearnersError.nonFiniteFeature(name: "b", learner: ExtraTrees.name)) {
            try ExtraTrees().fit(data, validation: nil, seed: 0, threads: 1)
        }
        // Random forests split on bins, where +∞ is simply the largest value.
        #expect(throws: Never.self) { try RandomForest().fit(data, validation: nil, seed: 0, threads: 1) }
    }

    @Test func balancedClassWeightsLiftTheRareClass() throws {
        // 5% positives that depend on x0 only weakly: balancing raises the positive rate predicted.
        var generator = SeededGenerator(seed: 4)
        let n = 2000
        let x0 = (0..<n).map { _ in Double.random(in: 0...1, using: &generator) }
        let target = x0.map { Double.random(in: 0...1, using: &generator) < 0.02 + 0.06 * $0 ? 1.0 : 0.0 }
        let data = try Dataset(features: FeatureMatrix(names: ["x0"], columns: [x0]), target: target, task: .binary, classes: ["n", "y"])
        let settings = ["n_estimators": ParameterValue.integer(20), "min_samples_leaf": .integer(20)]
        let plain = try RandomForest(assignment: Assignment(settings)).fit(data, validation: nil, seed: 1, threads: 2)
        var balancedSettings = settings
        balancedSettings["class_weight"] = .label("balanced")
        let balanced = try RandomForest(assignment: Assignment(balancedSettings)).fit(data, validation: nil, seed: 1, threads: 2)
        let mean = { (p: Prediction) in p.probabilities(ofClass: 1).reduce(0, +) / Double(n) }
        #expect(try mean(balanced.predict(data.features, threads: 1)) > 3 * mean(plain.predict(data.features, threads: 1)))
    }
}
