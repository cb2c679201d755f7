import Foundation
import Learners
import Tabular

/// `exploration.md` and its figures: what a reviewer reads before trusting any model.
public struct ExplorationReport: Sendable {
    /// A rendered report: the Markdown and the SVG files it links (names relative to `figures/`).
    public struct Rendered: Sendable {
        public var markdown: String
        public var figures: [(name: String, svg: String)]
    }

    public var exploration: Exploration
    /// Association rows and strongest pairs shown (all are in `profile.json`).
    public var listLimit = 20

    public init(_ exploration: Exploration) {
        self.exploration = exploration
    }

    /// Writes `exploration.md`, `profile.json` and `figures/*.svg` into `directory` (created if
    /// needed) and returns the report's path.
    @discardableResult
    public func write(to directory: URL) throws -> URL {
        // The Markdown with its figures and the JSON are independent: built on two threads
        // (together ~0.07 s of the 1M × 50 profile, otherwise spent on one core).
        let (rendered, encoded) = ParallelLoop.both({ render() }, { Result { try exploration.json() } })
        let json = try encoded.get()
        let figures = directory.appendingPathComponent("figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        for figure in rendered.figures {
            try Data(figure.svg.utf8).write(to: figures.appendingPathComponent(figure.name))
        }
        try json.write(to: directory.appendingPathComponent("profile.json"))
        let report = directory.appendingPathComponent("exploration.md")
        try Data(rendered.markdown.utf8).write(to: report)
        return report
    }

    /// The Markdown and the figures.
    public func render() -> Rendered {
        var document = MarkdownDocument()
        var figures: [(name: String, svg: String)] = []
        let profile = exploration.profile
        document.heading(1, "Data exploration: \(exploration.source)")
        summary(&document)
        alerts(&document)
        if let rows = exploration.rows { rowSections(rows, &document) }
        if let target = profile.target { targetSection(target, &document, &figures) }
        columns(&document, &figures)
        correlations(&document, &figures)
        plans(&document)
        return Rendered(markdown: document.text, figures: figures)
    }

    private func summary(_ document: inout MarkdownDocument) {
        let profile = exploration.profile
        let typeList = profile.typeSummary
        let missingCells = profile.columns.reduce(0) { $0 + $1.missingCount }
        let cells = profile.rowCount * profile.columnCount
        let severities = Finding.Severity.allCases.reversed().compactMap { severity -> String? in
            let n = exploration.findings.filter { $0.severity == severity }.count
            return n == 0 ? nil : "\(n) \(severity.rawValue)" + (n > 1 && severity == .warning ? "s" : "")
        }
        var items = [
            "**\(profile.rowCount)** rows × **\(profile.columnCount)** columns (\(MarkdownDocument.escape(typeList))); \(NumberFormat.bytes(profile.memoryBytes)) in memory",
            "Missing cells: \(missingCells) of \(cells) (\(NumberFormat.percent(missingCells, of: cells)))",
            "Exact duplicate rows: \(profile.duplicates.count)"
                + (profile.duplicates.examples.isEmpty
                    ? ""
                    : " (e.g. rows "
                        + profile.duplicates.examples.prefix(3).map { $0.prefix(3).map { String($0 + 1) }.joined(separator: " = ") }.joined(
                            separator: "; ") + "; rows count from 1 after the header)"),
        ]
        if let target = profile.target {
            let problem = target.problem.problemType?.rawValue ?? "none"
            items.append("Target \(MarkdownDocument.code(target.column)): **\(problem)**")
        }
        items.append("Alerts: " + (severities.isEmpty ? "none" : severities.joined(separator: ", ")))
        document.heading(2, "Summary")
        document.bullets(items)
    }

    /// The most columns a row table shows (the rest are in `profile.json`).
    static let rowTableColumns = 25

