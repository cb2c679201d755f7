import Foundation
import Testing
import Tuning

/// The contract every sampler passes, on a mixed, conditional space.
@Suite struct SamplerContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case bayesian, random, grid, hyperband
        var testDescription: String { rawValue }

        var sampler: any Sampler {
            switch self {
            case .bayesian: BayesianSampler(fitSettings: .init(restarts: 2, iterations: 30))
            case .random: RandomSampler()
            case .grid: GridSampler(resolution: 3)
            case .hyperband: HyperbandSampler(brackets: try! HyperbandStoppingRule(minResource: 1, maxResource: 27))
            }
        }
    }

    let space = TestFunctions.conditionalSpace

    /// Runs `count` sequential suggestions, evaluating each; every 5th trial fails.
    func history(_ sampler: any Sampler, count: Int, seed: UInt64 = 11) throws -> [Trial] {
        var trials: [Trial] = []
        for number in 0..<count {
            let context = SamplingContext(space: space, direction: .minimize, trials: trials, trialNumber: number, studySeed: seed)
            let assignment = try sampler.suggest(context)
            let failed = number % 5 == 4
            trials.append(
                Trial(
                    number: number, assignment: assignment, status: failed ? .failed : .completed,
                    value: failed ? nil : TestFunctions.conditionalObjective(assignment), error: failed ? "boom" : nil, seed: 0))
        }
        return trials
    }

    @Test(arguments: Kind.allCases) func suggestsFullValidAssignmentsAndIsDeterministic(kind: Kind) throws {
        let first = try history(kind.sampler, count: 16)
        for trial in first { try space.validateComplete(trial.assignment) }
        let second = try history(kind.sampler, count: 16)
        #expect(first.map(\.assignment) == second.map(\.assignment))
        let otherSeed = try history(kind.sampler, count: 16, seed: 12)
        if kind != .grid { #expect(first.map(\.assignment) != otherSeed.map(\.assignment)) }
    }

    @Test(arguments: Kind.allCases) func neverReproposesAFailedOrPendingAssignment(kind: Kind) throws {
        var trials = try history(kind.sampler, count: 15)
        trials.append(
            Trial(
                number: 15,
                assignment: try kind.sampler.suggest(
                    SamplingContext(space: space, direction: .minimize, trials: trials, trialNumber: 15, studySeed: 11)), status: .running, seed: 0))
        let next = try kind.sampler.suggest(SamplingContext(space: space, direction: .minimize, trials: trials, trialNumber: 16, studySeed: 11))
        #expect(!trials.map(\.assignment).contains(next))
    }

    @Test(arguments: Kind.allCases) func seesBothBranchesOfTheCondition(kind: Kind) throws {
        let algorithms = Set(try history(kind.sampler, count: kind == .grid ? 30 : 20).compactMap { $0.assignment["algorithm"] })
        #expect(algorithms == [.label("trees"), .label("linear")])
    }

    @Test func theBayesianSamplerSaysWhenAndWhyItDrawsAtRandom() throws {
        let sampler = BayesianSampler(fitSettings: .init(restarts: 2, iterations: 30))
        // A healthy history: every suggestion is the design's or the model's.
        var trials: [Trial] = []
        for number in 0..<16 {
            let context = SamplingContext(space: space, direction: .minimize, trials: trials, trialNumber: number, studySeed: 3)
            let suggestion = try sampler.suggestion(context)
            #expect(suggestion.fallback == nil, "trial \(number): \(suggestion.fallback ?? "")")
            #expect(try sampler.suggest(context) == suggestion.assignment)
            trials.append(
                Trial(
                    number: number, assignment: suggestion.assignment, status: .completed,
                    value: TestFunctions.conditionalObjective(suggestion.assignment), seed: 0))
        }
        // Every trial failed: past the initial design there is nothing to model.
        let failed = (0..<12).map { number in
            Trial(number: number, assignment: trials[number].assignment, status: .failed, error: "boom", seed: 0)
        }
        let context = SamplingContext(space: space, direction: .minimize, trials: failed, trialNumber: 12, studySeed: 3)
        let suggestion = try sampler.suggestion(context)
        #expect(suggestion.fallback?.contains("fewer than 2 completed trials to model") == true, "\(suggestion.fallback ?? "nil")")
        #expect(try RandomSampler().suggestion(context).fallback == nil, "a random sampler does not fall back")
    }

    @Test func gridEnumeratesEveryConditionalCombinationOnceThenStops() throws {
        let sampler = GridSampler(resolution: 2)
        var trials: [Trial] = []
        while true {
            let context = SamplingContext(space: space, direction: .minimize, trials: trials, trialNumber: trials.count, studySeed: 0)
            do {
                let assignment = try sampler.suggest(context)
                trials.append(Trial(number: trials.count, assignment: assignment, status: .completed, value: 0, seed: 0))
            } catch {
                // trees: 2 eta × 2 depth × 2 momentum; linear: 2 wd × 2 momentum.
                #expect(error == .searchSpaceExhausted(points: 12))
                break
            }
        }
        #expect(trials.count == 12)
        #expect(Set(trials.map(\.assignment)).count == 12)
    }

    @Test func bayesianFindsTheBranchAndBeatsRandomOnBranin() throws {
        var bayesian: [Double] = []
        var random: [Double] = []
        for seed in UInt64(0)..<3 {
            for (sampler, sink) in [(BayesianSampler() as any Sampler, 0), (RandomSampler(), 1)] {
                var trials: [Trial] = []
                for number in 0..<25 {
                    let context = SamplingContext(
                        space: TestFunctions.braninSpace, direction: .minimize, trials: trials, trialNumber: number, studySeed: seed)
                    let assignment = try sampler.suggest(context)
                    trials.append(Trial(number: number, assignment: assignment, status: .completed, value: TestFunctions.branin(assignment), seed: 0))
                }
                let best = trials.compactMap(\.value).min() ?? .infinity
                if sink == 0 { bayesian.append(best) } else { random.append(best) }
            }
        }
        #expect(bayesian.sorted()[1] - TestFunctions.braninMinimum < 0.05, "\(bayesian)")
        #expect(bayesian.sorted()[1] < random.sorted()[1], "\(bayesian) vs \(random)")
    }

    @Test(arguments: [BayesianSampler.PendingOutcomes.sampled, .believer])
    func pendingSuggestionsInOneBatchAreDistinctAndSpread(_ outcomes: BayesianSampler.PendingOutcomes) throws {
        var trials = try history(BayesianSampler(pendingOutcomes: outcomes), count: 12).filter { $0.status == .completed }
        for (index, _) in trials.enumerated() { trials[index].number = index }
        var batch: [Assignment] = []
        for k in 0..<4 {
            let number = trials.count
            let context = SamplingContext(space: space, direction: .minimize, trials: trials, trialNumber: number, studySeed: 3)
            let assignment = try BayesianSampler(pendingOutcomes: outcomes).suggest(context)
            batch.append(assignment)
            trials.append(Trial(number: number, assignment: assignment, status: .running, seed: UInt64(k)))
        }
        #expect(Set(batch).count == 4)
    }

    @Test func warmStartTrialsSkipTheInitialDesign() throws {
        let parent = try history(BayesianSampler(), count: 12).filter { $0.status == .completed }
        let sampler = BayesianSampler()
        let cold = try sampler.suggest(SamplingContext(space: space, direction: .minimize, trials: [], trialNumber: 0, studySeed: 5))
        let warm = try sampler.suggest(
            SamplingContext(space: space, direction: .minimize, trials: [], priorTrials: parent, trialNumber: 0, studySeed: 5))
        #expect(cold != warm)
        // The model-based first suggestion lands near the parent's best region: the "trees" branch.
        #expect(warm["algorithm"] == .label("trees"))
    }
}
