import Foundation
import LinearAlgebra
import Tabular

/// A fully connected feed-forward network: layer l maps `sizes[l]` inputs to `sizes[l + 1]`
/// outputs as A·W + b, hidden layers followed by the activation, the last layer by none (the
/// output transform belongs to the loss). Matrices are column-major, a batch's rows down the
/// first dimension, so every layer is one BLAS `gemm`.
struct DenseNetwork: Codable, Sendable, Equatable {
    enum Activation: String, Codable, Sendable {
        case relu
        case tanh

        /// f(z) in place over `count` values.
        func apply(_ values: UnsafeMutablePointer<Double>, count: Int) {
            switch self {
            case .relu: for i in 0..<count { values[i] = max(0, values[i]) }
            case .tanh: for i in 0..<count { values[i] = Foundation.tanh(values[i]) }
            }
        }

        /// f'(z) given a = f(z).
        @inline(__always)
        func derivative(activated a: Double) -> Double {
            switch self {
            case .relu: a > 0 ? 1 : 0
            case .tanh: 1 - a * a
            }
        }
    }

    /// Units per layer, inputs first, outputs last.
    let sizes: [Int]
    let activation: Activation
    /// Layer l's weights, column-major `sizes[l] × sizes[l + 1]`.
    var weights: [[Double]]
    var biases: [[Double]]

    var layerCount: Int { sizes.count - 1 }

    /// Glorot-uniform weights and biases, U(±√(6 / (fan_in + fan_out))), as scikit-learn starts.
    init(sizes: [Int], activation: Activation, generator: inout SeededGenerator) {
        self.sizes = sizes
        self.activation = activation
        weights = []
        biases = []
        for l in 0..<(sizes.count - 1) {
            let bound = (6 / Double(sizes[l] + sizes[l + 1])).squareRoot()
            weights.append((0..<(sizes[l] * sizes[l + 1])).map { _ in Double.random(in: -bound...bound, using: &generator) })
            biases.append((0..<sizes[l + 1]).map { _ in Double.random(in: -bound...bound, using: &generator) })
        }
    }

    /// Layer l's outputs for `rows` rows of `input` (column-major, leading dimension `ld`) into
    /// `output` (`rows × sizes[l + 1]`, leading dimension `rows`), activated unless it is the last.
    func layer(_ l: Int, input: UnsafePointer<Double>, rows: Int, ld: Int, output: UnsafeMutablePointer<Double>) {
        let (fanIn, fanOut) = (sizes[l], sizes[l + 1])
        weights[l].withUnsafeBufferPointer { w in
            MatrixProduct.multiply(
                MatrixProduct.Block(input, rows: rows, columns: fanIn, leadingDimension: max(1, ld)),
                MatrixProduct.Block(w.baseAddress.unsafelyUnwrapped, rows: fanIn, columns: fanOut, leadingDimension: max(1, fanIn)),
                into: output, ldc: max(1, rows))
        }
        for j in 0..<fanOut {
            let b = biases[l][j]
            let column = output + j * rows
            for i in 0..<rows { column[i] += b }
        }
        if l < layerCount - 1 { activation.apply(output, count: rows * fanOut) }
    }

    /// The raw outputs (`rows × sizes.last`, column-major) of `rows` rows of `input`.
    func outputs(_ input: UnsafePointer<Double>, rows: Int, ld: Int) -> [Double] {
        var current = [Double](repeating: 0, count: rows * sizes[1])
        current.withUnsafeMutableBufferPointer { layer(0, input: input, rows: rows, ld: ld, output: $0.baseAddress.unsafelyUnwrapped) }
        for l in 1..<max(1, layerCount) {
            var next = [Double](repeating: 0, count: rows * sizes[l + 1])
            current.withUnsafeBufferPointer { input in
                next.withUnsafeMutableBufferPointer {
                    layer(l, input: input.baseAddress.unsafelyUnwrapped, rows: rows, ld: rows, output: $0.baseAddress.unsafelyUnwrapped)
                }
            }
            current = next
        }
        return current
    }
}
