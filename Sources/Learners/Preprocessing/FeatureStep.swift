/// One preprocessing step for one column, as planned (before fitting).
///
/// A column's steps run in order. Label columns (categorical, text) start as labels and become
/// numeric features through an encoder (one-hot, ordinal, target, frequency, TF-IDF); numeric
/// columns start as one feature. Numeric steps (impute, log1p, scaling) apply to every feature
/// the column has at that point.
public enum FeatureStep: Codable, Sendable, Equatable {
    /// Leave the column out.
    case drop
    /// Keep only `column_missing` (1 when missing), leaving the values out.
    case missingIndicatorOnly
    /// Fill missing values; with `indicator`, also add `column_missing`.
    case impute(ImputeStrategy, indicator: Bool)
    /// One 0/1 feature per label seen at least `minimumCount` times (at most `maximumLevels`);
    /// rarer and unseen labels share `column=(other)`.
    case oneHot(minimumCount: Int, maximumLevels: Int)
    /// Labels as codes 0, 1, … in sorted order (numeric order when every label is a number);
    /// unseen and missing labels get -1.
    case ordinal
    /// Smoothed mean of the target per label (one feature per class for multiclass); training rows
    /// get out-of-fold values so a row's own target never leaks into its feature.
    case targetEncoding(folds: Int, smoothing: Double)
    /// Share of training rows holding the label.
    case frequency
    /// sign(x)·ln(1 + |x|).
    case log1p
    /// (x − mean) / standard deviation.
    case standardize
    /// (x − median) / interquartile range.
    case robustScale
    /// Year, month, day, weekday, hour (with times) and days elapsed since the earliest training date.
    case dateParts
    /// Hashed TF-IDF of word n-grams (1…`maximumNgram`) into `buckets` features, rows L2-normalised.
    case tfidf(buckets: Int, maximumNgram: Int)

    /// The step's name in reports ("impute median + indicator", "one-hot").
    public var title: String {
        switch self {
        case .drop: "drop"
        case .missingIndicatorOnly: "missing indicator only"
        case .impute(let strategy, let indicator): "impute \(strategy.title)" + (indicator ? " + missing indicator" : "")
        case .oneHot(let minimumCount, let maximumLevels): "one-hot (labels seen ≥ \(minimumCount)×, at most \(maximumLevels); rest grouped)"
        case .ordinal: "ordinal codes"
        case .targetEncoding(let folds, let smoothing): "target encoding (\(folds)-fold out-of-fold, smoothing \(Self.number(smoothing)))"
        case .frequency: "frequency encoding"
        case .log1p: "log1p"
        case .standardize: "standardize"
        case .robustScale: "robust scale"
        case .dateParts: "date-time parts"
        case .tfidf(let buckets, let maximumNgram): "hashed TF-IDF (\(buckets) buckets, 1–\(maximumNgram)-grams)"
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
