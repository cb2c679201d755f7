import Foundation
import LinearAlgebra
import Tabular

/// The solvers of ``LinearLearner`` on one training set (see its notation).
/// Coefficients are column-major p × k (output k's coefficient of feature j at `k * p + j`),
/// with k = 1 for regression and binary, the class count for multiclass.
struct LinearSolver {
    let features: FeatureMatrix
    let target: [Double]
    let weights: [Double]
    let task: Task
    let outputs: Int
    let totalWeight: Double

    init(features: FeatureMatrix, target: [Double], weights: [Double], task: Task, classes: Int) {
        self.features = features
        self.target = target
        self.weights = weights
        self.task = task
        outputs = task == .multiclass ? classes : 1
        totalWeight = max(weights.reduce(0, +), 1e-300)
    }

    private var p: Int { features.columnCount }
    private var n: Int { features.rowCount }

    /// Weighted feature means and target mean.
    private func means() -> (features: [Double], target: Double) {
        var featureMeans = [Double](repeating: 0, count: p)
        for j in 0..<p {
            var sum = 0.0
            for (i, x) in features.column(j).enumerated() { sum += weights[i] * x }
            featureMeans[j] = sum / totalWeight
        }
        let targetMean = zip(weights, target).reduce(0) { $0 + $1.0 * $1.1 } / totalWeight
        return (featureMeans, targetMean)
    }

    /// Ridge regression in closed form, by Cholesky (jitter when wd = 0 leaves it singular).
    func closedForm(wd: Double, l1: Double) throws(LearnersError) -> ([Double], [Double]) {
        guard l1 == 0 else {
            throw .invalidHyperparameter(
                learner: LinearLearner.name, message: "optimizer 'closed_form' has no L1 penalty; use coordinate_descent or adam when l1 > 0.")
        }
        let (featureMeans, targetMean) = means()
        var scaled = [Double](repeating: 0, count: n * p)
        let roots = weights.map { $0.squareRoot() }
        features.values.withUnsafeBufferPointer { values in
            scaled.withUnsafeMutableBufferPointer { scaled in
                for j in 0..<p {
                    let mean = featureMeans[j]
                    for i in 0..<n { scaled[j * n + i] = roots[i] * (values[j * n + i] - mean) }
                }
            }
        }
        let x = Matrix(rows: n, columns: p, columnMajor: scaled)
        let y = (0..<n).map { roots[$0] * (target[$0] - targetMean) }
        do {
            var gram = x.gram()
            for k in gram.values.indices { gram.values[k] /= totalWeight }
            for j in 0..<p { gram[j, j] += wd }
            let right = try x.multiplied(by: y, transposingSelf: true).map { $0 / totalWeight }
            let coefficients = try Cholesky(gram).solve(right)
            let intercept = targetMean - zip(coefficients, featureMeans).reduce(0) { $0 + $1.0 * $1.1 }
            return (coefficients, [intercept])
        } catch {
            throw .invalidHyperparameter(
                learner: LinearLearner.name, message: "the least-squares system could not be solved (\(error.localizedDescription)); raise wd.")
        }
    }

    /// Elastic net by cyclic coordinate descent on centred data.
    func coordinateDescent(wd: Double, l1: Double, sweeps: Int = 1000, tolerance: Double = 1e-9) -> ([Double], [Double]) {
        let (featureMeans, targetMean) = means()
        let centred = (0..<p).map { j in features.column(j).map { $0 - featureMeans[j] } }
        let curvature = centred.map { column in zip(weights, column).reduce(0) { $0 + $1.0 * $1.1 * $1.1 } / totalWeight }
        var residual = target.map { $0 - targetMean }
        var beta = [Double](repeating: 0, count: p)
        for _ in 0..<sweeps {
            var largest = 0.0
            for j in 0..<p where curvature[j] > 0 {
                let column = centred[j]
                var rho = 0.0
                for i in 0..<n { rho += weights[i] * column[i] * residual[i] }
                rho = rho / totalWeight + curvature[j] * beta[j]
                let updated = Self.softThreshold(rho, l1) / (curvature[j] + wd)
                let change = updated - beta[j]
                if change != 0 {
                    for i in 0..<n { residual[i] -= column[i] * change }
                    beta[j] = updated
                    largest = max(largest, abs(change) * curvature[j].squareRoot())
                }
            }
            if largest < tolerance { break }
        }
        let intercept = targetMean - zip(beta, featureMeans).reduce(0) { $0 + $1.0 * $1.1 }
        return (beta, [intercept])
    }

