// A tuning process for the crash-safety test: tunes Branin with the Bayesian sampler over a SQLite
// store, each trial sleeping a little, so the test can SIGKILL it mid-run and resume it.
//
//   tuning-probe STORE_PATH MAX_TRIALS PARALLELISM SLEEP_MS
import Foundation
import Tuning

let arguments = CommandLine.arguments
guard arguments.count == 5, let maxTrials = Int(arguments[2]), let parallelism = Int(arguments[3]), let sleep = Int(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: tuning-probe STORE_PATH MAX_TRIALS PARALLELISM SLEEP_MS\n".utf8))
    exit(2)
}
let space = SearchSpace([
    Parameter("x1", .continuous(lower: -5, upper: 10, scaling: .linear), initial: .real(2.5)),
    Parameter("x2", .continuous(lower: 0, upper: 15, scaling: .linear), initial: .real(7.5)),
])
do {
    let store = try SQLiteTrialStore(path: arguments[1])
    let study = try Study(
        name: "crash-probe", space: space, direction: .minimize, seed: 42,
        sampler: BayesianSampler(fitSettings: .init(restarts: 1, iterations: 20)), store: store)
    let executor = ClosureExecutor { request, reporter in
        let x1 = request.assignment["x1"]?.number ?? 0
        let x2 = request.assignment["x2"]?.number ?? 0
        for step in 1...4 {
            try await Task.sleep(for: .milliseconds(sleep / 4))
            _ = try await reporter.report(step: step, value: x1 * x1 + x2 / Double(step))
        }
        let b = 5.1 / (4 * Double.pi * Double.pi)
        let c = 5 / Double.pi
        let t = 1 / (8 * Double.pi)
        let term = x2 - b * x1 * x1 + c * x1 - 6
        return term * term + 10 * (1 - t) * cos(x1) + 10
    }
    let tuner = try Tuner(study: study, executor: executor, budget: try Budget(maxTrials: maxTrials), parallelism: parallelism)
    let summary = try await tuner.run()
    print("done \(summary.trials.filter { $0.status == .completed }.count)")
} catch {
    FileHandle.standardError.write(Data("tuning-probe: \(error.localizedDescription)\n".utf8))
    exit(1)
}
