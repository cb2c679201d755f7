import Foundation
import Testing
import Tuning

@Suite struct StoppingRuleTests {
    func trial(_ number: Int, _ values: [Double], status: TrialStatus = .completed) -> Trial {
        Trial(
            number: number, assignment: Assignment(), status: status,
            intermediateValues: values.enumerated().map { IntermediateValue(step: $0.offset + 1, value: $0.element) }, seed: 0)
    }

    @Test func medianRuleStopsATrialWorseThanTheMedianOfRunningAverages() {
        let rule = MedianStoppingRule(minimumTrials: 3)
        // Running averages at step 2: 0.75, 0.55, 0.35 → median 0.55.
        let earlier = [trial(0, [1.0, 0.5, 0.4]), trial(1, [0.6, 0.5, 0.4]), trial(2, [0.4, 0.3, 0.2])]
        #expect(rule.shouldStop(trial(3, [0.9, 0.6], status: .running), among: earlier, direction: .minimize))
        #expect(!rule.shouldStop(trial(3, [0.9, 0.5], status: .running), among: earlier, direction: .minimize))
        #expect(!rule.shouldStop(trial(3, [0.9, 0.6], status: .running), among: earlier, direction: .maximize))
        // Fewer than three earlier trials reached step 2: go on.
        #expect(!rule.shouldStop(trial(3, [9, 9], status: .running), among: Array(earlier.prefix(2)), direction: .minimize))
        // Later-numbered trials do not count.
        #expect(
            !rule.shouldStop(
                trial(0, [9, 9], status: .running),
                among: earlier.map {
                    var t = $0
                    t.number += 10
                    return t
                }, direction: .minimize))
    }

    @Test func hyperbandBracketsFollowTheSchedule() throws {
        let rule = try HyperbandStoppingRule(minResource: 1, maxResource: 27, reductionFactor: 3)
        #expect(rule.rungs(of: 0) == [1, 3, 9])
        #expect(rule.rungs(of: 2) == [9])
        #expect(rule.rungs(of: 3) == [])
        // Hyperband's counts for η = 3, R = 27: 27, 12, 6, 4 configurations per bracket.
        let counts = (0..<49).reduce(into: [Int: Int]()) { $0[rule.bracket(of: $1), default: 0] += 1 }
        #expect(counts == [0: 27, 1: 12, 2: 6, 3: 4])
        #expect((0..<8).map(rule.bracket(of:)).count(where: { $0 == 0 }) < 8)
        #expect(throws: TuningError.invalidSetting(name: "reduction_factor", reason: "must be at least 2, got 1")) {
            try HyperbandStoppingRule(minResource: 1, maxResource: 9, reductionFactor: 1)
        }
        #expect(throws: TuningError.self) { try HyperbandStoppingRule(minResource: 5, maxResource: 5) }
    }

    @Test func hyperbandKeepsOnlyTheTopThirdAtARung() throws {
        let rule = try HyperbandStoppingRule(minResource: 1, maxResource: 27, reductionFactor: 3)
        let bracketZero = (0..<200).filter { rule.bracket(of: $0) == 0 }
        // Five trials of bracket 0 reached rung 1 with losses 1...5.
        let others = bracketZero.prefix(5).enumerated().map { trial($1, [Double($0 + 1)]) }
        let newcomer = bracketZero[5]
        #expect(rule.shouldStop(trial(newcomer, [3.5], status: .running), among: others, direction: .minimize))
        #expect(!rule.shouldStop(trial(newcomer, [1.5], status: .running), among: others, direction: .minimize))
        // Between rungs nothing is decided.
        #expect(!rule.shouldStop(trial(newcomer, [1.5, 100], status: .running), among: others, direction: .minimize))
        // The first arrival at a rung always continues.
        #expect(!rule.shouldStop(trial(newcomer, [99], status: .running), among: [], direction: .minimize))
    }
}
