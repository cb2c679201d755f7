import Foundation

/// How much one feature tells about the target, measured with the feature alone.
///
/// Notation: X the discretized feature (``Discretizer``, missing as its own value), Y the target
/// (classes, or 32 equal-frequency bins of a numeric target). I(X;Y) = E[ln(p(y|x)/p(y))] in nats,
/// estimated out-of-fold (see ``mutualInformation(_:_:_:_:_:)``) so that many-valued features do not
/// look informative by chance, floored at 0. Normalized MI = I(X;Y)/H(Y) (Theil's uncertainty
/// coefficient).
/// The solo score is out-of-fold (5 folds): a lookup table from X to the majority class (accuracy
/// above the majority baseline, scaled to 0…1, Cohen-style) or to the mean target (R²).
public struct FeatureAssociation: Codable, Sendable, Equatable {
    public var feature: String
    /// Out-of-fold mutual information with the target, nats.
    public var mutualInformation: Double?
    /// Mutual information over the target's entropy, 0…1.
    public var normalizedMutualInformation: Double?
    /// Out-of-fold score of predicting the target from this feature alone, ≤ 1 (1 = perfect).
    public var soloScore: Double?
    /// Cramér's V between "this feature is missing" and the target; nil without missing values.
    public var missingnessAssociation: Double?

    /// Tables larger than this many cells (feature values × target values) are not counted.
    static let maximumCells = 20_000_000
    static let folds = 5

    /// Measures `feature` against the target.
    /// - Parameters:
    ///   - target: codes of the target on the rows kept (no missing), `targetLevels` of them.
    ///   - targetValues: for regression, the numeric target on the same rows; nil for classes.
    ///   - fold: the fold (0..<5) of each kept row.
    static func measure(
        _ feature: Column, rows: [Int], target: [UInt32], targetLevels: Int, targetValues: [Double]?, fold: [UInt8]
    ) -> FeatureAssociation {
        let view = rows.count == feature.count ? feature : feature.selecting(rows: rows)
        let x = Discretizer(view, bins: 32)
        var result = FeatureAssociation(feature: feature.name)
        if x.levelCount * targetLevels <= maximumCells {
            (result.mutualInformation, result.normalizedMutualInformation) =
                mutualInformation(x.codes, x.levelCount, target, targetLevels, fold)
            result.soloScore =
                targetValues.map { soloR2(x.codes, x.levelCount, $0, fold) }
                ?? soloAccuracy(x.codes, x.levelCount, target, targetLevels, fold)
        }
        if feature.missingCount > 0 {
            let indicator = (0..<view.count).map { UInt32(view.isMissing(at: $0) ? 1 : 0) }
            result.missingnessAssociation = CorrelationKernels.cramersV(indicator, levelsA: 2, target, levelsB: targetLevels).v ?? 0
        }
        return result
    }

    private init(feature: String) {
        self.feature = feature
    }

    /// Cross-fitted mutual information: the mean held-out log-ratio ln(p̂(y|x) / p̂(y)), with
    /// p̂(y|x) = (n_xy + α p̂(y)) / (n_x + α) counted on the other folds (α = 1). A value never
    /// seen in training scores 0, so an all-distinct column (names, keys) scores about 0 instead
    /// of the full target entropy that the plug-in estimate gives it.
    static func mutualInformation(_ x: [UInt32], _ kx: Int, _ y: [UInt32], _ ky: Int, _ fold: [UInt8]) -> (Double?, Double?) {
        let n = Double(x.count)
        guard n > 0 else { return (nil, nil) }
        var total = 0.0
        for f in 0..<UInt8(folds) {
            var joint = [Double](repeating: 0, count: kx * ky)
            var px = [Double](repeating: 0, count: kx)
            var py = [Double](repeating: 0, count: ky)
            var m = 0.0
            for i in x.indices where fold[i] != f {
                joint[Int(x[i]) * ky + Int(y[i])] += 1
                px[Int(x[i])] += 1
                py[Int(y[i])] += 1
                m += 1
            }
            guard m > 0 else { continue }
            for i in x.indices where fold[i] == f {
                let a = Int(x[i])
                let b = Int(y[i])
                // Laplace-smoothed prior, so a class absent from the training folds stays finite.
                let prior = (py[b] + 1) / (m + Double(ky))
                let conditional = (joint[a * ky + b] + prior) / (px[a] + 1)
                total += log(conditional / prior)
            }
        }
        var counts = [Double](repeating: 0, count: ky)
        for value in y { counts[Int(value)] += 1 }
        let entropy = counts.reduce(0.0) { h, count in count == 0 ? h : h - count / n * log(count / n) }
        let mi = max(0, total / n)
        return (mi, entropy > 0 ? min(1, mi / entropy) : nil)
    }

    /// Out-of-fold accuracy of "majority class per feature value", scaled so the fold's majority
    /// class scores 0 and perfection 1.
    static func soloAccuracy(_ x: [UInt32], _ kx: Int, _ y: [UInt32], _ ky: Int, _ fold: [UInt8]) -> Double? {
        var correct = 0
        var baseline = 0
        for f in 0..<UInt8(folds) {
            var table = [Int](repeating: 0, count: kx * ky)
            var classCounts = [Int](repeating: 0, count: ky)
            for i in x.indices where fold[i] != f {
                table[Int(x[i]) * ky + Int(y[i])] += 1
                classCounts[Int(y[i])] += 1
            }
            let majority = argmax(classCounts[...])
            for i in x.indices where fold[i] == f {
                let row = table[(Int(x[i]) * ky)..<(Int(x[i]) * ky + ky)]
                let guess = row.allSatisfy({ $0 == 0 }) ? majority : argmax(row)
                if guess == Int(y[i]) { correct += 1 }
                if majority == Int(y[i]) { baseline += 1 }
            }
        }
        let n = x.count
        guard n > baseline else { return nil }
        return Double(correct - baseline) / Double(n - baseline)
    }

    /// Out-of-fold R² of "mean target per feature value".
    static func soloR2(_ x: [UInt32], _ kx: Int, _ y: [Double], _ fold: [UInt8]) -> Double? {
        var squaredError = 0.0
        var squaredTotal = 0.0
        for f in 0..<UInt8(folds) {
            var sums = [Double](repeating: 0, count: kx)
            var counts = [Int](repeating: 0, count: kx)
            var total = 0.0
            var count = 0
            for i in x.indices where fold[i] != f {
                sums[Int(x[i])] += y[i]
                counts[Int(x[i])] += 1
                total += y[i]
                count += 1
            }
            guard count > 0 else { continue }
            let mean = total / Double(count)
            for i in x.indices where fold[i] == f {
                let k = Int(x[i])
                let guess = counts[k] > 0 ? sums[k] / Double(counts[k]) : mean
                squaredError += (y[i] - guess) * (y[i] - guess)
                squaredTotal += (y[i] - mean) * (y[i] - mean)
            }
        }
        return squaredTotal > 0 ? 1 - squaredError / squaredTotal : nil
    }

    /// Index (relative to the slice start) of the largest count; the first on ties.
    private static func argmax(_ counts: ArraySlice<Int>) -> Int {
        var best = counts.startIndex
        for i in counts.indices where counts[i] > counts[best] { best = i }
        return best - counts.startIndex
    }
}
