import Foundation

/// A preprocessing step fitted on training rows: everything needed to apply it to any table with
/// the same columns. Codable, so a saved model repeats exactly the same arithmetic.
public enum FittedStep: Codable, Sendable, Equatable {
    case drop
    case missingIndicatorOnly
    /// The label that replaces missing ones; `indicator` adds `column_missing` first.
    case imputeLabels(fill: String, indicator: Bool)
    /// One fill per feature.
    case imputeNumbers(fills: [Double], indicator: Bool)
    /// Kept labels in output order; `other` adds `column=(other)` for rare and unseen labels.
    case oneHot(levels: LabelIndex, other: Bool)
    case ordinal(levels: LabelIndex)
    /// `encodings[k]` per kept label, `prior` for unseen ones; one output per `suffixes` entry.
    case targetEncoding(levels: LabelIndex, encodings: [[Double]], prior: [Double], suffixes: [String])
    case frequency(levels: LabelIndex, shares: [Double])
    case log1p
    /// Per feature: subtract `centers[k]`, divide by `scales[k]`.
    case scale(centers: [Double], scales: [Double])
    /// `origin` is the earliest training instant (seconds since 1970).
    case dateParts(hasTime: Bool, origin: Double)
    case tfidf(buckets: Int, maximumNgram: Int, inverseDocumentFrequency: [Double])

    /// Applies the step to `state`.
    func apply(_ state: FeatureState) -> FeatureState {
        switch (self, state) {
        case (.drop, _):
            return .features([], extras: [])
        case (.missingIndicatorOnly, .labels(let name, let values, _)):
            return .features([Feature(name: name + "_missing", values: values.map { $0 == nil ? 1 : 0 })], extras: [])
        case (.missingIndicatorOnly, .features(let features, _)):
            return .features(features.map { Feature(name: $0.name + "_missing", values: $0.values.map { $0.isNaN ? 1 : 0 }) }, extras: [])
        case (.imputeLabels(let fill, let indicator), .labels(let name, let values, let extras)):
            let flag = indicator ? [Feature(name: name + "_missing", values: values.map { $0 == nil ? 1 : 0 })] : []
            return .labels(name: name, values.map { $0 ?? fill }, extras: extras + flag)
        case (.imputeNumbers(let fills, let indicator), .features(let features, let extras)):
            var output: [Feature] = []
            var flags: [Feature] = []
            for (feature, fill) in zip(features, fills) {
                output.append(Feature(name: feature.name, values: feature.values.map { $0.isNaN ? fill : $0 }))
                if indicator {
                    flags.append(Feature(name: feature.name + "_missing", values: feature.values.map { $0.isNaN ? 1 : 0 }))
                }
            }
            return .features(output, extras: extras + flags)
        case (.oneHot(let levels, let other), .labels(let name, let values, let extras)):
            return .features(Encoders.oneHot(name: name, values: values, levels: levels, other: other), extras: extras)
        case (.ordinal(let levels), .labels(let name, let values, let extras)):
            return .features([Encoders.ordinal(name: name, values: values, levels: levels)], extras: extras)
        case (.targetEncoding(let levels, let encodings, let prior, let suffixes), .labels(let name, let values, let extras)):
            return .features(
                Encoders.lookup(name: name + "_target", values: values, levels: levels, table: encodings, fallback: prior, suffixes: suffixes),
                extras: extras)
        case (.frequency(let levels, let shares), .labels(let name, let values, let extras)):
            return .features(
                Encoders.lookup(name: name + "_frequency", values: values, levels: levels, table: shares.map { [$0] }, fallback: [0], suffixes: [""]),
                extras: extras)
        case (.log1p, .features(let features, let extras)):
            return .features(
                features.map { feature in
                    Feature(name: feature.name, values: feature.values.map { $0 < 0 ? -Foundation.log1p(-$0) : Foundation.log1p($0) })
                }, extras: extras)
        case (.scale(let centers, let scales), .features(let features, let extras)):
            return .features(
                zip(features, zip(centers, scales)).map { feature, parameters in
                    Feature(name: feature.name, values: feature.values.map { ($0 - parameters.0) / parameters.1 })
                }, extras: extras)
        case (.dateParts(let hasTime, let origin), .features(let features, let extras)):
            return .features(features.flatMap { DateParts.features(of: $0, hasTime: hasTime, origin: origin) }, extras: extras)
        case (.tfidf(let buckets, let maximumNgram, let idf), .labels(let name, let values, let extras)):
            return .features(HashedTfidf.features(name: name, values: values, buckets: buckets, maximumNgram: maximumNgram, idf: idf), extras: extras)
        default:
            preconditionFailure("fitted step \(self) applied to the wrong kind of column state")
        }
    }
}
