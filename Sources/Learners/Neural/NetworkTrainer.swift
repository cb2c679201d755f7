import Foundation
import LinearAlgebra
import Tabular

/// Trains a ``DenseNetwork`` by mini-batch Adam (Kingma & Ba 2015) on the loss of its task:
/// squared error (½(f − y)², on a standardized target), log loss of σ(f), or log loss of
/// softmax(f); plus ½·`l2`·‖W‖² per batch as scikit-learn's `alpha`. Hidden activations may be
/// dropped out (inverted dropout). Stops after `maxEpochs`, or when the loss has not improved by
/// `tolerance` for `patience` epochs: the validation loss when there is a validation set (the best
/// weights are kept), else the training loss (scikit-learn's rule).
struct NetworkTrainer {
    var learningRate: Double
    var batchSize: Int
    var l2: Double
    var dropout: Double
    var maxEpochs: Int
    var patience: Int
    var tolerance: Double
    let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8

    /// What one row is learned against.
    struct Targets {
        /// Outputs of the network: 1 (regression, binary) or the class count.
        let outputs: Int
        let task: Task
        /// Standardized value or class index per row.
        let values: [Double]
        let weights: [Double]?
    }

    /// The loss of raw outputs `f` (column-major `rows × outputs`) against `targets` at `rows`,
    /// with `delta` (if given) set to ∂loss/∂f per row, both weighted; returns the summed loss.
    static func loss(
        _ f: UnsafePointer<Double>, rows: Int, targets: Targets, at index: (Int) -> Int, delta: UnsafeMutablePointer<Double>?
    ) -> Double {
        var total = 0.0
        let k = targets.outputs
        for r in 0..<rows {
            let i = index(r)
            let w = targets.weights?[i] ?? 1
            let y = targets.values[i]
            switch targets.task {
            case .regression:
                let d = f[r] - y
                total += w * 0.5 * d * d
                delta?[r] = w * d
            case .binary:
                let s = f[r]
                total += w * (max(s, 0) + log1p(exp(-abs(s))) - y * s)
                delta?[r] = w * (1 / (1 + exp(-s)) - y)
            case .multiclass:
                var highest = -Double.infinity
                for c in 0..<k { highest = max(highest, f[r + c * rows]) }
                var sum = 0.0
                for c in 0..<k { sum += exp(f[r + c * rows] - highest) }
                let label = Int(y)
                total += w * (highest + log(sum) - f[r + label * rows])
                if let delta {
                    for c in 0..<k { delta[r + c * rows] = w * (exp(f[r + c * rows] - highest) / sum - (c == label ? 1 : 0)) }
                }
            }
        }
        return total
    }

