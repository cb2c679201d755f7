/// The curves of a scorer of one class against the rest: ROC, precision-recall, reliability
/// (calibration) and cumulative gain, from scores (the class's probability) and the truth.
public struct BinaryCurves: Sendable {
    /// One point of a curve.
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// One bin of the reliability chart: predictions in `lower..<upper` (the last bin includes 1).
    public struct CalibrationBin: Sendable, Equatable {
        public var lower: Double
        public var upper: Double
        public var count: Int
        /// The mean predicted probability and the share of the bin's rows that are positive.
        public var meanPredicted: Double
        public var observed: Double
    }

    /// One step of the cumulative gain: the top `population` share of rows by score holds `gain` of
    /// the positives; `lift` = gain / population.
    public struct GainStep: Sendable, Equatable {
        public var population: Double
        public var gain: Double
        public var lift: Double
    }

    /// False-positive rate against true-positive rate, from (0, 0) to (1, 1), one point per cut.
    public var roc: [Point]
    /// Recall against precision, one point per cut that labels a row positive.
    public var precisionRecall: [Point]
    public var rocAUC: Double
    public var averagePrecision: Double
    public var calibration: [CalibrationBin]
    /// At every tenth of the rows, best scores first.
    public var gain: [GainStep]

    /// - Parameter bins: equal-width bins of the reliability chart.
    public init(scores: [Double], positive: [Bool], bins: Int = 10) {
        let cuts = ThresholdSearch.sweep(scores: scores, positive: positive)
        roc = cuts.map { cut in
            let counts = cut.counts
            return Point(
                x: counts.negatives > 0 ? counts.falsePositives / counts.negatives : 0,
                y: counts.positives > 0 ? counts.truePositives / counts.positives : 0)
        }
        precisionRecall = cuts.dropFirst().map { Point(x: $0.counts.recall, y: $0.counts.precision) }
        rocAUC = RankingMetrics.rocAUC(positive: positive, scores: scores)
        averagePrecision = RankingMetrics.averagePrecision(positive: positive, scores: scores)

        var sums = [Double](repeating: 0, count: bins)
        var hits = [Int](repeating: 0, count: bins)
        var counts = [Int](repeating: 0, count: bins)
        for (score, isPositive) in zip(scores, positive) where score.isFinite {
            let bin = min(bins - 1, max(0, Int(score * Double(bins))))
            sums[bin] += score
            counts[bin] += 1
            if isPositive { hits[bin] += 1 }
        }
        calibration = (0..<bins).compactMap { bin in
            guard counts[bin] > 0 else { return nil }
            return CalibrationBin(
                lower: Double(bin) / Double(bins), upper: Double(bin + 1) / Double(bins), count: counts[bin],
                meanPredicted: sums[bin] / Double(counts[bin]), observed: Double(hits[bin]) / Double(counts[bin]))
        }

        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        let totalPositive = Double(positive.filter { $0 }.count)
        var steps: [GainStep] = []
        var captured = 0.0
        var taken = 0
        for tenth in 1...10 {
            let until = (order.count * tenth + 9) / 10
            while taken < until {
                if positive[order[taken]] { captured += 1 }
                taken += 1
            }
            let population = Double(taken) / Double(max(1, order.count))
            let gain = totalPositive > 0 ? captured / totalPositive : 0
            steps.append(GainStep(population: population, gain: gain, lift: population > 0 ? gain / population : 0))
        }
        gain = steps
    }
}
