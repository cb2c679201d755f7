import Foundation
import Tuning

/// Standard optimization test functions, as search spaces and objectives.
enum TestFunctions {
    /// Branin on [−5, 10] × [0, 15]; global minimum 0.397887.
    static let braninSpace = SearchSpace([
        Parameter("x1", .continuous(lower: -5, upper: 10, scaling: .linear), initial: .real(2.5)),
        Parameter("x2", .continuous(lower: 0, upper: 15, scaling: .linear), initial: .real(7.5)),
    ])
    static let braninMinimum = 0.397887

    static func branin(_ a: Assignment) -> Double {
        let x1 = a["x1"]?.number ?? 0
        let x2 = a["x2"]?.number ?? 0
        let b = 5.1 / (4 * Double.pi * Double.pi)
        let c = 5 / Double.pi
        let t = 1 / (8 * Double.pi)
        let term = x2 - b * x1 * x1 + c * x1 - 6
        return term * term + 10 * (1 - t) * cos(x1) + 10
    }

    /// A mixed, conditional space: an algorithm choice with parameters under each value.
    static let conditionalSpace = SearchSpace([
        Parameter("algorithm", .categorical(["trees", "linear"]), initial: .label("trees")),
        Parameter(
            "eta", .continuous(lower: 0.001, upper: 1, scaling: .logarithmic), initial: .real(0.3),
            condition: .init(parameter: "algorithm", values: ["trees"])),
        Parameter(
            "max_depth", .integer(lower: 1, upper: 12, scaling: .linear), initial: .integer(6),
            condition: .init(parameter: "algorithm", values: ["trees"])),
        Parameter(
            "wd", .continuous(lower: 1e-6, upper: 1, scaling: .auto), initial: .real(0.01),
            condition: .init(parameter: "algorithm", values: ["linear"])),
        Parameter("momentum", .continuous(lower: 0, upper: 0.999, scaling: .reverseLogarithmic), initial: .real(0.9)),
    ])

    /// A smooth objective over ``conditionalSpace`` whose best lies under "trees".
    static func conditionalObjective(_ a: Assignment) -> Double {
        let momentum = a["momentum"]?.number ?? 0
        if a["algorithm"] == .label("trees") {
            let eta = log10(a["eta"]?.number ?? 1) + 1.5
            let depth = Double((a["max_depth"]?.number ?? 0) - 5) / 4
            return eta * eta + depth * depth + (momentum - 0.95) * (momentum - 0.95)
        }
        let wd = log10(a["wd"]?.number ?? 1) + 3
        return 0.5 + 0.1 * wd * wd
    }
}