    /// Trains `network` on `features` (column-major, `rowCount` rows) against `targets`;
    /// `validation` drives early stopping. Returns the trained network and the epochs run.
    func train(
        _ network: DenseNetwork, features: FeatureMatrix, targets: Targets,
        validation: (features: FeatureMatrix, targets: Targets)?, generator: inout SeededGenerator
    ) throws(LearnersError) -> (network: DenseNetwork, epochs: Int) {
        var network = network
        let n = features.rowCount
        let p = features.columnCount
        let layers = network.layerCount
        let batch = min(batchSize, n)
        let sizes = network.sizes
        // Work space per layer: outputs (activated), dropout scales, and deltas, batch × units.
        var activations = sizes.map { [Double](repeating: 0, count: batch * $0) }
        var scales = sizes.map { [Double](repeating: 1, count: batch * $0) }
        var deltas = sizes.map { [Double](repeating: 0, count: batch * $0) }
        var gradients = network.weights.map { [Double](repeating: 0, count: $0.count) }
        var biasGradients = network.biases.map { [Double](repeating: 0, count: $0.count) }
        var firstMoments = (
            network.weights.map { [Double](repeating: 0, count: $0.count) }, network.biases.map { [Double](repeating: 0, count: $0.count) }
        )
        var secondMoments = firstMoments
        var order = Array(0..<n)
        var step = 0
        var best = Double.infinity
        var bestNetwork = network
        var stale = 0
        var epochs = 0
        let keep = 1 - dropout

        for epoch in 1...maxEpochs {
            try Cancellation.check()
            epochs = epoch
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int.random(in: 0...i, using: &generator)) }
            var epochLoss = 0.0
            var epochWeight = 0.0
            var start = 0
            while start < n {
                let rows = min(batch, n - start)
                let members = order[start..<(start + rows)]
                // Gather the batch's rows (column-major rows × p).
                features.values.withUnsafeBufferPointer { x in
                    activations[0].withUnsafeMutableBufferPointer { a in
                        for j in 0..<p {
                            for (r, i) in members.enumerated() { a[r + j * rows] = x[j * n + i] }
                        }
                    }
                }
                // Forward, with dropout on hidden layers.
                for l in 0..<layers {
                    activations[l].withUnsafeBufferPointer { input in
                        activations[l + 1].withUnsafeMutableBufferPointer { output in
                            network.layer(
                                l, input: input.baseAddress.unsafelyUnwrapped, rows: rows, ld: rows, output: output.baseAddress.unsafelyUnwrapped)
                        }
                    }
                    if dropout > 0, l < layers - 1 {
                        for u in 0..<(rows * sizes[l + 1]) {
                            let scale = Double.random(in: 0..<1, using: &generator) < keep ? 1 / keep : 0
                            scales[l + 1][u] = scale
                            activations[l + 1][u] *= scale
                        }
                    }
                }
                // Output delta and loss.
                let batchWeight = members.reduce(0.0) { $0 + (targets.weights?[$1] ?? 1) }
                let base = members.startIndex
                let batchLoss = activations[layers].withUnsafeBufferPointer { f in
                    deltas[layers].withUnsafeMutableBufferPointer { delta in
                        Self.loss(f.baseAddress.unsafelyUnwrapped, rows: rows, targets: targets, at: { order[base + $0] }, delta: delta.baseAddress)
                    }
                }
                let penalty = 0.5 * l2 * network.weights.reduce(0) { $0 + $1.reduce(0) { $0 + $1 * $1 } }
                epochLoss += batchLoss + penalty
                epochWeight += batchWeight
                let scale = 1 / max(batchWeight, 1e-300)
                // Backward.
                for l in stride(from: layers - 1, through: 0, by: -1) {
                    let (fanIn, fanOut) = (sizes[l], sizes[l + 1])
                    activations[l].withUnsafeBufferPointer { a in
                        deltas[l + 1].withUnsafeBufferPointer { d in
                            gradients[l].withUnsafeMutableBufferPointer { g in
                                // gradient = Aᵀ · delta / Σw (fanIn × fanOut).
                                MatrixProduct.multiply(
                                    MatrixProduct.Block(a.baseAddress.unsafelyUnwrapped, rows: rows, columns: fanIn, leadingDimension: rows),
                                    transposingA: true,
                                    MatrixProduct.Block(d.baseAddress.unsafelyUnwrapped, rows: rows, columns: fanOut, leadingDimension: rows),
                                    into: g.baseAddress.unsafelyUnwrapped, ldc: fanIn, alpha: scale)
                            }
                        }
                    }
                    for u in 0..<fanOut {
                        var sum = 0.0
                        for r in 0..<rows { sum += deltas[l + 1][r + u * rows] }
                        biasGradients[l][u] = sum * scale
                    }
                    for w in gradients[l].indices { gradients[l][w] += l2 * network.weights[l][w] * scale }
                    if l > 0 {
                        // delta_l = (delta_{l+1} · Wᵀ) ⊙ f'(a) ⊙ dropout scale.
                        deltas[l + 1].withUnsafeBufferPointer { d in
                            network.weights[l].withUnsafeBufferPointer { w in
                                deltas[l].withUnsafeMutableBufferPointer { previous in
                                    MatrixProduct.multiply(
                                        MatrixProduct.Block(d.baseAddress.unsafelyUnwrapped, rows: rows, columns: fanOut, leadingDimension: rows),
                                        MatrixProduct.Block(w.baseAddress.unsafelyUnwrapped, rows: fanIn, columns: fanOut, leadingDimension: fanIn),
                                        transposingB: true,
                                        into: previous.baseAddress.unsafelyUnwrapped, ldc: rows)
                                }
                            }
                        }
                        for u in 0..<(rows * fanIn) {
                            let s = scales[l][u]
                            let activated = s > 0 ? activations[l][u] / s : 0
                            deltas[l][u] *= s * network.activation.derivative(activated: activated)
                        }
                    }
                }
                // Adam step.
                step += 1
                let rate = learningRate * (1 - pow(beta2, Double(step))).squareRoot() / (1 - pow(beta1, Double(step)))
                for l in 0..<layers {
                    adam(&network.weights[l], gradients[l], &firstMoments.0[l], &secondMoments.0[l], rate: rate)
                    adam(&network.biases[l], biasGradients[l], &firstMoments.1[l], &secondMoments.1[l], rate: rate)
                }
                start += rows
            }
            let monitored: Double
            if let validation {
                monitored = validationLoss(network, validation.features, validation.targets)
            } else {
                monitored = epochLoss / max(epochWeight, 1e-300)
            }
            guard monitored.isFinite else { break }
            if monitored < best - tolerance {
                stale = 0
            } else {
                stale += 1
            }
            if monitored < best {
                best = monitored
                if validation != nil { bestNetwork = network }
            }
            if stale > patience { break }
        }
        return (validation != nil && best.isFinite ? bestNetwork : network, epochs)
    }

    private func adam(_ parameters: inout [Double], _ gradient: [Double], _ m: inout [Double], _ v: inout [Double], rate: Double) {
        for i in parameters.indices {
            let g = gradient[i]
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            parameters[i] -= rate * m[i] / (v[i].squareRoot() + epsilon)
        }
    }

    /// Mean loss of `network` on a held-out set.
    private func validationLoss(_ network: DenseNetwork, _ features: FeatureMatrix, _ targets: Targets) -> Double {
        let rows = features.rowCount
        let outputs = features.values.withUnsafeBufferPointer { network.outputs($0.baseAddress.unsafelyUnwrapped, rows: rows, ld: rows) }
        let total = outputs.withUnsafeBufferPointer {
            Self.loss($0.baseAddress.unsafelyUnwrapped, rows: rows, targets: targets, at: { $0 }, delta: nil)
        }
        let weight = targets.weights?.reduce(0, +) ?? Double(rows)
        return total / max(weight, 1e-300)
    }
}
