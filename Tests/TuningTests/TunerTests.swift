import Foundation
import Testing
import Tuning

@Suite struct TunerTests {
    static let quick = BayesianSampler(fitSettings: .init(restarts: 1, iterations: 25))

    func study(
        _ name: String = "job", sampler: any Sampler = quick, store: any TrialStore = InMemoryTrialStore(), seed: UInt64 = 1,
        stoppingRule: (any StoppingRule)? = nil, parents: [String] = []
    ) throws -> Study {
        try Study(
            name: name, space: TestFunctions.braninSpace, direction: .minimize, seed: seed, sampler: sampler,
            stoppingRule: stoppingRule, store: store, parents: parents)
    }

    let branin = ClosureExecutor(objective: TestFunctions.branin)

    @Test func aSequentialRunIsExactlyReproducible() async throws {
        func run() async throws -> [Trial] {
            let tuner = try Tuner(study: try study(), executor: branin, budget: try Budget(maxTrials: 15))
            return try await tuner.run().trials
        }
        let first = try await run()
        let second = try await run()
        #expect(first.count == 15)
        #expect(first.map(\.assignment) == second.map(\.assignment))
        #expect(first.map(\.value) == second.map(\.value))
        #expect(first.map(\.seed) == second.map(\.seed))
    }

    @Test func anInterruptionIsReportedAsSuchWhenARuntimeLimitIsAlsoSet() async throws {
        // Raising the interruption cancels the runtime limit's sleep, which then ends too; the
        // reason must stay "interrupted" (it was reported as "maximum runtime" before).
        let interruption = JobInterruption()
        let executor = ClosureExecutor { request, _ in
            if request.number == 2 { interruption.raise() }
            // The interrupted trial can only end by being cancelled: a shorter sleep let it
            // complete in CI, where other suites kept the 2-thread cooperative pool busy for
            // seconds before the interruption watcher ran.
            try await Task.sleep(for: .milliseconds(request.number >= 2 ? 120_000 : 5))
            return TestFunctions.branin(request.assignment)
        }
        let summary = try await Tuner(
            study: try study(), executor: executor, budget: try Budget(maxTrials: 50, maxRuntime: 600), interruption: interruption
        ).run()
        #expect(summary.reason == .interrupted)
        #expect(summary.trials.filter { $0.status == .completed }.count == 2)
    }

    @Test func parallelTrialsRunConcurrentlyAndFinishTheBudget() async throws {
        let peak = Peak()
        let executor = ClosureExecutor { request, _ in
            await peak.enter()
            // Long enough that all four trials overlap even when a busy CI machine delays the
            // tuner's next proposal.
            try await Task.sleep(for: .milliseconds(300))
            await peak.leave()
            return TestFunctions.branin(request.assignment)
        }
        let summary = try await Tuner(study: try study(), executor: executor, budget: try Budget(maxTrials: 16), parallelism: 4).run()
        #expect(summary.reason == .maxTrials)
        #expect(summary.trials.count == 16)
        #expect(summary.trials.allSatisfy { $0.status == .completed })
        #expect(Set(summary.trials.map(\.assignment)).count == 16)
        #expect(await peak.maximum == 4)
    }

    @Test func aFailingTrialIsRecordedWithItsMessageAndTheJobGoesOn() async throws {
        struct Diverged: LocalizedError { var errorDescription: String? { "training diverged at epoch 3" } }
        let executor = ClosureExecutor { request, _ in
            if request.number % 3 == 1 { throw Diverged() }
            return TestFunctions.branin(request.assignment)
        }
        let summary = try await Tuner(study: try study(), executor: executor, budget: try Budget(maxTrials: 9)).run()
        let failed = summary.trials.filter { $0.status == .failed }
        #expect(failed.count == 3)
        #expect(failed.allSatisfy { $0.error == "training diverged at epoch 3" })
        #expect(summary.best?.status == .completed)
        let nan = ClosureExecutor(objective: { _ in .nan })
        let nanSummary = try await Tuner(study: try study("nan"), executor: nan, budget: try Budget(maxTrials: 2)).run()
        #expect(nanSummary.trials.allSatisfy { $0.status == .failed && $0.error?.contains("not a finite number") == true })
    }

    @Test func anInterruptionIsReportedWhenTheLastTrialEndsBeforeTheWatcherSeesIt() async throws {
        // The trial raises the interruption and returns at once: the trial's end reaches the tuner
        // before the watcher's next poll, and the search must still end as interrupted.
        let interruption = JobInterruption()
        let executor = ClosureExecutor { request, _ in
            if request.number == 1 { interruption.raise() }
            return TestFunctions.branin(request.assignment)
        }
        let summary = try await Tuner(study: try study(), executor: executor, budget: try Budget(maxTrials: 50), interruption: interruption).run()
        #expect(summary.reason == .interrupted)
        #expect(summary.trials.count == 2)
    }

    @Test func aDynamicDeadlineEndsTheSearchWhenItComesDown() async throws {
        // The deadline starts far away and drops to 0.2 s once a trial has finished: the search
        // must then end like at its maximum runtime, cancelling the running slow trials.
        let finishedOne = JobInterruption()
        let executor = ClosureExecutor { request, _ in
            if request.number == 0 {
                finishedOne.raise()
                return 1
            }
            // Only cancellation ends these trials: a loaded CI machine can starve the watcher for
            // minutes, and no wall-clock bound is asserted.
            try await Task.sleep(for: .seconds(3600))
            return 0
        }
        var tuner = try Tuner(study: try study("dynamic"), executor: executor, budget: try Budget(maxTrials: 50, maxRuntime: 600), parallelism: 2)
        tuner.deadline = { finishedOne.isRaised ? 0.2 : 600 }
        let summary = try await tuner.run()
        #expect(summary.reason == .maxRuntime)
        #expect(summary.trials.filter { $0.status == .completed }.count == 1)
        #expect(summary.trials.filter { $0.status == .stopped }.count >= 1)
    }