    private func rowSections(_ rows: RowSamples, _ document: inout MarkdownDocument) {
        let shown = Array(rows.columns.prefix(Self.rowTableColumns))
        let more = rows.columns.count > shown.count ? " \(rows.columns.count - shown.count) more columns are in `profile.json`." : ""
        func cells(_ row: RowSamples.Row) -> [String] {
            [String(row.number)] + row.values.prefix(shown.count).map { value in value.map { SVGChart.truncated($0, 40) } ?? "(missing)" }
        }
        document.heading(2, "Sample rows")
        let target = exploration.profile.target
        let power = Dictionary(target?.associations.map { ($0.feature, $0.normalizedMutualInformation) } ?? [], uniquingKeysWith: { a, _ in a })
        let types = Dictionary(exploration.profile.columns.map { ($0.name, $0.type.rawValue) }, uniquingKeysWith: { a, _ in a })
        document.paragraph(
            "Ten rows drawn at random (rows count from 1 after the header). Beneath them, each column's type and its prediction power: "
                + "the normalized mutual information with the target, estimated out-of-fold (0 = none, 1 = determines it)." + more)
        var table = rows.sample.map(cells)
        table.append(["type"] + shown.map { types[$0] ?? "" })
        if target != nil {
            table.append(
                ["prediction power"] + shown.map { name in name == target?.column ? "(target)" : power[name].map { NumberFormat.fixed($0) } ?? "—" })
        }
        document.table(["row"] + shown, table, rightAligned: [0])
        if !rows.duplicates.isEmpty {
            document.heading(2, "Duplicate rows")
            document.paragraph(
                "Examples of rows that repeat an earlier row exactly (\(exploration.profile.duplicates.count) rows in all repeat one).")
            document.table(["row"] + shown, rows.duplicates.flatMap { $0.map(cells) }, rightAligned: [0])
        }
        document.heading(2, "Anomalous rows")
        guard !rows.anomalies.isEmpty else {
            document.paragraph("Not scored: fewer than 20 rows, or no column an isolation forest can use.")
            return
        }
        document.paragraph(
            "An isolation forest (100 trees of 256 rows; numbers as they are, labels by their share of rows, missing values at the median; "
                + "the target, identifiers and free text left out) scored \(rows.anomalyRows) rows on \(rows.anomalyColumns.count) columns. "
                + "Scores near 1 are rows that a few random cuts set apart; ordinary rows score well below 0.5. The 10 most anomalous:")
        document.table(
            ["row", "score"] + shown,
            rows.anomalies.map { row in
                var all = cells(row)
                all.insert(NumberFormat.fixed(row.score, 3), at: 1)
                return all
            }, rightAligned: [0, 1])
    }

    private func alerts(_ document: inout MarkdownDocument) {
        document.heading(2, "Alerts")
        guard !exploration.findings.isEmpty else {
            document.paragraph("No alerts.")
            return
        }
        document.table(
            ["Severity", "Column", "Alert", "Reason"],
            exploration.findings.map {
                [$0.severity.rawValue, $0.column ?? "(table)", $0.kind.title, $0.reason]
            })
    }

    private func targetSection(_ target: TargetProfile, _ document: inout MarkdownDocument, _ figures: inout [(name: String, svg: String)]) {
        document.heading(2, "Target: \(target.column)")
        let problem = target.problem.problemType?.rawValue ?? "none"
        let how = target.problem.overridden ? "" : " Override with `--problem-type binary|multiclass|regression`."
        document.paragraph("Problem type: **\(problem)**. \(MarkdownDocument.sentence(target.problem.reason)).\(how)")
        if !target.classes.isEmpty {
            let total = target.classes.reduce(0) { $0 + $1.count }
            document.table(
                ["Class", "Rows", "Share"], target.classes.map { [$0.value, "\($0.count)", NumberFormat.percent($0.count, of: total)] },
                rightAligned: [1, 2])
            let shown = Array(target.classes.prefix(30))
            figures.append(
                (
                    "target-classes.svg",
                    SVGChart.bars(
                        title: "Class balance of \(target.column)", labels: shown.map(\.value), values: shown.map { Double($0.count) },
                        valueText: shown.map { "\($0.count)" })
                ))
            document.image("Class balance", path: "figures/target-classes.svg")
        } else if let column = exploration.profile.column(named: target.column), let numeric = column.numeric {
            figures.append(
                (
                    "target-distribution.svg",
                    SVGChart.histogram(
                        title: "Distribution of \(target.column)", edges: numeric.histogram.edges, counts: numeric.histogram.counts,
                        xLabel: target.column)
                ))
            document.paragraph(
                "Distribution: mean \(NumberFormat.short(numeric.mean)), median \(NumberFormat.short(numeric.quantile(0.5))), from \(NumberFormat.short(numeric.minimum)) to \(NumberFormat.short(numeric.maximum)), skewness \(NumberFormat.fixed(numeric.skewness, 2))."
            )
            document.image("Target distribution", path: "figures/target-distribution.svg")
        }
        guard !target.associations.isEmpty else { return }
        document.heading(3, "Association with the target")
        document.paragraph(
            "Each feature alone: normalized mutual information (0 = independent, 1 = determines the target; estimated out-of-fold, so a value never seen in training adds nothing), and the out-of-fold score of predicting the target from that feature only (\(target.problem.problemType == .regression ? "R²" : "accuracy gain over always guessing the majority class, 1 = perfect")). \"Missing ↔ target\" is Cramér's V between the feature being missing and the target."
        )
        let shown = Array(target.associations.prefix(listLimit))
        document.table(
            ["Rank", "Feature", "Normalized MI", "MI (nats)", "Solo score", "Missing ↔ target"],
            shown.enumerated().map { k, a in
                [
                    "\(k + 1)", a.feature, NumberFormat.fixed(a.normalizedMutualInformation), NumberFormat.fixed(a.mutualInformation, 4),
                    NumberFormat.fixed(a.soloScore), NumberFormat.fixed(a.missingnessAssociation),
                ]
            }, rightAligned: [0, 2, 3, 4, 5])
        if target.associations.count > shown.count {
            document.paragraph("\(target.associations.count - shown.count) more in `profile.json`.")
        }
        if target.problem.problemType != .regression,
            shown.contains(where: { ($0.soloScore ?? 1) <= 0.0005 && ($0.normalizedMutualInformation ?? 0) >= 0.05 })
        {
            document.paragraph(
                "A solo score of 0 beside a clear association is not a contradiction: the feature shifts the class probabilities, "
                    + "but alone it never makes another class the most likely one, so predicting from it alone labels every row with the majority class. "
                    + "Combined with other features it can still matter.")
        }
        let charted = shown.filter { ($0.normalizedMutualInformation ?? 0) > 0 }
        if !charted.isEmpty {
            figures.append(
                (
                    "target-association.svg",
                    SVGChart.bars(
                        title: "Normalized mutual information with \(target.column)", labels: charted.map(\.feature),
                        values: charted.map { $0.normalizedMutualInformation ?? 0 },
                        valueText: charted.map { NumberFormat.fixed($0.normalizedMutualInformation) })
                ))
            document.image("Association with the target", path: "figures/target-association.svg")
        }
    }

