import Foundation
import Tabular
import Testing
import Tuning

@Suite struct SearchSpaceDefinitionTests {
    func problem(_ parameters: [Parameter]) -> TuningError? {
        do {
            try SearchSpace(parameters).validateDefinition()
            return nil
        } catch {
            return error
        }
    }

    @Test func wellDefinedSpacesPass() throws {
        try TestFunctions.conditionalSpace.validateDefinition()
        try TestFunctions.braninSpace.validateDefinition()
    }

    @Test func badDefinitionsAreRefusedWithTheParameterAndTheFix() {
        let cases: [(Parameter, String)] = [
            (Parameter("a", .continuous(lower: 2, upper: 1, scaling: .linear), initial: .real(1.5)), "not below the upper bound"),
            (Parameter("b", .continuous(lower: 0, upper: 1, scaling: .logarithmic), initial: .real(0.5)), "positive range"),
            (Parameter("c", .continuous(lower: 0.5, upper: 1, scaling: .reverseLogarithmic), initial: .real(0.6)), "inside [0, 1)"),
            (Parameter("d", .integer(lower: 0, upper: 1, scaling: .reverseLogarithmic), initial: .integer(0)), "continuous parameters only"),
            (Parameter("e", .categorical([]), initial: .label("x")), "no categories"),
            (Parameter("f", .categorical(["x", "x"]), initial: .label("x")), "listed twice"),
            (Parameter("g", .integer(lower: 1, upper: 5, scaling: .linear), initial: .integer(9)), "starting value"),
            (Parameter("h", .continuous(lower: -.infinity, upper: 1, scaling: .linear), initial: .real(0)), "finite"),
        ]
        for (parameter, fragment) in cases {
            let error = problem([parameter])
            guard case .invalidSpace(let name, let reason)? = error else {
                Issue.record("\(parameter.name): expected invalidSpace, got \(String(describing: error))")
                continue
            }
            #expect(name == parameter.name)
            #expect(reason.contains(fragment), "\(reason)")
        }
    }

    @Test func conditionsMustNameAnEarlierCategoricalAndItsValues() {
        let choice = Parameter("algorithm", .categorical(["a", "b"]), initial: .label("a"))
        let number = Parameter("n", .integer(lower: 1, upper: 3, scaling: .linear), initial: .integer(1))
        let orphan = Parameter(
            "x", .continuous(lower: 0, upper: 1, scaling: .linear), initial: .real(0.5), condition: .init(parameter: "algorithm", values: ["a"]))
        #expect(
            problem([orphan, choice])
                == .invalidSpace(
                    parameter: "x", reason: "its condition names 'algorithm', which is not defined before it; define the parent parameter first"))
        let onNumber = Parameter(
            "y", .continuous(lower: 0, upper: 1, scaling: .linear), initial: .real(0.5), condition: .init(parameter: "n", values: ["1"]))
        #expect(problem([number, onNumber])?.errorDescription?.contains("not categorical") == true)
        let badValue = Parameter(
            "z", .continuous(lower: 0, upper: 1, scaling: .linear), initial: .real(0.5), condition: .init(parameter: "algorithm", values: ["c"]))
        #expect(problem([choice, badValue])?.errorDescription?.contains("'c'") == true)
        #expect(problem([choice, choice])?.errorDescription?.contains("appears twice") == true)
    }

    @Test func conditionalParametersExistOnlyUnderTheirCondition() throws {
        let space = TestFunctions.conditionalSpace
        let initial = space.initialAssignment
        #expect(initial["wd"] == nil)
        #expect(initial["eta"] == .real(0.3))
        try space.validateComplete(initial)
        var linear = Assignment(["algorithm": .label("linear"), "momentum": .real(0.5)])
        #expect(throws: TuningError.missingParameter(name: "wd")) { try space.validateComplete(linear) }
        linear["wd"] = .real(0.1)
        try space.validateComplete(linear)
        linear["eta"] = .real(0.1)
        #expect(throws: TuningError.inactiveParameter(name: "eta", condition: "algorithm in {trees}")) { try space.validateComplete(linear) }
    }

    /// Law: for any point, decoding then encoding then decoding gives the same assignment, and an
    /// assignment encodes to a point that decodes back to it.
    @Test func unitCubeRoundTrips() throws {
        let cube = UnitCube(TestFunctions.conditionalSpace)
        #expect(cube.dimension == 2 + 1 + 1 + 1 + 1)
        var generator = SeededGenerator(seed: 17)
        for _ in 0..<500 {
            let point = (0..<cube.dimension).map { _ in Double.random(in: 0...1, using: &generator) }
            let assignment = cube.decode(point)
            try TestFunctions.conditionalSpace.validateComplete(assignment)
            let again = cube.decode(cube.encode(assignment))
            #expect(Set(again.values.keys) == Set(assignment.values.keys))
            for (name, value) in assignment.values {
                switch (value, again[name]) {
                case (.real(let a), .real(let b)?): #expect(abs(a - b) <= 1e-12 * max(1, abs(a)))
                default: #expect(again[name] == value)
                }
            }
            #expect(zip(cube.project(point), cube.encode(assignment)).allSatisfy { abs($0 - $1) < 1e-9 })
        }
    }

    @Test func scalingsPlaceValuesAsSageMakerDefinesThem() {
        let log = Parameter("lr", .continuous(lower: 0.001, upper: 1, scaling: .logarithmic), initial: .real(0.01))
        #expect(abs((log.unitValue(.real(0.03162277)) ?? 0) - 0.5) < 1e-6)
        let reverse = Parameter("m", .continuous(lower: 0, upper: 0.999, scaling: .reverseLogarithmic), initial: .real(0.9))
        // −log(1 − x) is linear in the unit interval: 0.9 sits at 1/3 of [0, −log 0.001].
        #expect(abs((reverse.unitValue(.real(0.9)) ?? 0) - 1.0 / 3.0) < 1e-9)
        #expect(reverse.value(atUnit: 2.0 / 3.0) == .real(0.99))
        let whole = Parameter("k", .integer(lower: 1, upper: 4, scaling: .linear), initial: .integer(1))
        // Each whole number owns an equal share of [0, 1].
        #expect((0..<8).map { whole.value(atUnit: (Double($0) + 0.5) / 8) } == [1, 1, 2, 2, 3, 3, 4, 4].map { .integer($0) })
        #expect(Parameter("auto", .continuous(lower: 1e-5, upper: 1, scaling: .auto), initial: .real(0.1)).effectiveScaling == .logarithmic)
    }
}
