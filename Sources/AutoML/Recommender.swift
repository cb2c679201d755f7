import Foundation
import Learners
import Tabular

/// Recommends a ``PreprocessingPlan`` per learner family from a profile, the way an experienced
/// data scientist would, with the reason for each step.
public struct Recommender: Sendable {
    /// Columns missing at least this share are dropped, or reduced to a missing indicator when
    /// missingness goes with the target.
    public var mostlyMissingShare = 0.7
    /// Cramér's V between "missing" and the target from which missingness counts as informative.
    public var informativeMissingness = 0.1
    /// Label columns up to this many labels are one-hot encoded for scaled families (k-NN: half).
    public var oneHotMaximumLevels = 20
    /// Labels seen fewer times than this (or 1% of rows, whichever is larger) are grouped.
    public var rareLabelRows = 10
    /// Label columns up to this many labels get ordinal codes for trees; more get target encoding.
    public var ordinalMaximumLevels = 50
    /// Non-negative columns at least this skewed get log1p for scaled families.
    public var logSkewness = 2.0
    /// Outliers (beyond the Tukey fences) at least this share of values call for robust scaling.
    public var robustOutlierShare = 0.05

    public init() {}

    /// One plan per learner family.
    public func plans(for profile: TableProfile, findings: [Finding]) -> [PreprocessingPlan] {
        LearnerFamily.allCases.map { plan(for: profile, findings: findings, family: $0) }
    }

    /// The plan for `family`.
    public func plan(for profile: TableProfile, findings: [Finding], family: LearnerFamily) -> PreprocessingPlan {
        let target = profile.target
        let associations = Dictionary(uniqueKeysWithValues: (target?.associations ?? []).map { ($0.feature, $0) })
        let leaks = Set(findings.filter { $0.kind == .targetLeakage }.compactMap(\.column))
        var columns: [PreprocessingPlan.ColumnPlan] = []
        for column in profile.columns where column.name != target?.column {
            var plan = columnPlan(
                column, association: associations[column.name], family: family, rows: profile.rowCount, hasTarget: target?.problem.problemType != nil)
            if leaks.contains(column.name), let score = associations[column.name]?.soloScore {
                plan.flags.append(
                    String(format: "suspected target leakage (solo score %.3f): kept, but check the value is known before the target", score))
            }
            columns.append(plan)
        }
        let duplicates = profile.duplicates.count
        return PreprocessingPlan(
            version: PreprocessingPlan.currentVersion, family: family, target: target?.column,
            dropDuplicateRows: duplicates > 0,
            duplicateRowsReason: duplicates > 0
                ? "\(duplicates) rows repeat an earlier row exactly; kept once so cross-validation folds do not share rows" : nil,
            columns: columns)
    }

