import Learners
import Tabular
import Testing
import Tuning

/// The multilayer perceptron beyond the shared contract: it learns what no linear model can,
/// stops early on a validation set, takes dropout and tanh, and predicts targets in the thousands.
@Suite struct MultilayerPerceptronTests {
    /// XOR of the signs of two features: no linear boundary separates it.
    static func xor(rows: Int, seed: UInt64) throws -> Dataset {
        var generator = SeededGenerator(seed: seed)
        let a = (0..<rows).map { _ in Double.random(in: -1...1, using: &generator) }
        let b = (0..<rows).map { _ in Double.random(in: -1...1, using: &generator) }
        let target = zip(a, b).map { ($0 > 0) != ($1 > 0) ? 1.0 : 0.0 }
        return try Dataset(features: FeatureMatrix(names: ["a", "b"], columns: [a, b]), target: target, task: .binary, classes: ["same", "differ"])
    }

    @Test(arguments: ["relu", "tanh"])
    func learnsXor(_ activation: String) throws {
        let training = try Self.xor(rows: 1000, seed: 1)
        let testing = try Self.xor(rows: 500, seed: 2)
        let settings = Assignment(["activation": .label(activation), "learning_rate_init": .real(0.01), "hidden_layer_sizes": .label("32,16")])
        let model = try MultilayerPerceptron(assignment: settings).fit(training, validation: nil, seed: 3, threads: 2)
        #expect(Metric.accuracy.evaluate(try model.predict(testing.features, threads: 2), truth: testing.target) > 0.9)
        let linear = try LinearLearner().fit(training, validation: nil, seed: 3, threads: 2)
        #expect(Metric.accuracy.evaluate(try linear.predict(testing.features, threads: 2), truth: testing.target) < 0.7)
    }

    @Test func stopsEarlyOnValidationLossAndTakesDropout() throws {
        let training = try Self.xor(rows: 600, seed: 1)
        let validation = try Self.xor(rows: 300, seed: 4)
        let settings = Assignment([
            "learning_rate_init": .real(0.01), "max_iter": .integer(500), "n_iter_no_change": .integer(5), "dropout": .real(0.2),
        ])
        let model = try MultilayerPerceptron(assignment: settings).fit(training, validation: validation, seed: 3, threads: 1)
        #expect(model.epochs < 500)
        #expect(Metric.accuracy.evaluate(try model.predict(validation.features, threads: 1), truth: validation.target) > 0.85)
    }

    @Test func regressionOnALargeScale() throws {
        var generator = SeededGenerator(seed: 5)
        let x = (0..<800).map { _ in Double.random(in: -2...2, using: &generator) }
        let y = x.map { 50_000 + 20_000 * $0 * $0 + Double.random(in: -1000...1000, using: &generator) }
        let data = try Dataset(features: FeatureMatrix(names: ["x"], columns: [x]), target: y, task: .regression)
        let model = try MultilayerPerceptron(assignment: Assignment(["learning_rate_init": .real(0.01)])).fit(
            data, validation: nil, seed: 1, threads: 2)
        #expect(Metric.r2.evaluate(try model.predict(data.features, threads: 2), truth: y) > 0.95)
    }

    @Test func refusesBadLayersAndMissingValues() throws {
        #expect(throws: LearnersError.self) { try MultilayerPerceptron(assignment: Assignment(["hidden_layer_sizes": .label("64,,x")])) }
        #expect(throws: LearnersError.self) { try MultilayerPerceptron(assignment: Assignment(["hidden_layer_sizes": .label("0")])) }
        #expect(throws: LearnersError.self) { try MultilayerPerceptron(assignment: Assignment(["activation": .label("sigmoid")])) }
        let data = try Dataset(features: FeatureMatrix(names: ["x"], columns: [[0, .nan, 2]]), target: [1, 2, 3], task: .regression)
        #expect(throws: LearnersError.nonFiniteFeature(name: "x", learner: MultilayerPerceptron.name)) {
            try MultilayerPerceptron().fit(data, validation: nil, seed: 0, threads: 1)
        }
        #expect(try MultilayerPerceptron(assignment: Assignment(["hidden_layer_sizes": .label("64, 32")])).hiddenLayers == [64, 32])
    }
}
