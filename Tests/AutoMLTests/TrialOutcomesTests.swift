import AutoML
import Foundation
import Testing
import Tuning

/// Trials sorted by how they ended, as the leaderboard's failures section and the index's tally
/// show them.
@Suite struct TrialOutcomesTests {
    func assignment(_ candidate: String) -> Assignment {
        Assignment(["algorithm": .label(candidate), "\(candidate).eta": .real(0.1)])
    }

    @Test func completedFailedAndCutOffTrialsAreToldApart() {
        let start = Date(timeIntervalSince1970: 1_000)
        let trials = [
            Trial(number: 0, assignment: assignment("gbdt"), status: .completed, value: 0.8, seed: 0),
            Trial(
                number: 1, assignment: assignment("mlp"), status: .failed,
                error: "took longer than the 5.0 s one trial may run (a quarter of the tuning time); cut off",
                seed: 0, startedAt: start, finishedAt: start.addingTimeInterval(5.5)),
            Trial(number: 2, assignment: assignment("linear"), status: .failed, error: "the solver diverged\nat step 3", seed: 0),
            Trial(number: 3, assignment: assignment("gbdt"), status: .stopped, seed: 0),
            Trial(number: 4, assignment: assignment("gbdt"), status: .running, seed: 0),
        ]
        let outcomes = TrialOutcomes(trials)
        #expect(outcomes.completed == 1 && outcomes.failed == 1 && outcomes.cutOff == 2)
        #expect(outcomes.tally == "1 completed, 1 failed, 2 cut off")
        #expect(outcomes.unfinished.map(\.trial) == [1, 2, 3])
        #expect(outcomes.unfinished[0].seconds == 5.5 && outcomes.unfinished[0].ending == .cutOff)
        #expect(outcomes.unfinished[1].reason == "the solver diverged" && outcomes.unfinished[1].candidate == "linear")
        #expect(outcomes.unfinished[1].hyperparameters == Assignment(["eta": .real(0.1)]))
        #expect(outcomes.unfinished[2].reason == "still running when the search's time ran out")
        // The trial still running is not counted anywhere.
        #expect(outcomes.byCandidate["gbdt"]?.started == 2 && outcomes.byCandidate["gbdt"]?.completed == 1)
    }

    @Test func trialsNotStartedForWantOfTimeAreNeitherFailuresNorStarts() {
        let trials = [
            Trial(number: 0, assignment: assignment("gbdt"), status: .completed, value: 0.8, seed: 0),
            Trial(
                number: 1, assignment: assignment("gbdt"), status: .failed,
                error: "not started: like trials took about 7.8 s, and the search had 5.3 s left", seed: 0),
        ]
        let outcomes = TrialOutcomes(trials)
        #expect(outcomes.failed == 0 && outcomes.cutOff == 0 && outcomes.notStarted == 1)
        #expect(outcomes.tally == "1 completed, 0 failed, 0 cut off, 1 not started")
        #expect(outcomes.unfinished[0].ending == .notStarted)
        #expect(outcomes.unfinished[0].reason == "like trials took about 7.8 s, and the search had 5.3 s left")
        #expect(outcomes.byCandidate["gbdt"]?.started == 1, "a trial not started is not a start")
    }
}

@Suite struct SamplerFallbackCaveatTests {
    @Test func trialsDrawnAtRandomAreCountedWithTheirReasons() {
        let assignment = Assignment(["candidate": .label("linear-0")])
        let trials = (0..<5).map { number in
            Trial(
                number: number, assignment: assignment, status: .completed, value: 1, seed: 0,
                samplerFallback: number < 2
                    ? "the Gaussian process could not be fitted: not positive definite"
                    : number == 2 ? "every point expected improvement ranked has been tried" : nil)
        }
        let caveat = TrialOutcomes(trials).fallbackCaveat ?? ""
        #expect(caveat.contains("fell back to random sampling** for 3 of 5 trials"), "\(caveat)")
        #expect(caveat.contains("not positive definite (2×); every point expected improvement ranked has been tried (1×)"), "\(caveat)")
        #expect(TrialOutcomes(Array(trials.suffix(2))).fallbackCaveat == nil)
    }
}