    private func columns(_ document: inout MarkdownDocument, _ figures: inout [(name: String, svg: String)]) {
        let profile = exploration.profile
        document.heading(2, "Columns")
        document.table(
            ["Column", "Type", "Missing", "Distinct", "Why this type"],
            profile.columns.map { column in
                [
                    column.name, column.type.rawValue, "\(column.missingCount) (\(FindingRules.percent(column.missingFraction)))",
                    "\(column.distinctCount)", column.reason,
                ]
            }, rightAligned: [2, 3])
        for (index, column) in profile.columns.enumerated() {
            if column.name == profile.target?.column {
                document.heading(3, "\(column.name) (\(column.type.rawValue), the target)")
                document.paragraph("Described in the target section above.")
                continue
            }
            ColumnSection(column: column, index: index).render(&document, &figures)
        }
    }

    private func correlations(_ document: inout MarkdownDocument, _ figures: inout [(name: String, svg: String)]) {
        let correlations = exploration.profile.correlations
        document.heading(2, "Correlations")
        document.paragraph(
            "Pearson r and Spearman ρ between numeric columns, Cramér's V between label columns, and the correlation ratio η between a numeric and a label column; each over the rows where both are present. The strongest pairs:"
        )
        if let leftOut = correlations.leftOut {
            let kept = correlations.numericColumns.count + correlations.labelColumns.count
            document.paragraph(
                "This table is wide: pairs are measured among at most \(Correlations.maximumColumns) numeric and \(Correlations.maximumColumns) label columns, "
                    + "\(leftOut.choice) (\(kept) kept; \(leftOut.numeric) numeric and \(leftOut.labels) label columns left out).")
        }
        let shown = Array(correlations.pairs.prefix(listLimit))
        if shown.isEmpty {
            document.paragraph("Fewer than two comparable columns; nothing to correlate.")
        } else {
            document.table(
                ["Column", "Column", "Measure", "Value", "Rows"],
                shown.map {
                    [$0.first, $0.second, $0.measure.title, NumberFormat.fixed($0.value), "\($0.rows)"]
                }, rightAligned: [3, 4])
        }
        if correlations.numericColumns.count >= 2 {
            figures.append(
                (
                    "correlation-pearson.svg",
                    SVGChart.heatmap(title: "Pearson r", labels: correlations.numericColumns, matrix: correlations.pearson, signed: true)
                ))
            figures.append(
                (
                    "correlation-spearman.svg",
                    SVGChart.heatmap(title: "Spearman ρ", labels: correlations.numericColumns, matrix: correlations.spearman, signed: true)
                ))
            document.image("Pearson correlation heatmap", path: "figures/correlation-pearson.svg")
            document.image("Spearman correlation heatmap", path: "figures/correlation-spearman.svg")
        }
        if correlations.labelColumns.count >= 2 {
            figures.append(
                (
                    "correlation-cramers-v.svg",
                    SVGChart.heatmap(title: "Cramér's V", labels: correlations.labelColumns, matrix: correlations.cramersV, signed: false)
                ))
            document.image("Cramér's V heatmap", path: "figures/correlation-cramers-v.svg")
        }
    }

    private func plans(_ document: inout MarkdownDocument) {
        document.heading(2, "Preprocessing plans")
        document.paragraph(
            "One plan per learner family; each step is fitted on training rows only and applied unchanged at prediction time. Unseen labels and missing values at prediction time are handled by every step."
        )
        for plan in exploration.plans {
            document.heading(3, plan.family.title)
            if let reason = plan.duplicateRowsReason {
                document.paragraph("Rows: drop exact duplicates — \(MarkdownDocument.escape(reason)).")
            }
            var rows: [[String]] = []
            for column in plan.columns {
                if column.steps.isEmpty {
                    rows.append([column.column, "use as is", column.note ?? ""])
                }
                for step in column.steps { rows.append([column.column, step.step.title, step.reason]) }
                for flag in column.flags { rows.append([column.column, "flag", flag]) }
            }
            document.table(["Column", "Step", "Reason"], rows)
        }
    }
}
