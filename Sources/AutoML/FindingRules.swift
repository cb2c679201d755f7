import Foundation
import Tabular

/// The alert rules: which facts of a ``TableProfile`` become ``Finding``s, with their thresholds.
public enum FindingRules {
    /// A column missing in at least this share of rows is "high missing".
    public static let highMissingShare = 0.2
    /// The most frequent value holding at least this share of present rows is "quasi-constant".
    public static let quasiConstantShare = 0.99
    /// Label columns with more distinct labels than this are "high cardinality".
    public static let highCardinalityLevels = 50
    /// |skewness| at or above this is "skewed".
    public static let skewness = 2.0
    /// Zeros in at least this share of present values are "many zeros".
    public static let zeroShare = 0.3
    /// Associations at or above this are "highly correlated".
    public static let highCorrelation = 0.9
    /// A feature whose out-of-fold solo score reaches this "nearly predicts the target alone".
    public static let leakageScore = 0.95
    /// The smallest class under this share of the largest is "class imbalance".
    public static let imbalanceRatio = 0.1
    /// Fewer rows than this, or than ``rowsPerFeature`` per feature, are "too few rows".
    public static let minimumRows = 100
    public static let rowsPerFeature = 10
    /// A class with fewer rows than this cannot fill 5-fold cross-validation.
    public static let minimumClassRows = 10

    /// Alerts of one kind listed at most, below critical severity; the rest are counted in one line.
    public static let perKindLimit = 25

    /// `findings` with each non-critical kind cut to its first ``perKindLimit``, the rest counted in
    /// one finding of that kind (a wide file has thousands of alike alerts; a report lists them in proportion).
    public static func summarised(_ findings: [Finding]) -> [Finding] {
        var seen: [Finding.Kind: Int] = [:]
        var kept: [Finding] = []
        var firstOmitted: [Finding.Kind: Finding] = [:]
        for finding in findings {
            seen[finding.kind, default: 0] += 1
            if finding.severity == .critical || seen[finding.kind, default: 0] <= perKindLimit {
                kept.append(finding)
            } else if firstOmitted[finding.kind] == nil {
                firstOmitted[finding.kind] = finding
            }
        }
        for kind in Finding.Kind.allCases {
            guard let example = firstOmitted[kind], let total = seen[kind] else { continue }
            let more = total - perKindLimit
            let unit = example.column?.contains(", ") == true ? "pair" : "column"
            let at = kept.lastIndex { $0.kind == kind }.map { $0 + 1 } ?? kept.endIndex
            kept.insert(
                Finding(
                    example.severity, kind, column: nil,
                    "\(more) more \(unit)\(more == 1 ? "" : "s") with this alert, not listed (\(total) in all)"), at: at)
        }
        return kept
    }

