import Foundation
import Testing
import Tuning

@testable import Learners

@Suite struct LinearLearnerTests {
    /// y = 1 + 2·x0 − 3·x1 exactly.
    private func line() throws -> Dataset {
        let x0: [Double] = [0, 1, 2, 3, 4, 5, 1, 2]
        let x1: [Double] = [1, 0, 2, 1, 0, 3, 3, 1]
        return try Dataset(
            features: FeatureMatrix(names: ["x0", "x1"], columns: [x0, x1]),
            target: zip(x0, x1).map { 1 + 2 * $0 - 3 * $1 }, task: .regression)
    }

    @Test(arguments: ["closed_form", "coordinate_descent", "lbfgs"])
    func recoversAnExactLine(_ optimizer: String) throws {
        let model = try LinearLearner(assignment: Assignment(["wd": .real(0), "optimizer": .label(optimizer)]))
            .fit(line(), validation: nil, seed: 0, threads: 1)
        #expect(abs(model.coefficients[0] - 2) < 1e-5 && abs(model.coefficients[1] + 3) < 1e-5, "\(model.coefficients)")
        #expect(abs(model.intercepts[0] - 1) < 1e-5)
    }

    @Test func l1ZeroesAnUselessFeature() throws {
        let data = try EstimatorContractTests.synthetic(task: .regression, complete: true)
        let model = try LinearLearner(assignment: Assignment(["l1": .real(0.2)])).fit(data, validation: nil, seed: 0, threads: 1)
        #expect(model.coefficients[2] == 0)
        #expect(model.coefficients[0] > 1)
        let classes = try EstimatorContractTests.synthetic(task: .binary, complete: true)
        let sparse = try LinearLearner(assignment: Assignment(["l1": .real(0.05), "epochs": .integer(30), "mini_batch_size": .integer(32)])).fit(
            classes, validation: nil, seed: 0, threads: 1)
        #expect(abs(sparse.coefficients[2]) < 0.05)
        #expect(sparse.coefficients[0] > 0.5)
    }

    @Test func missingValuesAndImpossibleSolversAreErrors() throws {
        let withMissing = try EstimatorContractTests.synthetic(task: .regression)
        #expect(throws: LearnersError.nonFiniteFeature(name: "x1", learner: "the linear learner")) {
            try LinearLearner().fit(withMissing, validation: nil, seed: 0, threads: 1)
        }
        let model = try LinearLearner().fit(line(), validation: nil, seed: 0, threads: 1)
        #expect(throws: LearnersError.nonFiniteFeature(name: "x0", learner: "the linear learner")) {
            try model.predict(FeatureMatrix(names: ["x0", "x1"], columns: [[.infinity], [1]]), threads: 1)
        }
        #expect(throws: LearnersError.self) {
            try LinearLearner(assignment: Assignment(["optimizer": .label("closed_form"), "l1": .real(0.1)])).fit(
                line(), validation: nil, seed: 0, threads: 1)
        }
        #expect(throws: LearnersError.self) {
            try LinearLearner(assignment: Assignment(["optimizer": .label("closed_form")]))
                .fit(EstimatorContractTests.synthetic(task: .binary, complete: true), validation: nil, seed: 0, threads: 1)
        }
        #expect(throws: LearnersError.self) { try LinearLearner(assignment: Assignment(["wd": .real(-1)])) }
    }
}
