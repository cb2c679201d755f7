import Foundation
import Tabular

/// The losses boosted trees minimize, under XGBoost's objective names, with their first and second
/// derivatives in the raw score f.
///
/// - `reg:squarederror`: ½(f − y)²; g = f − y, h = 1; start: weighted mean.
/// - `reg:absoluteerror`: |f − y|; g = sign(f − y), h = 1; start: weighted median; leaves are then
///   refit to the median residual of their rows (XGBoost's adaptive leaves).
/// - `binary:logistic`: log loss of p = σ(f); g = p − y, h = p(1 − p); start: log-odds of the mean.
/// - `multi:softprob`: log loss of softmax(f); g_k = p_k − [y = k], h_k = 2 p_k (1 − p_k) (XGBoost's
///   factor 2); start: 0 for every class.
/// Hessians are floored at 1e-16 so no node has zero curvature.
public enum Objective: String, Codable, Sendable, CaseIterable {
    case squaredError = "reg:squarederror"
    case absoluteError = "reg:absoluteerror"
    case logistic = "binary:logistic"
    case softmax = "multi:softprob"

    /// The objective XGBoost uses by default for `task`.
    public static func standard(for task: Task) -> Objective {
        switch task {
        case .binary: .logistic
        case .multiclass: .softmax
        case .regression: .squaredError
        }
    }

    /// Whether it fits `task`.
    public func fits(_ task: Task) -> Bool {
        switch self {
        case .squaredError, .absoluteError: task == .regression
        case .logistic: task == .binary
        case .softmax: task == .multiclass
        }
    }

    /// Raw scores per row: 1 for every objective but `softmax` (one per class).
    func outputs(classes: Int) -> Int { self == .softmax ? classes : 1 }

    /// The starting raw score of each output.
    func baseScores(target: [Double], weights: [Double]?, classes: Int) -> [Double] {
        let weight = { (i: Int) in weights?[i] ?? 1 }
        switch self {
        case .squaredError:
            var sum = 0.0
            var total = 0.0
            for i in target.indices {
                sum += weight(i) * target[i]
                total += weight(i)
            }
            return [total > 0 ? sum / total : 0]
        case .absoluteError:
            return [Self.weightedMedian(target, weights: weights)]
        case .logistic:
            var positive = 0.0
            var total = 0.0
            for i in target.indices {
                positive += weight(i) * target[i]
                total += weight(i)
            }
            let mean = min(max(positive / max(total, 1e-300), 1e-6), 1 - 1e-6)
            return [log(mean / (1 - mean))]
        case .softmax:
            return [Double](repeating: 0, count: classes)
        }
    }

    /// Gradient and hessian of output `k` for every row, into `gradients`, from raw `scores`
    /// (row-major, `outputs` per row), in row blocks on `threads` threads. `positiveWeight` scales
    /// positive rows (binary only).
    func gradients(
        scores: [Double], target: [Double], weights: [Double]?, output k: Int, outputs: Int,
        positiveWeight: Double, threads: Int, into gradients: inout [SIMD2<Double>]
    ) {
        let n = target.count
        let blockRows = 16_384
        let blocks = (n + blockRows - 1) / blockRows
        gradients.withUnsafeMutableBufferPointer { buffer in
            let output = UncheckedSendable(buffer)
            ParallelLoop.forEach(blocks, threads: blocks > 1 ? threads : 1) { block in
                let rows = (block * blockRows)..<min(n, (block + 1) * blockRows)
                fill(
                    output.value, rows: rows, scores: scores, target: target, weights: weights, output: k, outputs: outputs,
                    positiveWeight: positiveWeight)
            }
        }
    }

    private func fill(
        _ gradients: UnsafeMutableBufferPointer<SIMD2<Double>>, rows: Range<Int>, scores: [Double], target: [Double],
        weights: [Double]?, output k: Int, outputs: Int, positiveWeight: Double
    ) {
        switch self {
        case .squaredError:
            for i in rows { gradients[i] = SIMD2(scores[i] - target[i], 1) }
        case .absoluteError:
            for i in rows {
                let d = scores[i] - target[i]
                gradients[i] = SIMD2(d > 0 ? 1 : (d < 0 ? -1 : 0), 1)
            }
        case .logistic:
            for i in rows {
                let p = 1 / (1 + exp(-scores[i]))
                let scale = target[i] == 1 ? positiveWeight : 1
                gradients[i] = SIMD2(p - target[i], max(p * (1 - p), 1e-16)) * scale
            }
        case .softmax:
            for i in rows {
                let row = i * outputs
                var highest = -Double.infinity
                for c in 0..<outputs { highest = max(highest, scores[row + c]) }
                var sum = 0.0
                for c in 0..<outputs { sum += exp(scores[row + c] - highest) }
                let p = exp(scores[row + k] - highest) / sum
                let y: Double = Int(target[i]) == k ? 1 : 0
                gradients[i] = SIMD2(p - y, max(2 * p * (1 - p), 1e-16))
            }
        }
        if let weights {
            for i in rows { gradients[i] *= weights[i] }
        }
    }

    /// Probabilities or values from raw scores (row-major, `outputs` per row).
    func transform(_ scores: [Double], rows: Int, classes: [String]) -> Prediction {
        switch self {
        case .squaredError, .absoluteError:
            return Prediction(regression: scores)
        case .logistic:
            var probabilities = [Double](repeating: 0, count: rows * 2)
            for i in 0..<rows {
                let p = 1 / (1 + exp(-scores[i]))
                probabilities[2 * i] = 1 - p
                probabilities[2 * i + 1] = p
            }
            return Prediction(classes: classes, probabilities: probabilities)
        case .softmax:
            let k = classes.count
            var probabilities = [Double](repeating: 0, count: rows * k)
            for i in 0..<rows {
                var highest = -Double.infinity
                for c in 0..<k { highest = max(highest, scores[i * k + c]) }
                var sum = 0.0
                for c in 0..<k {
                    let e = exp(scores[i * k + c] - highest)
                    probabilities[i * k + c] = e
                    sum += e
                }
                for c in 0..<k { probabilities[i * k + c] /= sum }
            }
            return Prediction(classes: classes, probabilities: probabilities)
        }
    }

    /// The validation loss early stopping watches (XGBoost's default metric for the objective):
    /// log loss, RMSE or MAE; lower is better.
    func validationLoss(_ prediction: Prediction, truth: [Double]) -> Double {
        switch self {
        case .squaredError: Metric.rmse.evaluate(prediction, truth: truth)
        case .absoluteError: Metric.mae.evaluate(prediction, truth: truth)
        case .logistic, .softmax: Metric.logLoss.evaluate(prediction, truth: truth)
        }
    }

    /// The weighted median of `values` (lower median on an even split).
    static func weightedMedian(_ values: [Double], weights: [Double]?) -> Double {
        guard !values.isEmpty else { return 0 }
        let order = values.indices.sorted { values[$0] < values[$1] }
        let total = weights.map { w in order.reduce(0) { $0 + w[$1] } } ?? Double(values.count)
        var running = 0.0
        for i in order {
            running += weights?[i] ?? 1
            if running >= total / 2 { return values[i] }
        }
        return values[order[order.count - 1]]
    }
}
