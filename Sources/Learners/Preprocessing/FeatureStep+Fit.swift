import Tabular

extension FeatureStep {
    /// Fits the step on `state` (training rows only) and returns it with the transformed training
    /// state. Target encoding returns out-of-fold values for the training rows.
    /// - Throws: ``LearnersError/stepNotApplicable(step:column:reason:)`` when the step does not fit
    ///   the column's state; ``LearnersError/targetRequired(step:column:)`` for target encoding
    ///   without a target.
    func fit(_ state: FeatureState, column: String, target: EncodingTarget?, seed: UInt64) throws(LearnersError) -> (FittedStep, FeatureState) {
        let fitted: FittedStep
        switch (self, state) {
        case (.drop, _):
            fitted = .drop
        case (.missingIndicatorOnly, _):
            fitted = .missingIndicatorOnly
        case (.impute(let strategy, let indicator), .labels(_, let values, _)):
            let fill: String
            switch strategy {
            case .mostFrequent: fill = Self.counts(values).first?.0 ?? "(missing)"
            case .constant(let label): fill = label
            case .median, .mean: throw .stepNotApplicable(step: title, column: column, reason: "the column holds labels, not numbers")
            }
            fitted = .imputeLabels(fill: fill, indicator: indicator)
        case (.impute(let strategy, let indicator), .features(let features, _)):
            var fills: [Double] = []
            for feature in features {
                let present = feature.values.filter { !$0.isNaN }
                switch strategy {
                case .median: fills.append(Self.median(present) ?? 0)
                case .mean: fills.append(present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count))
                case .mostFrequent: fills.append(Self.mode(present) ?? 0)
                case .constant(let text):
                    guard let value = Double(text) else {
                        throw .stepNotApplicable(step: title, column: column, reason: "'\(text)' is not a number")
                    }
                    fills.append(value)
                }
            }
            fitted = .imputeNumbers(fills: fills, indicator: indicator)
        case (.oneHot(let minimumCount, let maximumLevels), .labels(_, let values, _)):
            let counts = Self.counts(values)
            let kept = counts.filter { $0.1 >= minimumCount }.prefix(maximumLevels).map(\.0)
            fitted = .oneHot(levels: LabelIndex(kept), other: kept.count < counts.count)
        case (.ordinal, .labels(_, let values, _)):
            fitted = .ordinal(levels: LabelIndex(Encoders.sortedLevels(Set(values.compactMap { $0 }))))
        case (.targetEncoding(let folds, let smoothing), .labels(_, let values, let extras)):
            guard let target else { throw .targetRequired(step: title, column: column) }
            let encoder = TargetEncoder(values: values, target: target, smoothing: smoothing)
            fitted = .targetEncoding(
                levels: LabelIndex(encoder.levels), encodings: encoder.encodings, prior: encoder.prior, suffixes: encoder.suffixes)
            let outOfFold = encoder.outOfFold(folds: folds, seed: seed)
            return (
                fitted,
                .features(
                    outOfFold.enumerated().map { k, values in
                        Feature(name: column + "_target" + encoder.suffixes[k], values: values)
                    }, extras: extras)
            )
        case (.frequency, .labels(_, let values, _)):
            let counts = Self.counts(values)
            fitted = .frequency(levels: LabelIndex(counts.map(\.0)), shares: counts.map { Double($0.1) / Double(max(1, values.count)) })
        case (.log1p, .features):
            fitted = .log1p
        case (.standardize, .features(let features, _)):
            let parameters = features.map { feature -> (Double, Double) in
                let present = feature.values.filter { !$0.isNaN }
                guard present.count >= 2 else { return (present.first ?? 0, 1) }
                let mean = present.reduce(0, +) / Double(present.count)
                let variance = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count - 1)
                return (mean, variance > 0 ? variance.squareRoot() : 1)
            }
            fitted = .scale(centers: parameters.map(\.0), scales: parameters.map(\.1))
        case (.robustScale, .features(let features, _)):
            let parameters = features.map { feature -> (Double, Double) in
                var present = feature.values.filter { !$0.isNaN }
                present.sort()
                guard !present.isEmpty else { return (0, 1) }
                let iqr = NumericStatistics.quantile(present, 0.75) - NumericStatistics.quantile(present, 0.25)
                return (NumericStatistics.quantile(present, 0.5), iqr > 0 ? iqr : 1)
            }
            fitted = .scale(centers: parameters.map(\.0), scales: parameters.map(\.1))
        case (.dateParts, .features(let features, _)):
            let present = features.flatMap { $0.values.filter { !$0.isNaN } }
            let hasTime = present.contains { $0.truncatingRemainder(dividingBy: 86_400) != 0 }
            fitted = .dateParts(hasTime: hasTime, origin: present.min() ?? 0)
        case (.tfidf(let buckets, let maximumNgram), .labels(_, let values, _)):
            fitted = .tfidf(
                buckets: buckets, maximumNgram: maximumNgram,
                inverseDocumentFrequency:
                    HashedTfidf.inverseDocumentFrequency(values, buckets: buckets, maximumNgram: maximumNgram))
        case (_, .labels):
            throw .stepNotApplicable(step: title, column: column, reason: "the column still holds labels; encode them first")
        case (_, .features):
            throw .stepNotApplicable(step: title, column: column, reason: "the column is already numeric; label encoders need labels")
        }
        return (fitted, fitted.apply(state))
    }

    /// Labels with their counts, most frequent first (ties by label).
    static func counts(_ values: [String?]) -> [(String, Int)] {
        var counts: [String: Int] = [:]
        for value in values { if let value { counts[value, default: 0] += 1 } }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return NumericStatistics.quantile(values.sorted(), 0.5)
    }

    /// The most frequent value (the smallest on ties).
    static func mode(_ values: [Double]) -> Double? {
        var counts: [Double: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }
}
