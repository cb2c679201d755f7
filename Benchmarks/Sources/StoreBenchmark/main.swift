// Trial bookkeeping through a shared PostgreSQL store: one worker process asking for and telling
// zero-cost trials of a 6-D study, as fast as it can. benchmarks-data/store-benchmark.sh starts
// several at once beside Optuna's RDBStorage doing the same, on the same server.
//
//   StoreBenchmark URL STUDY TRIALS random|bayesian WORKER
//       CSV on standard output: operation,milliseconds (one row per ask and per tell; `start` and
//       `end` rows give the loop's first and last instants in milliseconds since 1970)
import Foundation
import Tuning

let arguments = CommandLine.arguments
guard arguments.count == 6, let count = Int(arguments[3]), ["random", "bayesian"].contains(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: StoreBenchmark URL STUDY TRIALS random|bayesian WORKER\n".utf8))
    exit(2)
}
let space = SearchSpace((1...6).map { Parameter("x\($0)", .continuous(lower: 0, upper: 1, scaling: .linear), initial: .real(0.5)) })
do {
    let store = try PostgreSQLTrialStore(server: PostgreSQLLocation(parsing: arguments[1]))
    let sampler: any Sampler = arguments[4] == "random" ? RandomSampler() : BayesianSampler()
    let study = try Study(
        name: arguments[2], space: space, direction: .minimize, seed: 1, sampler: sampler, store: store, worker: "bench-\(arguments[5])",
        requeueRunning: false)
    var rows = ["operation,milliseconds"]
    let clock = ContinuousClock()
    rows.append("start,\(Date().timeIntervalSince1970 * 1000)")
    for _ in 0..<count {
        let asked = clock.now
        guard let trial = try await study.ask(limit: nil) else { break }
        let told = clock.now
        let value = trial.assignment.values.values.reduce(0) { $0 + ($1.number ?? 0) }
        _ = try await study.tell(number: trial.number, outcome: .completed(value))
        let done = clock.now
        rows.append("ask,\((told - asked) / .milliseconds(1))")
        rows.append("tell,\((done - told) / .milliseconds(1))")
    }
    rows.append("end,\(Date().timeIntervalSince1970 * 1000)")
    print(rows.joined(separator: "\n"))
} catch {
    FileHandle.standardError.write(Data("StoreBenchmark: \(error.localizedDescription)\n".utf8))
    exit(1)
}
