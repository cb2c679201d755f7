import Foundation

/// The Matérn 5/2 kernel with automatic relevance determination (one length scale per coordinate).
///
/// Notation (Rasmussen & Williams, *Gaussian Processes for Machine Learning*, eq. 4.17):
/// `r² = Σ_d (x_d − x'_d)² / ℓ_d²`, `k(x, x') = σ_f² (1 + √5 r + 5r²/3) exp(−√5 r)`. Its derivative
/// with respect to `log ℓ_d` is `σ_f² (5/3)(1 + √5 r) exp(−√5 r) · (x_d − x'_d)² / ℓ_d²`.
///
/// Points are stored row-major in flat arrays (`n × d`); this file holds the kernel loops, on
/// contiguous buffers without closures.
public struct Matern52Kernel: Sendable, Equatable {
    public var lengthscales: [Double]
    public var signalVariance: Double

    public init(lengthscales: [Double], signalVariance: Double) {
        self.lengthscales = lengthscales
        self.signalVariance = signalVariance
    }

    static let root5 = 5.0.squareRoot()

    /// `k` as a function of the scaled distance `r`.
    @inline(__always) func value(r: Double) -> Double {
        signalVariance * (1 + Self.root5 * r + 5 * r * r / 3) * exp(-Self.root5 * r)
    }

    /// The `a × b` cross-covariance between `left` (`a × d`, row-major) and `right` (`b × d`),
    /// column-major (`a` rows): the layout BLAS expects.
    public func crossCovariance(_ left: [Double], _ right: [Double], dimension d: Int) -> [Double] {
        let a = left.count / max(d, 1)
        let b = right.count / max(d, 1)
        var result = [Double](repeating: 0, count: a * b)
        // `left` scaled by 1/ℓ and transposed to coordinate-major, so the inner loop runs over
        // contiguous rows and vectorizes (row-major pairs of 6-vectors did not).
        var scaledLeft = [Double](repeating: 0, count: a * d)
        for i in 0..<a { for k in 0..<d { scaledLeft[k * a + i] = left[i * d + k] / lengthscales[k] } }
        let scaledRight = (0..<(b * d)).map { right[$0] / lengthscales[$0 % d] }
        scaledLeft.withUnsafeBufferPointer { l in
            scaledRight.withUnsafeBufferPointer { r in
                result.withUnsafeMutableBufferPointer { out in
                    for j in 0..<b {
                        let base = j * a
                        for k in 0..<d {
                            let x = r[j * d + k]
                            let column = k * a
                            for i in 0..<a {
                                let diff = l[column + i] - x
                                out[base + i] += diff * diff
                            }
                        }
                        for i in 0..<a { out[base + i] = value(r: out[base + i].squareRoot()) }
                    }
                }
            }
        }
        return result
    }

    /// The squared differences `(x_d − x'_d)²` of every pair `i < j` of `points` (`n × d`), as `d`
    /// arrays of `n·(n−1)/2`: what the likelihood and its gradient reuse across hyperparameters.
    static func pairSquaredDifferences(_ points: [Double], count n: Int, dimension d: Int) -> [[Double]] {
        let pairs = n * (n - 1) / 2
        var result = [[Double]](repeating: [Double](repeating: 0, count: pairs), count: d)
        for k in 0..<d {
            result[k].withUnsafeMutableBufferPointer { out in
                points.withUnsafeBufferPointer { x in
                    var p = 0
                    for j in 1..<max(n, 1) {
                        for i in 0..<j {
                            let diff = x[i * d + k] - x[j * d + k]
                            out[p] = diff * diff
                            p += 1
                        }
                    }
                }
            }
        }
        return result
    }
}