    private func columnPlan(
        _ column: ColumnProfile, association: FeatureAssociation?, family: LearnerFamily, rows: Int, hasTarget: Bool
    ) -> PreprocessingPlan.ColumnPlan {
        func only(_ step: FeatureStep, _ reason: String) -> PreprocessingPlan.ColumnPlan {
            PreprocessingPlan.ColumnPlan(column: column.name, steps: [.init(step: step, reason: reason)], note: nil, flags: [])
        }
        if column.type == .identifier {
            return only(.drop, "identifier-like: \(column.reason)")
        }
        if column.distinctCount <= 1 {
            return only(
                .drop,
                column.distinctCount == 0 ? "every value is missing" : "constant: every present value is '\(column.topValues.first?.value ?? "")'")
        }
        let missing = FindingRules.percent(column.missingFraction)
        let missingness = association?.missingnessAssociation
        let informative = (missingness ?? 0) >= informativeMissingness
        if column.missingFraction >= mostlyMissingShare {
            if informative, let v = missingness {
                return only(
                    .missingIndicatorOnly,
                    String(
                        format: "mostly missing (%@), but whether it is missing goes with the target (Cramér's V %.2f): keep only that", missing, v))
            }
            let why = missingness.map { String(format: " and missingness says little about the target (Cramér's V %.2f)", $0) } ?? ""
            return only(.drop, "mostly missing (\(missing))\(why)")
        }
        var steps: [PreprocessingPlan.PlannedStep] = []
        var note: String?
        let indicatorReason = missingness.map {
            String(format: "missingness goes with the target (Cramér's V %.2f), so a missing indicator is added", $0)
        }
        switch column.type {
        case .text:
            let buckets = family == .trees || family == .neighbors ? 32 : 128
            let words = column.text.map { String(format: ", %.1f words on average", $0.meanWords) } ?? ""
            steps.append(
                .init(
                    step: .tfidf(buckets: buckets, maximumNgram: 2),
                    reason: "free text (\(column.distinctCount) distinct values\(words)): word and word-pair counts carry its signal"))
        case .datetime:
            steps.append(
                .init(
                    step: .dateParts,
                    reason:
                        "a date-time (\(column.dateTime?.granularity.rawValue ?? "day") granularity): learners use calendar parts and elapsed time, not raw seconds"
                ))
            if family.needsScaledFeatures {
                steps.append(.init(step: .standardize, reason: "date parts have different ranges (years vs weekdays)"))
            }
        case .boolean:
            if column.missingCount > 0 {
                steps.append(
                    .init(
                        step: .impute(.mostFrequent, indicator: informative),
                        reason: "\(missing) missing; filled with the most frequent value" + (informative ? "; " + (indicatorReason ?? "") : "")))
            } else {
                note = "two values, used as 0/1"
            }
        case .categorical:
            if column.missingCount > 0 {
                if column.missingFraction >= 0.05 || informative {
                    steps.append(
                        .init(
                            step: .impute(.constant("(missing)"), indicator: false),
                            reason: "\(missing) missing; 'missing' becomes a label of its own"
                                + (informative ? String(format: " (missingness goes with the target, Cramér's V %.2f)", missingness ?? 0) : "")))
                } else {
                    steps.append(
                        .init(
                            step: .impute(.mostFrequent, indicator: false),
                            reason: "\(missing) missing, too few to be a label of their own; filled with the most frequent label"))
                }
            }
            let missingLabel = column.missingCount > 0 && (column.missingFraction >= 0.05 || informative)
            steps += categoricalEncoding(
                column, levels: column.distinctCount + (missingLabel ? 1 : 0), family: family, rows: rows, hasTarget: hasTarget)
        case .integer, .real, .identifier:
            let numeric = column.numeric
            let skew = numeric?.skewness ?? 0
            let outlierShare = Double(numeric?.outlierCount ?? 0) / Double(max(1, column.presentCount))
            if column.missingCount > 0 {
                let strategy: ImputeStrategy = abs(skew) >= 1 || outlierShare >= robustOutlierShare ? .median : .mean
                let why =
                    strategy == .median
                    ? String(format: "%@ missing; median, because the values are skewed (%.2f) or have outliers", missing, skew)
                    : String(format: "%@ missing; mean, because the values are roughly symmetric (skewness %.2f)", missing, skew)
                steps.append(
                    .init(step: .impute(strategy, indicator: informative), reason: why + (informative ? "; " + (indicatorReason ?? "") : "")))
            }
            if family.needsScaledFeatures {
                var logged = false
                if let numeric, numeric.minimum >= 0, skew >= logSkewness {
                    steps.append(
                        .init(step: .log1p, reason: String(format: "heavily right-skewed (%.2f) and never negative: log1p evens out the tail", skew)))
                    logged = true
                }
                if !logged, outlierShare >= robustOutlierShare {
                    steps.append(
                        .init(
                            step: .robustScale,
                            reason: String(
                                format: "%.1f%% of values lie beyond the Tukey fences: median and interquartile range resist them", outlierShare * 100
                            )))
                } else {
                    steps.append(
                        .init(
                            step: .standardize,
                            reason: family == .neighbors
                                ? "distances need features on one scale" : "gradient-based fitting and penalties need features on one scale"))
                }
            } else if steps.isEmpty {
                note = "trees split on thresholds, so scale and skew do not matter"
            }
        }
        return PreprocessingPlan.ColumnPlan(column: column.name, steps: steps, note: note, flags: [])
    }

    private func categoricalEncoding(_ column: ColumnProfile, levels: Int, family: LearnerFamily, rows: Int, hasTarget: Bool) -> [PreprocessingPlan
        .PlannedStep]
    {
        let highCardinality: [PreprocessingPlan.PlannedStep]
        if hasTarget {
            highCardinality = [
                .init(
                    step: .targetEncoding(folds: 5, smoothing: 10),
                    reason:
                        "\(levels) labels, too many for one column each: each label becomes its smoothed target mean, out-of-fold on training rows so no row sees its own target"
                )
            ]
        } else {
            highCardinality = [
                .init(
                    step: .frequency,
                    reason: "\(levels) labels, too many for one column each, and no target to encode with: each label becomes its share of rows")
            ]
        }
        if family == .trees {
            if levels <= ordinalMaximumLevels {
                return [.init(step: .ordinal, reason: "\(levels) labels: trees split on codes directly, one-hot is not needed")]
            }
            return highCardinality
        }
        let limit = family == .neighbors ? oneHotMaximumLevels / 2 : oneHotMaximumLevels
        if levels <= limit {
            let minimum = max(rareLabelRows, rows / 100)
            let rare = column.topValues.count < column.distinctCount || column.topValues.contains { $0.count < minimum }
            let grouped = rare ? "; labels seen fewer than \(minimum) times share one '(other)' column" : ""
            return [.init(step: .oneHot(minimumCount: minimum, maximumLevels: limit), reason: "\(levels) labels: one 0/1 column each\(grouped)")]
        }
        return highCardinality + [.init(step: .standardize, reason: "encoded values are on the target's scale")]
    }
}