    /// Every finding in `profile`, most severe first, then in column order.
    public static func findings(_ profile: TableProfile) -> [Finding] {
        var findings: [Finding] = []
        let targetName = profile.target?.column
        for column in profile.columns {
            findings += columnFindings(column, isTarget: column.name == targetName)
        }
        findings += tableFindings(profile)
        if let target = profile.target { findings += targetFindings(target, profile: profile) }
        let order = Dictionary(uniqueKeysWithValues: profile.columns.enumerated().map { ($1.name, $0) })
        return findings.enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            let ca = a.element.column.flatMap { order[$0] } ?? Int.max
            let cb = b.element.column.flatMap { order[$0] } ?? Int.max
            return ca != cb ? ca < cb : a.offset < b.offset
        }.map(\.element)
    }

    static func columnFindings(_ column: ColumnProfile, isTarget: Bool) -> [Finding] {
        var findings: [Finding] = []
        let name = column.name
        if column.missingCount > 0, column.missingFraction >= highMissingShare, !isTarget {
            findings.append(
                Finding(
                    .warning, .highMissing, column: name,
                    "\(column.missingCount) of \(column.count) values (\(percent(column.missingFraction))) are missing"))
        }
        if column.distinctCount <= 1 {
            let what = column.distinctCount == 0 ? "every value is missing" : "every present value is '\(column.topValues.first?.value ?? "")'"
            findings.append(Finding(.warning, .constant, column: name, what + "; it carries no information"))
        } else if column.topShare >= quasiConstantShare {
            findings.append(
                Finding(
                    .warning, .quasiConstant, column: name,
                    "'\(column.topValues.first?.value ?? "")' fills \(percent(column.topShare)) of the present values"))
        }
        if column.type == .identifier, !isTarget {
            findings.append(Finding(.warning, .identifierLike, column: name, "\(column.reason); a key names rows and predicts nothing"))
        }
        if column.type == .categorical, column.distinctCount > highCardinalityLevels, !isTarget {
            findings.append(
                Finding(.warning, .highCardinality, column: name, "\(column.distinctCount) distinct labels among \(column.presentCount) values"))
        }
        if let share = column.numericShare, share > 0, share < 1, column.type != .integer, column.type != .real {
            findings.append(
                Finding(
                    .warning, .mixedTypes, column: name,
                    "\(percent(share)) of the values are numbers and the rest text; check for typos or unit suffixes"))
        }
        if !column.inconsistentVariants.isEmpty {
            let groups = column.inconsistentVariants.prefix(3).map { $0.map { "'\($0)'" }.joined(separator: " / ") }.joined(separator: "; ")
            findings.append(Finding(.warning, .inconsistentCategories, column: name, "labels differing only in case or spaces: \(groups)"))
        }
        if let numeric = column.numeric, column.type != .identifier {
            if let skew = numeric.skewness, abs(skew) >= skewness {
                findings.append(
                    Finding(.info, .skewed, column: name, String(format: "skewness %.2f (%@ tail)", skew, skew > 0 ? "long right" : "long left")))
            }
            let zeroShareSeen = column.presentCount == 0 ? 0 : Double(numeric.zeroCount) / Double(column.presentCount)
            if zeroShareSeen >= zeroShare, column.distinctCount > 2 {
                findings.append(Finding(.info, .manyZeros, column: name, "\(numeric.zeroCount) values (\(percent(zeroShareSeen))) are exactly 0"))
            }
        }
        return findings
    }

    static func tableFindings(_ profile: TableProfile) -> [Finding] {
        var findings: [Finding] = []
        if profile.duplicates.count > 0 {
            let example =
                profile.duplicates.examples.first.map { group in
                    "; e.g. rows " + group.prefix(3).map { String($0 + 1) }.joined(separator: ", ")
                } ?? ""
            findings.append(
                Finding(
                    .warning, .duplicateRows, column: nil,
                    "\(profile.duplicates.count) rows (\(percent(Double(profile.duplicates.count) / Double(max(1, profile.rowCount))))) repeat an earlier row exactly\(example)"
                ))
        }
        let targetName = profile.target?.column
        for pair in profile.correlations.strongest(atLeast: highCorrelation) where pair.first != targetName && pair.second != targetName {
            findings.append(
                Finding(
                    .info, .highlyCorrelated, column: "\(pair.first), \(pair.second)",
                    String(format: "%@ = %.3f over %d rows; one of them may be redundant", pair.measure.title, pair.value, pair.rows)))
        }
        let features = profile.columnCount - (targetName == nil ? 0 : 1)
        let needed = max(minimumRows, rowsPerFeature * features)
        if profile.rowCount < needed {
            findings.append(
                Finding(
                    .warning, .tooFewRows, column: nil,
                    "\(profile.rowCount) rows for \(features) features (at least \(needed) advised: \(minimumRows), or \(rowsPerFeature) per feature); expect noisy scores"
                ))
        }
        return findings
    }

    static func targetFindings(_ target: TargetProfile, profile: TableProfile) -> [Finding] {
        var findings: [Finding] = []
        let name = target.column
        if target.problem.problemType == nil {
            findings.append(Finding(.critical, .unusableTarget, column: name, target.problem.reason))
        }
        if target.missingCount > 0 {
            findings.append(
                Finding(.warning, .targetMissing, column: name, "\(target.missingCount) rows have no target value; they are left out of training"))
        }
        for association in target.associations {
            guard let score = association.soloScore, score >= leakageScore else { continue }
            let measure = target.problem.problemType == .regression ? "out-of-fold R²" : "out-of-fold accuracy gain over the majority class"
            findings.append(
                Finding(
                    .critical, .targetLeakage, column: association.feature,
                    String(format: "alone it predicts '%@' with %@ %.3f; check it is known before the target is", name, measure, score)))
        }
        if target.problem.problemType?.isClassification == true, let largest = target.classes.first, let smallest = target.classes.last,
            largest.count > 0
        {
            let ratio = Double(smallest.count) / Double(largest.count)
            if ratio < imbalanceRatio {
                findings.append(
                    Finding(
                        .warning, .classImbalance, column: name,
                        "smallest class '\(smallest.value)' has \(smallest.count) rows, largest '\(largest.value)' \(largest.count) (ratio \(String(format: "%.3f", ratio)))"
                    ))
            }
            let rare = target.classes.filter { $0.count < minimumClassRows }
            if !rare.isEmpty {
                let list = rare.map { "'\($0.value)' (\($0.count))" }.joined(separator: ", ")
                findings.append(
                    Finding(
                        .warning, .tooFewRows, column: name,
                        "class\(rare.count == 1 ? "" : "es") \(list) \(rare.count == 1 ? "has" : "have") fewer than \(minimumClassRows) rows, too few to learn or to fill 5 cross-validation folds"
                    ))
            }
        }
        return findings
    }

    static func percent(_ share: Double) -> String {
        let value = share * 100
        // Never round a near-total or near-zero share to a whole that reads as "all" or "none".
        if value > 99.5, value < 100 { return String(format: "%.1f%%", min(value, 99.9)) }
        if value > 0, value < 0.1 { return "<0.1%" }
        return value >= 10 || value == 0 ? String(format: "%.0f%%", value) : String(format: "%.1f%%", value)
    }
}
