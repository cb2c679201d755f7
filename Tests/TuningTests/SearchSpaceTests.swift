import Foundation
import Testing
import Tuning

@Suite struct SearchSpaceTests {
    let space = SearchSpace([
        Parameter("eta", .continuous(lower: 0.01, upper: 0.5, scaling: .logarithmic), initial: .real(0.3)),
        Parameter("max_depth", .integer(lower: 2, upper: 10, scaling: .linear), initial: .integer(6)),
        Parameter("booster", .categorical(["gbtree", "dart"]), initial: .label("gbtree")),
    ])

    @Test func initialAssignmentIsValid() throws {
        try space.validate(space.initialAssignment)
        #expect(space.initialAssignment["max_depth"] == .integer(6))
    }

    @Test func rejectsValuesOutsideTheirDomain() {
        #expect(throws: TuningError.outOfRange(parameter: "eta", value: "0.9", domain: "[0.01, 0.5] logarithmic")) {
            try space.validate(Assignment(["eta": .real(0.9)]))
        }
        #expect(throws: TuningError.wrongKind(parameter: "max_depth", value: "3.5", expected: "a whole number")) {
            try space.validate(Assignment(["max_depth": .real(3.5)]))
        }
        #expect(throws: TuningError.outOfRange(parameter: "booster", value: "gblinear", domain: "{gbtree, dart}")) {
            try space.validate(Assignment(["booster": .label("gblinear")]))
        }
        #expect(throws: TuningError.unknownParameter(name: "etaa", known: ["eta", "max_depth", "booster"])) {
            try space.validate(Assignment(["etaa": .real(0.1)]))
        }
    }

    @Test func autoScalingPicksLogarithmicForWideRanges() {
        #expect(Scaling.auto.resolved(lower: 0.001, upper: 1) == .logarithmic)
        #expect(Scaling.auto.resolved(lower: 1, upper: 10) == .linear)
        #expect(Scaling.auto.resolved(lower: 0, upper: 1000) == .linear)
        #expect(Scaling.reverseLogarithmic.resolved(lower: 0.9, upper: 0.999) == .reverseLogarithmic)
    }

    @Test func assignmentRoundTripsThroughJSON() throws {
        let assignment = Assignment(["eta": .real(0.25), "max_depth": .integer(4), "booster": .label("dart")])
        let decoded = try JSONDecoder().decode(Assignment.self, from: JSONEncoder().encode(assignment))
        #expect(decoded == assignment)
        #expect(try decoded.real("eta", default: 0) == 0.25)
        #expect(try decoded.integer("max_depth", default: 0) == 4)
        #expect(decoded.summary == "booster=dart, eta=0.25, max_depth=4")
    }
}
