import Learners
import Tabular
import Testing
import Tuning

/// k-NN: hand-computed votes and means, agreement with a naive search across block and tile
/// boundaries, and refusal of missing values.
@Suite struct NearestNeighborsTests {
    static let line = try! FeatureMatrix(names: ["x"], columns: [[0, 1, 2, 10, 11]])

    @Test func votesAndMeansByHand() throws {
        let classes = try Dataset(features: Self.line, target: [0, 0, 1, 1, 1], task: .binary, classes: ["a", "b"])
        let query = try FeatureMatrix(names: ["x"], columns: [[0.9, 10.4]])
        // k = 3 at 0.9: rows 1, 0, 2 → a, a, b.
        let uniform = try NearestNeighbors(assignment: Assignment(["k": .integer(3)])).fit(classes, validation: nil, seed: 0, threads: 1)
        let votes = try uniform.predict(query, threads: 1)
        #expect(abs(votes.probability(row: 0, class: 0) - 2.0 / 3) < 1e-12)
        #expect(votes.probability(row: 1, class: 1) == 1)
        // Distance weights at 0.9: 1/0.1 + 1/0.9 for a, 1/1.1 for b.
        let weighted = try NearestNeighbors(assignment: Assignment(["k": .integer(3), "weights": .label("distance")])).fit(
            classes, validation: nil, seed: 0, threads: 1)
        let a = 1 / 0.1 + 1 / 0.9
        let b = 1 / 1.1
        #expect(abs(try weighted.predict(query, threads: 1).probability(row: 0, class: 1) - b / (a + b)) < 1e-9)
        // An exact match takes the whole vote.
        let exact = try weighted.predict(FeatureMatrix(names: ["x"], columns: [[2]]), threads: 1)
        #expect(exact.probability(row: 0, class: 1) == 1)
        // Regression: the mean of the 2 nearest targets.
        let values = try Dataset(features: Self.line, target: [5, 7, 9, 100, 200], task: .regression)
        let mean = try NearestNeighbors(assignment: Assignment(["k": .integer(2)])).fit(values, validation: nil, seed: 0, threads: 1)
        #expect(try mean.predict(FeatureMatrix(names: ["x"], columns: [[10.6]]), threads: 1).values == [150])
    }

    @Test(arguments: [1, 2])
    func agreesWithANaiveSearch(_ threads: Int) throws {
        // 5000 training rows (two tiles) and 300 queries (three blocks), 7 features.
        var generator = SeededGenerator(seed: 11)
        let p = 7
        let train = (0..<p).map { _ in (0..<5000).map { _ in Double.random(in: -1...1, using: &generator) } }
        let target = (0..<5000).map { _ in Double.random(in: 0...1, using: &generator) }
        let queries = (0..<p).map { _ in (0..<300).map { _ in Double.random(in: -1...1, using: &generator) } }
        let names = (0..<p).map { "f\($0)" }
        let data = try Dataset(features: FeatureMatrix(names: names, columns: train), target: target, task: .regression)
        let model = try NearestNeighbors(assignment: Assignment(["k": .integer(4)])).fit(data, validation: nil, seed: 0, threads: threads)
        let predicted = try model.predict(FeatureMatrix(names: names, columns: queries), threads: threads).values
        for q in 0..<300 {
            var distances = [Double](repeating: 0, count: 5000)
            for i in 0..<5000 {
                for j in 0..<p {
                    let d = train[j][i] - queries[j][q]
                    distances[i] += d * d
                }
            }
            let nearest = distances.indices.sorted { distances[$0] < distances[$1] }.prefix(4)
            let expected = nearest.reduce(0.0) { $0 + target[$1] } / 4
            #expect(abs(predicted[q] - expected) < 1e-9)
        }
    }

    @Test func refusesMissingValuesAndSamplesRows() throws {
        let data = try Dataset(features: FeatureMatrix(names: ["x"], columns: [[0, .nan, 2]]), target: [1, 2, 3], task: .regression)
        #expect(throws: LearnersError.nonFiniteFeature(name: "x", learner: NearestNeighbors.name)) {
            try NearestNeighbors().fit(data, validation: nil, seed: 0, threads: 1)
        }
        let complete = try Dataset(features: Self.line, target: [1, 2, 3, 4, 5], task: .regression)
        let model = try NearestNeighbors().fit(complete, validation: nil, seed: 0, threads: 1)
        #expect(throws: LearnersError.nonFiniteFeature(name: "x", learner: NearestNeighbors.name)) {
            try model.predict(FeatureMatrix(names: ["x"], columns: [[.nan]]), threads: 1)
        }
        // k above the row count uses every row; sample_size keeps that many rows.
        #expect(try model.predict(FeatureMatrix(names: ["x"], columns: [[3]]), threads: 1).values == [3])
        let sampled = try NearestNeighbors(assignment: Assignment(["k": .integer(10), "sample_size": .integer(2)])).fit(
            complete, validation: nil, seed: 0, threads: 1)
        let value = try sampled.predict(FeatureMatrix(names: ["x"], columns: [[3]]), threads: 1).values[0]
        #expect([1.5, 2, 2.5, 3, 3.5, 4, 4.5].contains(value))
    }
}