    @Test func completionCriteriaEndTheJob() async throws {
        let target = try await Tuner(study: try study("target"), executor: branin, budget: try Budget(maxTrials: 50, targetValue: 30)).run()
        guard case .targetReached(let number) = target.reason else {
            Issue.record("\(target.reason)")
            return
        }
        #expect(target.trials.count < 50)
        #expect((target.trials[number].value ?? .infinity) <= 30)

        let flat = ClosureExecutor(objective: { _ in 1.0 })
        let stale = try await Tuner(study: try study("stale"), executor: flat, budget: try Budget(maxTrials: 50, noImprovementTrials: 4)).run()
        #expect(stale.reason == .noImprovement(trials: 4))
        #expect(stale.trials.count == 5)

        let slow = ClosureExecutor { _, _ in
            try await Task.sleep(for: .seconds(30))
            return 0
        }
        let start = ContinuousClock.now
        let timed = try await Tuner(study: try study("timed"), executor: slow, budget: try Budget(maxTrials: 50, maxRuntime: 0.3), parallelism: 2)
            .run()
        #expect(timed.reason == .maxRuntime)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(timed.trials.count == 2 && timed.trials.allSatisfy { $0.status == .stopped })

        let grid = try await Tuner(study: try study("grid", sampler: GridSampler(resolution: 3)), executor: branin, budget: try Budget(maxTrials: 50))
            .run()
        #expect(grid.reason == .searchSpaceExhausted && grid.trials.count == 9)
    }

    @Test func badSettingsAreRefused() throws {
        #expect(throws: TuningError.invalidSetting(name: "max_trials", reason: "must be at least 1, got 0")) { try Budget(maxTrials: 0) }
        #expect(throws: TuningError.self) { try Budget(maxTrials: 3, maxRuntime: -1) }
        #expect(throws: TuningError.self) { try Budget(maxTrials: 3, noImprovementTrials: 0) }
        #expect(throws: TuningError.invalidSetting(name: "max_parallel_trials", reason: "must be at least 1, got 0")) {
            try Tuner(study: try study(), executor: branin, budget: try Budget(maxTrials: 3), parallelism: 0)
        }
        let bad = SearchSpace([Parameter("lr", .continuous(lower: 0, upper: 1, scaling: .logarithmic), initial: .real(0.1))])
        #expect(throws: TuningError.self) {
            try Study(name: "bad", space: bad, direction: .minimize, seed: 0, sampler: RandomSampler(), store: InMemoryTrialStore())
        }
    }

    @Test func medianRuleStopsPoorTrialsFromTheirIntermediateValues() async throws {
        // Learning curves: value at epoch e is (final) + 1/e; the final value is Branin's.
        let executor = ClosureExecutor { request, reporter in
            let final = TestFunctions.branin(request.assignment)
            for epoch in 1...5 {
                if try await reporter.report(step: epoch, value: final + 1 / Double(epoch)) { return final + 1 / Double(epoch) }
            }
            return final
        }
        let summary = try await Tuner(
            study: try study(sampler: RandomSampler(), stoppingRule: MedianStoppingRule()), executor: executor,
            budget: try Budget(maxTrials: 20)
        ).run()
        let stopped = summary.trials.filter { $0.status == .stopped }
        #expect(!stopped.isEmpty)
        #expect(stopped.allSatisfy { $0.intermediateValues.count < 5 && $0.value != nil })
        #expect(summary.trials.prefix(3).allSatisfy { $0.status == .completed })
        let hyperband = HyperbandSampler(brackets: try HyperbandStoppingRule(minResource: 1, maxResource: 5, reductionFactor: 2))
        let hb = try await Tuner(study: try study("hb", sampler: hyperband), executor: executor, budget: try Budget(maxTrials: 20)).run()
        #expect(hb.trials.contains { $0.status == .stopped })
    }

    @Test func warmStartSeedsTheModelWithAParentsTrials() async throws {
        let store = InMemoryTrialStore()
        _ = try await Tuner(study: try study("parent", store: store), executor: branin, budget: try Budget(maxTrials: 12)).run()
        let child = try study("child", store: store, seed: 2, parents: ["parent"])
        #expect(child.priorTrials.count == 12)
        let summary = try await Tuner(study: child, executor: branin, budget: try Budget(maxTrials: 4)).run()
        // The child's first trial already comes from the model: it beats the parent's median.
        let parentValues = try store.trials(study: "parent").compactMap(\.value).sorted()
        #expect((summary.trials[0].value ?? .infinity) < parentValues[6])
        #expect(throws: TuningError.unknownStudy(name: "ghost")) { try study("orphan", store: store, parents: ["ghost"]) }
    }

    @Test func enqueuedAssignmentsRunFirst() async throws {
        let study = try study()
        try await study.enqueue(Assignment(["x1": .real(-3.14159), "x2": .real(12.275)]))
        let summary = try await Tuner(study: study, executor: branin, budget: try Budget(maxTrials: 3)).run()
        #expect(summary.trials[0].assignment["x1"] == .real(-3.14159))
        #expect(abs((summary.best?.value ?? 0) - TestFunctions.braninMinimum) < 1e-3)
        await #expect(throws: TuningError.self) { try await study.enqueue(Assignment(["x1": .real(99)])) }
    }
}

/// Counts how many trials run at once.
actor Peak {
    var current = 0
    var maximum = 0
    func enter() {
        current += 1
        maximum = max(maximum, current)
    }
    func leave() { current -= 1 }
}
