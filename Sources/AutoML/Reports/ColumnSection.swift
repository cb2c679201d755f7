import Foundation
import Tabular

/// One column's part of `exploration.md`: its statistics, top values and histogram.
struct ColumnSection {
    var column: ColumnProfile
    var index: Int

    func render(_ document: inout MarkdownDocument, _ figures: inout [(name: String, svg: String)]) {
        document.heading(3, "\(column.name) (\(column.type.rawValue))")
        document.paragraph(MarkdownDocument.sentence(column.reason) + ".")
        var rows: [[String]] = [
            ["Rows", "\(column.count)"],
            ["Missing", "\(column.missingCount) (\(FindingRules.percent(column.missingFraction)))"],
            ["Distinct", "\(column.distinctCount)"],
        ]
        if let numeric = column.numeric {
            rows += [
                ["Minimum", NumberFormat.short(numeric.minimum)],
                ["Maximum", NumberFormat.short(numeric.maximum)],
                ["Mean", NumberFormat.short(numeric.mean)],
                ["Standard deviation", NumberFormat.short(numeric.standardDeviation)],
            ]
            rows += numeric.quantiles.map { ["Quantile \(NumberFormat.short($0.level * 100))%", NumberFormat.short($0.value)] }
            rows += [
                ["Skewness", NumberFormat.fixed(numeric.skewness)],
                ["Excess kurtosis", NumberFormat.fixed(numeric.kurtosis)],
                ["Zeros", "\(numeric.zeroCount) (\(NumberFormat.percent(numeric.zeroCount, of: column.presentCount)))"],
                ["Negatives", "\(numeric.negativeCount) (\(NumberFormat.percent(numeric.negativeCount, of: column.presentCount)))"],
                ["Outliers (Tukey fences)", "\(numeric.outlierCount)"],
            ]
        }
        if let text = column.text {
            rows += [
                [
                    "Length (characters)",
                    "\(text.minimumLength) to \(text.maximumLength), mean \(NumberFormat.short(text.meanLength)), median \(NumberFormat.short(text.medianLength))",
                ],
                ["Words per value (mean)", NumberFormat.short(text.meanWords)],
                ["Vocabulary (distinct words)", "\(text.vocabularySize)"],
                ["Most common words", text.topTokens.map { "\($0.value) (\($0.count))" }.joined(separator: ", ")],
            ]
        }
        if let dates = column.dateTime {
            rows += [
                ["Earliest", dates.earliest],
                ["Latest", dates.latest],
                ["Span (days)", NumberFormat.short(dates.spanDays)],
                ["Granularity", dates.granularity.rawValue],
            ]
        }
        if let share = column.numericShare, share > 0, share < 1 {
            rows.append(["Share of values that are numbers", FindingRules.percent(share)])
        }
        document.table(["Statistic", "Value"], rows, rightAligned: [1])
        if let top = column.topValues.first, top.count > 1, column.type != .identifier {
            document.table(
                ["Top value", "Rows", "Share"],
                column.topValues.prefix(5).map {
                    [$0.value, "\($0.count)", NumberFormat.percent($0.count, of: column.presentCount)]
                }, rightAligned: [1, 2])
        }
        let name = figureName()
        if let histogram = column.numeric?.histogram, column.type != .identifier, column.distinctCount <= 12,
            histogram.edges.count > 1, histogram.edges[1] - histogram.edges[0] == 1
        {
            // A whole-number column with few values: one bar per value that occurs, not a bin per
            // number in its range.
            let present = histogram.counts.indices.filter { histogram.counts[$0] > 0 }
            figures.append(
                (
                    name,
                    SVGChart.bars(
                        title: "Rows per value of \(column.name)", labels: present.map { NumberFormat.short(histogram.edges[$0] + 0.5) },
                        values: present.map { Double(histogram.counts[$0]) }, valueText: present.map { "\(histogram.counts[$0])" })
                ))
            document.image("Rows per value of \(column.name)", path: "figures/\(name)")
        } else if let histogram = column.numeric?.histogram, column.type != .identifier {
            figures.append(
                (
                    name,
                    SVGChart.histogram(title: "Distribution of \(column.name)", edges: histogram.edges, counts: histogram.counts, xLabel: column.name)
                ))
            document.image("Histogram of \(column.name)", path: "figures/\(name)")
        } else if let dates = column.dateTime, dates.rowsPerYear.count > 1 {
            figures.append(
                (
                    name,
                    SVGChart.bars(
                        title: "Rows per year in \(column.name)", labels: dates.rowsPerYear.map(\.value),
                        values: dates.rowsPerYear.map { Double($0.count) }, valueText: dates.rowsPerYear.map { "\($0.count)" })
                ))
            document.image("Rows per year of \(column.name)", path: "figures/\(name)")
        } else if column.type == .categorical || column.type == .boolean, column.topValues.count > 1 {
            let shown = Array(column.topValues.prefix(10))
            figures.append(
                (
                    name,
                    SVGChart.bars(
                        title: "Most frequent values of \(column.name)", labels: shown.map(\.value), values: shown.map { Double($0.count) },
                        valueText: shown.map { "\($0.count)" })
                ))
            document.image("Top values of \(column.name)", path: "figures/\(name)")
        }
    }

    /// `column-03-fixed-acidity.svg`: the position keeps names unique, the slug keeps them readable.
    private func figureName() -> String {
        var slug = ""
        for character in column.name.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        slug = String(slug.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(40))
        let number = index + 1 < 10 ? "0\(index + 1)" : "\(index + 1)"
        return "column-\(number)\(slug.isEmpty ? "" : "-" + slug).svg"
    }
}
