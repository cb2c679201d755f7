// Tuning-engine benchmark: sample efficiency (simple regret), parallel batches, and the time to
// propose a point. Run in release mode through benchmarks-data/tuning-benchmark.sh, which runs the
// Python peers (Optuna TPE and GPSampler, scikit-optimize) in the same session.
//
//   TunerBenchmark regret --function branin --strategy bayesian --seeds 10 --evaluations 50 [--batch 4]
//       CSV: function,strategy,seed,evaluation,regret (best-so-far value minus the known minimum)
//   TunerBenchmark overhead --observations 50,200,500 --dimension 6 --repeats 5 [--pending 4]
//       CSV: observations,dimension,repeat,steady seconds,cold seconds
import Foundation
import Tuning

func option(_ name: String, _ fallback: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return fallback }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

func sampler(_ strategy: String) -> any Sampler {
    switch strategy {
    case "bayesian": BayesianSampler()
    case "bayesian-log": BayesianSampler(objectiveTransform: .log)
    case "bayesian-believer": BayesianSampler(pendingOutcomes: .believer)
    case "bayesian-log-believer": BayesianSampler(objectiveTransform: .log, pendingOutcomes: .believer)
    case "random": RandomSampler()
    default: fail("unknown strategy '\(strategy)' (bayesian, bayesian-log, bayesian-believer, bayesian-log-believer, random)")
    }
}

/// Best-so-far regret after each evaluation, in batches of `batch` (asked together, then told).
func regretTrace(_ function: BenchmarkFunction, strategy: String, seed: UInt64, evaluations: Int, batch: Int) async throws -> [Double] {
    let study = try Study(
        name: "\(function.name)-\(strategy)-\(seed)", space: function.space, direction: .minimize, seed: seed,
        sampler: sampler(strategy), store: InMemoryTrialStore())
    var best = Double.infinity
    var trace: [Double] = []
    while trace.count < evaluations {
        var asked: [Trial] = []
        for _ in 0..<min(batch, evaluations - trace.count) { asked.append(try await study.ask()) }
        for trial in asked {
            let value = function(trial.assignment)
            try await study.tell(number: trial.number, outcome: .completed(value))
            best = min(best, value)
            trace.append(max(best - function.minimum, 0))
        }
    }
    return trace
}

/// Seconds to propose a point for a job holding about `count` completed observations of a smooth
/// function (Hartmann6 over `dimension` coordinates) and `pending` trials still running: one sampler
/// proposes 10 points in a row, each evaluated and added before the next, from `count − 9`
/// observations on. `cold` is the first proposal (nothing fitted yet), `steady` the median of the
/// other nine (what a running job pays per trial).
func proposalSeconds(observations count: Int, dimension: Int, repeat index: Int, pending: Int) throws -> (steady: Double, cold: Double) {
    let space = BenchmarkFunction.box("overhead", Array(repeating: (0, 1), count: dimension))
    func value(_ point: [Double]) -> Double {
        BenchmarkFunction.hartmann6.evaluate(dimension == 6 ? point : Array((point + point + point + point + point + point).prefix(6)))
    }
    func assignment(_ point: [Double]) -> Assignment {
        Assignment(Dictionary(uniqueKeysWithValues: point.enumerated().map { ("x\($0.offset + 1)", ParameterValue.real($0.element)) }))
    }
    let first = max(2, count - 9)
    let design = LatinHypercube.points(count: first + pending, dimension: dimension, seed: UInt64(index + 1))
    var trials = design.prefix(first).enumerated().map { number, point in
        Trial(number: number, assignment: assignment(point), status: .completed, value: value(point), seed: 0)
    }
    trials += design.suffix(pending).enumerated().map { offset, point in
        Trial(number: first + offset, assignment: assignment(point), status: .running, seed: 0)
    }
    let sampler = BayesianSampler()
    var seconds: [Double] = []
    for _ in 0..<10 {
        let context = SamplingContext(space: space, direction: .minimize, trials: trials, trialNumber: trials.count, studySeed: UInt64(index))
        let start = ContinuousClock.now
        let proposed = try sampler.suggest(context)
        let elapsed = ContinuousClock.now - start
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        let point = (1...dimension).map { proposed.values["x\($0)"]?.number ?? 0 }
        trials.append(Trial(number: trials.count, assignment: proposed, status: .completed, value: value(point), seed: 0))
    }
    let steady = seconds.dropFirst().sorted()
    return (steady[steady.count / 2], seconds[0])
}

let mode = CommandLine.arguments.dropFirst().first ?? ""
switch mode {
case "regret":
    guard let function = BenchmarkFunction.named(option("function", "branin")) else { fail("unknown function") }
    let strategy = option("strategy", "bayesian")
    let seeds = Int(option("seeds", "10")) ?? 10
    let evaluations = Int(option("evaluations", "50")) ?? 50
    let batch = Int(option("batch", "1")) ?? 1
    let label = batch > 1 ? "\(strategy)-batch\(batch)" : strategy
    for seed in 0..<seeds {
        let trace = try await regretTrace(function, strategy: strategy, seed: UInt64(seed), evaluations: evaluations, batch: batch)
        for (index, regret) in trace.enumerated() { print("\(function.name),\(label),\(seed),\(index + 1),\(regret)") }
    }
case "overhead":
    let counts = option("observations", "50,200,500").split(separator: ",").compactMap { Int($0) }
    let dimension = Int(option("dimension", "6")) ?? 6
    let repeats = Int(option("repeats", "5")) ?? 5
    let pending = Int(option("pending", "4")) ?? 4
    for count in counts {
        for index in 0..<repeats {
            let (steady, cold) = try proposalSeconds(observations: count, dimension: dimension, repeat: index, pending: pending)
            print("\(count),\(dimension),\(index),\(steady),\(cold)")
        }
    }
default:
    fail("usage: TunerBenchmark regret|overhead [options]")
}
