import AutoML
import Foundation
import Tabular

/// The few lines `automl profile` prints: the table's shape, the target, the alerts that need
/// attention, and where the report is.
enum ProfileSummary {
    static func render(_ exploration: Exploration, file: String, seconds: Double, report: String) -> String {
        let profile = exploration.profile
        let types = profile.typeSummary
        var lines = [
            "\(file): \(profile.rowCount) rows × \(profile.columnCount) columns (\(types)), profiled in \(String(format: "%.2f", seconds)) s",
            "duplicate rows: \(profile.duplicates.count)",
        ]
        if let target = profile.target {
            lines.append("target '\(target.column)': \(target.problem.problemType?.rawValue ?? "none") (\(target.problem.reason))")
        }
        let serious = exploration.findings.filter { $0.severity >= .warning }
        let info = exploration.findings.count - serious.count
        lines.append("alerts: \(serious.count) to look at, \(info) for information")
        for finding in serious.prefix(12) {
            lines.append(
                "  \(finding.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(finding.column.map { "\($0): " } ?? "")\(finding.kind.title): \(finding.reason)"
            )
        }
        if serious.count > 12 { lines.append("  … \(serious.count - 12) more in the report") }
        lines.append("report: \(report)")
        return lines.joined(separator: "\n")
    }
}