    /// The smooth objective (without L1) and its gradient at `parameters` (coefficients, then
    /// intercepts), over `rows` of `x` (all rows when nil).
    func objective(_ parameters: [Double], wd: Double, x: Matrix, rows: [Int]?) -> (value: Double, gradient: [Double]) {
        let k = outputs
        let coefficients = Matrix(rows: p, columns: k, columnMajor: Array(parameters[0..<(p * k)]))
        let intercepts = Array(parameters[(p * k)...])
        // Scores s = xW + b, n_batch × k, through BLAS gemm.
        var scores = Self.product(x, coefficients, transposingFirst: false)
        let m = x.rows
        var value = 0.0
        var weightSum = 0.0
        var residual = Matrix(rows: m, columns: k)
        for r in 0..<m {
            let i = rows?[r] ?? r
            let v = weights[i]
            weightSum += v
            for c in 0..<k { scores[r, c] += intercepts[c] }
            switch task {
            case .regression:
                let d = scores[r, 0] - target[i]
                value += v * 0.5 * d * d
                residual[r, 0] = v * d
            case .binary:
                let s = scores[r, 0]
                let softplus = max(s, 0) + log1p(exp(-abs(s)))
                value += v * (softplus - target[i] * s)
                residual[r, 0] = v * (1 / (1 + exp(-s)) - target[i])
            case .multiclass:
                var highest = -Double.infinity
                for c in 0..<k { highest = max(highest, scores[r, c]) }
                var sum = 0.0
                for c in 0..<k { sum += exp(scores[r, c] - highest) }
                let y = Int(target[i])
                value += v * (highest + log(sum) - scores[r, y])
                for c in 0..<k { residual[r, c] = v * (exp(scores[r, c] - highest) / sum - (c == y ? 1 : 0)) }
            }
        }
        let scale = 1 / max(weightSum, 1e-300)
        let coefficientGradient = Self.product(x, residual, transposingFirst: true)
        var gradient = [Double](repeating: 0, count: parameters.count)
        var penalty = 0.0
        for t in 0..<(p * k) {
            gradient[t] = coefficientGradient.values[t] * scale + wd * parameters[t]
            penalty += parameters[t] * parameters[t]
        }
        for c in 0..<k {
            var sum = 0.0
            for r in 0..<m { sum += residual[r, c] }
            gradient[p * k + c] = sum * scale
        }
        return (value * scale + 0.5 * wd * penalty, gradient)
    }

    /// `op(a) · b` by BLAS; the shapes here are fixed by construction, so a mismatch is a bug.
    private static func product(_ a: Matrix, _ b: Matrix, transposingFirst: Bool) -> Matrix {
        do {
            return try a.multiplied(by: b, transposingSelf: transposingFirst)
        } catch {
            preconditionFailure("linear learner: \(error.localizedDescription)")
        }
    }

    private var matrix: Matrix { Matrix(rows: n, columns: p, columnMajor: features.values) }

    /// Starting point: zero coefficients, intercepts at the (log-)mean of the target.
    private func start() -> [Double] {
        var parameters = [Double](repeating: 0, count: p * outputs + outputs)
        switch task {
        case .regression:
            parameters[p] = zip(weights, target).reduce(0) { $0 + $1.0 * $1.1 } / totalWeight
        case .binary:
            let mean = min(max(zip(weights, target).reduce(0) { $0 + $1.0 * $1.1 } / totalWeight, 1e-6), 1 - 1e-6)
            parameters[p] = log(mean / (1 - mean))
        case .multiclass:
            var shares = [Double](repeating: 1e-6, count: outputs)
            for (v, y) in zip(weights, target) { shares[Int(y)] += v }
            for c in 0..<outputs { parameters[p * outputs + c] = log(shares[c] / totalWeight) }
        }
        return parameters
    }

    /// L-BFGS on the smooth objective (no L1).
    func lbfgs(wd: Double) -> ([Double], [Double]) {
        let x = matrix
        let (solution, _) = LBFGS().minimize(start()) { objective($0, wd: wd, x: x, rows: nil) }
        return (Array(solution[0..<(p * outputs)]), Array(solution[(p * outputs)...]))
    }

    /// Mini-batch Adam (Kingma & Ba 2015; β₁ 0.9, β₂ 0.999) with a soft-threshold step for L1.
    func adam(wd: Double, l1: Double, learningRate: Double, batch: Int, epochs: Int, seed: UInt64) -> ([Double], [Double]) {
        var parameters = start()
        var first = [Double](repeating: 0, count: parameters.count)
        var second = first
        var generator = SeededGenerator(seed: seed ^ 0x6C69_6E65)
        var order = Array(0..<n)
        var t = 0.0
        let coefficientCount = p * outputs
        for _ in 0..<epochs {
            order.shuffle(using: &generator)
            var start = 0
            while start < n {
                let rows = Array(order[start..<min(n, start + batch)])
                start += batch
                var gathered = [Double](repeating: 0, count: rows.count * p)
                for j in 0..<p {
                    let column = features.column(j)
                    for (r, i) in rows.enumerated() { gathered[j * rows.count + r] = column[column.startIndex + i] }
                }
                let (_, gradient) = objective(parameters, wd: wd, x: Matrix(rows: rows.count, columns: p, columnMajor: gathered), rows: rows)
                t += 1
                let correction1 = 1 - pow(0.9, t)
                let correction2 = 1 - pow(0.999, t)
                for q in parameters.indices {
                    first[q] = 0.9 * first[q] + 0.1 * gradient[q]
                    second[q] = 0.999 * second[q] + 0.001 * gradient[q] * gradient[q]
                    parameters[q] -= learningRate * (first[q] / correction1) / ((second[q] / correction2).squareRoot() + 1e-8)
                    if q < coefficientCount, l1 > 0 { parameters[q] = Self.softThreshold(parameters[q], learningRate * l1) }
                }
            }
        }
        return (Array(parameters[0..<coefficientCount]), Array(parameters[coefficientCount...]))
    }

    static func softThreshold(_ value: Double, _ threshold: Double) -> Double {
        value > threshold ? value - threshold : (value < -threshold ? value + threshold : 0)
    }
}
