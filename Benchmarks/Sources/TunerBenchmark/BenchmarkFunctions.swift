import Foundation
import Tuning

/// The test functions of the sample-efficiency benchmark, with their known minima.
struct BenchmarkFunction: Sendable {
    let name: String
    let space: SearchSpace
    let minimum: Double
    let evaluate: @Sendable ([Double]) -> Double

    func callAsFunction(_ assignment: Assignment) -> Double {
        evaluate(space.parameters.map { assignment[$0.name]?.number ?? .nan })
    }

    static func box(_ name: String, _ bounds: [(Double, Double)]) -> SearchSpace {
        SearchSpace(
            bounds.enumerated().map { index, bound in
                Parameter("x\(index + 1)", .continuous(lower: bound.0, upper: bound.1, scaling: .linear), initial: .real((bound.0 + bound.1) / 2))
            })
    }

    static let all: [BenchmarkFunction] = [branin, hartmann6, rosenbrock4, ackley5]

    static func named(_ name: String) -> BenchmarkFunction? { all.first { $0.name == name } }

    /// Branin–Hoo on [−5, 10] × [0, 15].
    static let branin = BenchmarkFunction(name: "branin", space: box("branin", [(-5, 10), (0, 15)]), minimum: 0.397887357729739) { x in
        let b = 5.1 / (4 * Double.pi * Double.pi)
        let c = 5 / Double.pi
        let t = 1 / (8 * Double.pi)
        let term = x[1] - b * x[0] * x[0] + c * x[0] - 6
        return term * term + 10 * (1 - t) * cos(x[0]) + 10
    }

    /// Hartmann 6-D on [0, 1]^6.
    static let hartmann6 = BenchmarkFunction(
        name: "hartmann6", space: box("hartmann6", Array(repeating: (0, 1), count: 6)), minimum: -3.322368011391339
    ) { x in
        let alpha = [1.0, 1.2, 3.0, 3.2]
        let a: [[Double]] = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
        let p: [[Double]] = [
            [1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
            [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381],
        ]
        var sum = 0.0
        for i in 0..<4 {
            var inner = 0.0
            for j in 0..<6 {
                let d = x[j] - p[i][j] * 1e-4
                inner += a[i][j] * d * d
            }
            sum += alpha[i] * exp(-inner)
        }
        return -sum
    }

    /// Rosenbrock 4-D on [−5, 10]^4 (values span eight orders of magnitude: a log-scale problem).
    static let rosenbrock4 = BenchmarkFunction(name: "rosenbrock4", space: box("rosenbrock4", Array(repeating: (-5, 10), count: 4)), minimum: 0) {
        x in
        var sum = 0.0
        for i in 0..<3 {
            let a = x[i + 1] - x[i] * x[i]
            let b = 1 - x[i]
            sum += 100 * a * a + b * b
        }
        return sum
    }

    /// Ackley 5-D on [−32.768, 32.768]^5.
    static let ackley5 = BenchmarkFunction(name: "ackley5", space: box("ackley5", Array(repeating: (-32.768, 32.768), count: 5)), minimum: 0) { x in
        let n = Double(x.count)
        let squares = x.reduce(0) { $0 + $1 * $1 } / n
        let cosines = x.reduce(0) { $0 + cos(2 * Double.pi * $1) } / n
        return -20 * exp(-0.2 * squares.squareRoot()) - exp(cosines) + 20 + exp(1)
    }
}
