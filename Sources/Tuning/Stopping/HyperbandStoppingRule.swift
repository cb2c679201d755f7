import Foundation

/// Hyperband's brackets of successive halving (Li et al. 2018), run asynchronously as in ASHA
/// (Li et al. 2020): each trial belongs to a bracket; in bracket `b` the rungs are at resources
/// `minResource · η^(b+k)` up to `maxResource`, and a trial reaching a rung continues only while it
/// ranks in the top `1/η` of the trials of its bracket that reached that rung (the first arrival
/// always continues).
///
/// Steps are resources (epochs, boosting rounds). Trials are spread over brackets in the proportions
/// of Hyperband's own schedule, `n_s = ⌈(s_max + 1) η^s / (s + 1)⌉` configurations for the bracket
/// whose first rung is `maxResource · η^(−s)`, interleaved by smooth weighted round robin.
public struct HyperbandStoppingRule: StoppingRule {
    public let minResource: Int
    public let maxResource: Int
    public let reductionFactor: Int
    /// Bracket of trial `t` is `cycle[t % cycle.count]`; bracket `b` starts at `minResource · η^b`.
    let cycle: [Int]

    public var name: String { "Hyperband" }

    /// - Throws: ``TuningError/invalidSetting(name:reason:)`` unless `1 ≤ minResource < maxResource`
    ///   and `η ≥ 2`.
    public init(minResource: Int, maxResource: Int, reductionFactor: Int = 3) throws(TuningError) {
        guard minResource >= 1, maxResource > minResource else {
            throw .invalidSetting(name: "hyperband resources", reason: "need 1 ≤ minimum (\(minResource)) < maximum (\(maxResource))")
        }
        guard reductionFactor >= 2 else {
            throw .invalidSetting(name: "reduction_factor", reason: "must be at least 2, got \(reductionFactor)")
        }
        self.minResource = minResource
        self.maxResource = maxResource
        self.reductionFactor = reductionFactor
        var sMax = 0
        while minResource * Self.power(reductionFactor, sMax + 1) <= maxResource { sMax += 1 }
        // Bracket b (first rung minResource·η^b) is Hyperband's s = sMax − b.
        let weights = (0...sMax).map { b -> Int in
            let s = sMax - b
            return Int((Double(sMax + 1) * pow(Double(reductionFactor), Double(s)) / Double(s + 1)).rounded(.up))
        }
        var current = [Int](repeating: 0, count: weights.count)
        let total = weights.reduce(0, +)
        var cycle: [Int] = []
        for _ in 0..<total {
            for b in weights.indices { current[b] += weights[b] }
            let chosen = current.indices.max { current[$0] < current[$1] || (current[$0] == current[$1] && $0 > $1) } ?? 0
            current[chosen] -= total
            cycle.append(chosen)
        }
        self.cycle = cycle
    }

    /// The bracket trial `number` runs in.
    public func bracket(of number: Int) -> Int { cycle[number % cycle.count] }

    /// The rung resources of `bracket`, ascending, below `maxResource`.
    public func rungs(of bracket: Int) -> [Int] {
        var rungs: [Int] = []
        var resource = minResource * Self.power(reductionFactor, bracket)
        while resource < maxResource {
            rungs.append(resource)
            resource *= reductionFactor
        }
        return rungs
    }

    public func shouldStop(_ trial: Trial, among trials: [Trial], direction: Direction) -> Bool {
        guard let current = trial.intermediateValues.last else { return false }
        let ownBracket = self.bracket(of: trial.number)
        // The rung this report is the first to reach (earlier reports all lie below it).
        let earlier = trial.intermediateValues.dropLast().map(\.step).max() ?? Int.min
        guard let rung = rungs(of: ownBracket).last(where: { $0 <= current.step && $0 > earlier }) else { return false }
        guard let own = Self.value(of: trial, at: rung) else { return false }
        let competitors = trials.compactMap { other -> Double? in
            guard other.number != trial.number, self.bracket(of: other.number) == ownBracket else { return nil }
            return Self.value(of: other, at: rung)
        }
        // A value that is not finite ranks last.
        func loss(_ value: Double) -> Double { value.isFinite ? direction.loss(value) : .infinity }
        let losses = (competitors + [own]).map(loss)
        let ownLoss = loss(own)
        let promoted = max(1, losses.count / reductionFactor)
        let rank = losses.filter { $0 < ownLoss }.count
        return rank >= promoted
    }

    /// A trial's value at a rung: its first report at or beyond the rung's resource.
    static func value(of trial: Trial, at rung: Int) -> Double? {
        trial.intermediateValues.first { $0.step >= rung }?.value
    }

    static func power(_ base: Int, _ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<exponent { result *= base }
        return result
    }
}
