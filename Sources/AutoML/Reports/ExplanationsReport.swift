import Foundation
import Learners
import Tabular

/// `explanations.md`: why the saved model predicts what it does. Permutation importance of every
/// input column with its spread over repeats; TreeSHAP values of the tree members folded back to
/// the input columns (mean |SHAP| per column and a beeswarm chart); the linear members'
/// coefficients on their standardized features.
public struct ExplanationsReport: Codable, Sendable {
    public var jobName: String
    /// Where the rows came from ("the test file x.csv", "the training rows").
    public var rowsTitle: String
    public var permutation: PermutationImportance?
    public var contributions: ModelArtifact.ColumnContributions?
    /// Per explained column, each explained row's place in it (0 low … 1 high, nil: no order), for
    /// colouring the beeswarm.
    public var shades: [String: [Double?]]
    /// A linear member's coefficient on one of its features for one output.
    public struct Coefficient: Codable, Sendable {
        public var feature: String
        public var output: String
        public var value: Double

        public init(feature: String, output: String, value: Double) {
            self.feature = feature
            self.output = output
            self.value = value
        }
    }

    /// A linear member: its trial and weight, and its coefficients of largest magnitude.
    public struct LinearMember: Codable, Sendable {
        public var title: String
        public var rows: [Coefficient]

        public init(title: String, rows: [Coefficient]) {
            self.title = title
            self.rows = rows
        }
    }

    public var linearMembers: [LinearMember]
    /// Sentences on what was skipped and why.
    public var notes: [String]
    public var reproduction: Reproduction?

    public init(
        jobName: String, rowsTitle: String, permutation: PermutationImportance?, contributions: ModelArtifact.ColumnContributions?, table: Table?,
        linearMembers: [LinearMember], notes: [String], reproduction: Reproduction?
    ) {
        self.jobName = jobName
        self.rowsTitle = rowsTitle
        self.permutation = permutation
        self.contributions = contributions
        var shades: [String: [Double?]] = [:]
        if let table, let contributions {
            for name in contributions.columns { if let column = try? table.column(named: name) { shades[name] = Self.shades(column) } }
        }
        self.shades = shades
        self.linearMembers = linearMembers
        self.notes = notes
        self.reproduction = reproduction
    }

    /// The output a summary explains: the second class's probability for two classes (the first
    /// output's mirror image), every class's averaged for more, the value for regression.
    static func summaryOutputs(_ contributions: ModelArtifact.ColumnContributions) -> [Int] {
        contributions.outputs.count == 2 ? [1] : Array(contributions.outputs.indices)
    }

    /// Mean |SHAP| per column over rows (and the summary's outputs), most important first.
    public static func meanAbsolute(_ contributions: ModelArtifact.ColumnContributions) -> [(column: String, value: Double)] {
        let outputs = summaryOutputs(contributions)
        return contributions.columns.indices.map { c in
            var total = 0.0
            for row in 0..<contributions.rowCount { for k in outputs { total += abs(contributions.value(row: row, output: k, column: c)) } }
            return (contributions.columns[c], total / Double(max(1, contributions.rowCount * outputs.count)))
        }.sorted { ($0.value, $1.column) > ($1.value, $0.column) }
    }

