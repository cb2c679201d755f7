import Foundation

/// The O(n² d) loops of the Gaussian-process likelihood and its gradient, over the pairs `i < j`
/// enumerated column by column (`j = 1…n−1`, `i = 0…j−1`), on contiguous buffers.
enum LikelihoodKernel {
    /// The covariance matrix (column-major, both triangles), and per pair the kernel value and the
    /// slope factor `σ_f² (5/3)(1 + √5 r) exp(−√5 r)` of the length-scale derivatives.
    static func covariance(
        pairs: [[Double]], inverseSquares: [Double], signal: Double, noise: Double, count n: Int, pairCount: Int
    ) -> (covariance: [Double], pairValues: [Double], pairSlopes: [Double]) {
        var scaled = [Double](repeating: 0, count: pairCount)
        scaled.withUnsafeMutableBufferPointer { s in
            for k in inverseSquares.indices {
                let w = inverseSquares[k]
                pairs[k].withUnsafeBufferPointer { p in
                    for q in 0..<pairCount { s[q] += p[q] * w }
                }
            }
        }
        var values = [Double](repeating: 0, count: pairCount)
        var slopes = [Double](repeating: 0, count: pairCount)
        var covariance = [Double](repeating: 0, count: n * n)
        let root5 = Matern52Kernel.root5
        scaled.withUnsafeBufferPointer { s in
            values.withUnsafeMutableBufferPointer { v in
                slopes.withUnsafeMutableBufferPointer { g in
                    covariance.withUnsafeMutableBufferPointer { c in
                        var q = 0
                        for j in 0..<n {
                            c[j + j * n] = signal + noise
                            for i in 0..<j {
                                let r = s[q].squareRoot()
                                let e = exp(-root5 * r)
                                let value = signal * (1 + root5 * r + 5 * s[q] / 3) * e
                                v[q] = value
                                g[q] = signal * (5.0 / 3.0) * (1 + root5 * r) * e
                                c[i + j * n] = value
                                c[j + i * n] = value
                                q += 1
                            }
                        }
                    }
                }
            }
        }
        return (covariance, values, slopes)
    }

    /// `½ tr(W ∂K/∂θ)` for θ = log σ_f² and each log ℓ_k, and `tr W`, where `W = ααᵀ − K⁻¹`.
    static func gradientTraces(
        alpha: [Double], inverse: [Double], covariancePairs: [Double], slopePairs: [Double], pairs: [[Double]],
        inverseSquares: [Double], signal: Double, count n: Int
    ) -> (signal: Double, diagonal: Double, lengthscale: [Double]) {
        let pairCount = covariancePairs.count
        var weighted = [Double](repeating: 0, count: pairCount)
        var signalTrace = 0.0
        var diagonal = 0.0
        alpha.withUnsafeBufferPointer { a in
            inverse.withUnsafeBufferPointer { inv in
                covariancePairs.withUnsafeBufferPointer { v in
                    slopePairs.withUnsafeBufferPointer { g in
                        weighted.withUnsafeMutableBufferPointer { out in
                            var q = 0
                            for j in 0..<n {
                                let wjj = a[j] * a[j] - inv[j + j * n]
                                diagonal += wjj
                                signalTrace += wjj * signal
                                for i in 0..<j {
                                    let w = a[i] * a[j] - inv[i + j * n]
                                    signalTrace += 2 * w * v[q]
                                    out[q] = w * g[q]
                                    q += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        var lengthscale = [Double](repeating: 0, count: inverseSquares.count)
        weighted.withUnsafeBufferPointer { w in
            for k in inverseSquares.indices {
                var s = 0.0
                pairs[k].withUnsafeBufferPointer { p in
                    for q in 0..<pairCount { s += w[q] * p[q] }
                }
                // Both (i, j) and (j, i) contribute: ½ · 2.
                lengthscale[k] = s * inverseSquares[k]
            }
        }
        return (0.5 * signalTrace, diagonal, lengthscale)
    }
}
