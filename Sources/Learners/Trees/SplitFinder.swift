/// The best split of a node from its histogram: second-order gain with L1/L2 regularization, as
/// XGBoost defines it (Chen & Guestrin 2016, eq. 7, and XGBoost's `CalcGain`).
///
/// Notation: G, H = Σg, Σh over the node; T_α(G) = sign(G) · max(|G| − α, 0);
/// score(G, H) = T_α(G)² / (H + λ); gain = score(G_L, H_L) + score(G_R, H_R) − score(G, H)
/// (XGBoost's scale, without the ½, so `gamma` means what it means there); leaf weight
/// w = −T_α(G) / (H + λ). A split needs H ≥ `min_child_weight` on both sides and gain > γ.
/// Missing values go to whichever side gains more (the learned default direction).
enum SplitFinder {
    /// A chosen split: rows with bin ≤ `bin` go left, missing ones as `defaultLeft` says.
    struct Split: Sendable, Equatable {
        var feature: Int
        var bin: Int
        var defaultLeft: Bool
        var gain: Double
        var left: SIMD2<Double>
        var right: SIMD2<Double>
    }

    /// Regularization and limits of split search.
    struct Rules: Sendable, Equatable {
        var lambda: Double
        var alpha: Double
        var gamma: Double
        var minChildWeight: Double
    }

    /// T_α(G)² / (H + λ).
    @inline(__always)
    static func score(_ sums: SIMD2<Double>, _ rules: Rules) -> Double {
        let t = thresholded(sums.x, rules.alpha)
        return t * t / (sums.y + rules.lambda)
    }

    /// −T_α(G) / (H + λ), before shrinkage.
    static func leafWeight(_ sums: SIMD2<Double>, _ rules: Rules) -> Double {
        -thresholded(sums.x, rules.alpha) / (sums.y + rules.lambda)
    }

    @inline(__always)
    private static func thresholded(_ g: Double, _ alpha: Double) -> Double {
        if g > alpha { return g - alpha }
        if g < -alpha { return g + alpha }
        return 0
    }

    /// The best split over `features` of the node whose histogram is `histogram` and whose sums are
    /// `total`, or nil when none gains more than γ.
    static func best(
        histogram: UnsafePointer<SIMD2<Double>>, total: SIMD2<Double>, features: [Int], binCounts: [Int], rules: Rules
    ) -> Split? {
        let parent = score(total, rules)
        var best: Split?
        var bestGain = max(rules.gamma, 1e-10)
        let minimum = rules.minChildWeight
        for j in features {
            let base = histogram + (j << 8)
            let missing = base[Int(Binner.missingBin)]
            let hasMissing = missing.y > 0
            let bins = binCounts[j]
            var accumulated = SIMD2<Double>.zero
            for b in 0..<bins {
                accumulated += base[b]
                let last = b == bins - 1
                // Missing to the right (the only choice when every value bin is on the left).
                if !last || hasMissing {
                    let left = accumulated
                    let right = total - accumulated
                    if left.y >= minimum, right.y >= minimum, left.y > 0, right.y > 0 {
                        let gain = score(left, rules) + score(right, rules) - parent
                        if gain > bestGain {
                            bestGain = gain
                            best = Split(feature: j, bin: b, defaultLeft: false, gain: gain, left: left, right: right)
                        }
                    }
                }
                // Missing to the left.
                if hasMissing, !last {
                    let left = accumulated + missing
                    let right = total - left
                    if left.y >= minimum, right.y >= minimum, left.y > 0, right.y > 0 {
                        let gain = score(left, rules) + score(right, rules) - parent
                        if gain > bestGain {
                            bestGain = gain
                            best = Split(feature: j, bin: b, defaultLeft: true, gain: gain, left: left, right: right)
                        }
                    }
                }
            }
        }
        return best
    }
}