    public func render() -> (markdown: String, figures: [(name: String, svg: String)]) {
        var document = MarkdownDocument()
        var figures: [(String, String)] = []
        document.heading(1, "Explanations: \(jobName)")
        if let reproduction { document.paragraph(reproduction.line) }
        document.paragraph(
            "Why the saved model predicts what it does, on \(MarkdownDocument.escape(rowsTitle)). Every figure is per input column: "
                + "one-hot levels, date parts, text features and missing-value indicators are added back to the column they came from.")
        if !notes.isEmpty { document.bullets(notes.map(MarkdownDocument.escape)) }

        if let permutation {
            document.heading(2, "Permutation importance")
            document.paragraph(
                "How much \(MarkdownDocument.code(permutation.metric.rawValue)) worsens when one column's values are shuffled across "
                    + "\(permutation.rows) rows (mean and standard deviation over \(permutation.repeats) shuffles; the model scores "
                    + "\(NumberFormat.short(permutation.baseline)) on them unshuffled). Near 0: the model does not need the column, or another column carries the same information."
            )
            document.table(
                ["column", "worsening (mean)", "std"],
                permutation.entries.map {
                    [$0.column, NumberFormat.short($0.mean), NumberFormat.short($0.standardDeviation)]
                }, rightAligned: [1, 2])
            let shown = Array(permutation.entries.prefix(20)).filter { $0.mean > 0 }
            if !shown.isEmpty {
                figures.append(
                    (
                        "explanations-permutation.svg",
                        SVGChart.bars(
                            title: "Permutation importance (\(permutation.metric.rawValue) worsening)", labels: shown.map(\.column),
                            values: shown.map(\.mean),
                            valueText: shown.map { "\(NumberFormat.short($0.mean)) ± \(NumberFormat.short($0.standardDeviation))" })
                    ))
                document.image("permutation importance", path: "figures/explanations-permutation.svg")
            }
        }

        if let contributions {
            document.heading(2, "TreeSHAP")
            let outputs = Self.summaryOutputs(contributions)
            let what = outputs.count == 1 ? contributions.outputs[outputs[0]] : "each class's probability (averaged over classes)"
            var text =
                "Exact SHAP values (TreeSHAP, path-dependent) of the tree members for \(MarkdownDocument.escape(what)): for every row, the expected output "
                + "plus the row's values gives the explained members' output. Expected "
                + contributions.outputs.enumerated().map {
                    "\(MarkdownDocument.escape($0.element)): \(NumberFormat.short(contributions.expected[$0.offset]))"
                }.joined(separator: ", ") + "."
            if contributions.explainedWeight < 0.999 {
                text +=
                    " The tree members carry \(NumberFormat.percent(contributions.explainedWeight)) of the model's weight; these values explain their weighted average; "
                    + MarkdownDocument.escape(contributions.leftOut.joined(separator: ", ")) + " have no TreeSHAP and are not in them."
            }
            if contributions.rescaled {
                text +=
                    " A boosted classifier's SHAP values are exact in log-odds; here they are rescaled per row to the probability, which keeps them adding up to it."
            }
            document.paragraph(text)
            let ranking = Self.meanAbsolute(contributions)
            document.table(["column", "mean |SHAP|"], ranking.map { [$0.column, NumberFormat.short($0.value)] }, rightAligned: [1])
            let top = Array(ranking.prefix(15))
            figures.append(
                (
                    "explanations-shap-bars.svg",
                    SVGChart.bars(
                        title: "Mean |SHAP| per column", labels: top.map(\.column), values: top.map(\.value),
                        valueText: top.map { NumberFormat.short($0.value) })
                ))
            document.image("mean absolute SHAP value per column", path: "figures/explanations-shap-bars.svg")
            let output = outputs[0]
            let bands = top.map { entry -> SVGChart.Band in
                let c = contributions.columns.firstIndex(of: entry.column) ?? 0
                let shades = self.shades[entry.column]
                return SVGChart.Band(
                    label: entry.column,
                    dots: (0..<contributions.rowCount).map { row in
                        (contributions.value(row: row, output: output, column: c), shades?[row])
                    })
            }
            figures.append(
                (
                    "explanations-shap-beeswarm.svg",
                    SVGChart.beeswarm(
                        title: "SHAP values per row", xLabel: "SHAP value for \(contributions.outputs[output]) (pushes the output up when positive)",
                        bands: bands)
                ))
            document.image("SHAP beeswarm", path: "figures/explanations-shap-beeswarm.svg")
        }

        for member in linearMembers {
            document.heading(2, "Coefficients: \(member.title)")
            document.paragraph(
                "The linear learner's coefficients on its features, which its preprocessing standardized (numbers) or one-hot encoded "
                    + "(labels): the change in the \(member.rows.first.map { $0.output } ?? "score") for one standard deviation, or for having the label. The largest in magnitude:"
            )
            document.table(
                ["feature", "output", "coefficient"], member.rows.map { [$0.feature, $0.output, NumberFormat.short($0.value)] }, rightAligned: [2])
        }
        return (document.text, figures)
    }

    /// The linear members of `artifact` and their 25 coefficients of largest magnitude.
    public static func linearMembers(_ artifact: ModelArtifact) -> [LinearMember] {
        var result: [LinearMember] = []
        for (info, member) in zip(artifact.manifest.memberList, artifact.members) {
            guard let model = member.learner as? LinearLearner.Model, !model.featureNames.isEmpty else { continue }
            let p = model.featureNames.count
            let outputs = model.coefficients.count / p
            var names: [String] = ["value"]
            if !model.classes.isEmpty {
                names = outputs == 1 ? ["log-odds of \(model.classes.last ?? "")"] : model.classes.map { "score of \($0)" }
            }
            var all: [Coefficient] = []
            for k in 0..<outputs {
                for j in 0..<p where model.coefficients[k * p + j] != 0 {
                    all.append(
                        Coefficient(feature: model.featureNames[j], output: names[min(k, names.count - 1)], value: model.coefficients[k * p + j]))
                }
            }
            all.sort { abs($0.value) > abs($1.value) }
            let trial = info.trial.map(String.init) ?? "?"
            result.append(LinearMember(title: "trial \(trial) (weight \(NumberFormat.short(info.weight)))", rows: Array(all.prefix(25))))
        }
        return result
    }

    /// Each row's place in its column, 0…1: the rank among the values for numbers, nil otherwise.
    static func shades(_ column: Column) -> [Double?] {
        guard column.isNumeric else { return [Double?](repeating: nil, count: column.count) }
        let numbers = column.numbers
        let sorted = numbers.filter(\.isFinite).sorted()
        guard let low = sorted.first, let high = sorted.last, high > low else { return numbers.map { $0.isFinite ? 0.5 : nil } }
        // Rank-based, so one outlier does not wash out the colours.
        return numbers.map { value in
            guard value.isFinite else { return nil }
            var lower = 0
            var upper = sorted.count
            while lower < upper {
                let middle = (lower + upper) / 2
                if sorted[middle] < value { lower = middle + 1 } else { upper = middle }
            }
            return Double(lower) / Double(max(1, sorted.count - 1))
        }
    }

    /// Writes `explanations.md` and its figures into `directory`.
    /// - Throws: a file system error.
    public func write(to directory: URL) throws {
        let (markdown, figures) = render()
        try ReportFiles.write(markdown, named: "explanations.md", figures: figures, to: directory)
    }
}
