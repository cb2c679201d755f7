import Foundation
import Learners

extension InsightsReport {
    /// The most points a scatter chart draws (every k-th row beyond it), to keep figures small.
    static let scatterPoints = 1_500

    func regression(_ source: Source, into document: inout MarkdownDocument, figures: inout [(String, String)]) {
        let predicted = source.prediction.values
        let actual = source.truth
        let rows = actual.indices.filter { actual[$0].isFinite && predicted[$0].isFinite }
        guard !rows.isEmpty else {
            document.paragraph("No row has both a finite prediction and a finite target.")
            return
        }
        let residuals = rows.map { actual[$0] - predicted[$0] }
        let n = Double(rows.count)
        let bias = residuals.reduce(0, +) / n
        let sd = (residuals.reduce(0) { $0 + ($1 - bias) * ($1 - bias) } / max(1, n - 1)).squareRoot()
        let truth = rows.map { actual[$0] }
        let values = rows.map { predicted[$0] }
        let weights = source.weights.map { w in rows.map { w[$0] } }
        document.paragraph(
            "RMSE \(NumberFormat.short(RegressionMetrics.rmse(truth: truth, predicted: values, weights: weights))), "
                + "MAE \(NumberFormat.short(RegressionMetrics.mae(truth: truth, predicted: values, weights: weights))), "
                + "mean residual (actual − predicted) \(NumberFormat.short(bias)), "
                + "R² \(NumberFormat.short(RegressionMetrics.r2(truth: truth, predicted: values, weights: weights)))"
                + (weights != nil ? " (RMSE, MAE and R² weighted by the sample weights; the charts count rows)." : "."))

        let step = max(1, rows.count / Self.scatterPoints)
        let sample = stride(from: 0, to: rows.count, by: step).map { rows[$0] }
        let low = min(rows.map { actual[$0] }.min() ?? 0, rows.map { predicted[$0] }.min() ?? 0)
        let high = max(rows.map { actual[$0] }.max() ?? 1, rows.map { predicted[$0] }.max() ?? 1)
        let sampled = step > 1 ? " (every \(step)th row of \(rows.count))" : ""
        let actualName = "insights-\(source.slug)-predicted-vs-actual.svg"
        let residualName = "insights-\(source.slug)-residuals.svg"
        figures.append(
            (
                actualName,
                SVGChart.scatter(
                    title: "Predicted against actual, \(source.title)\(sampled)", xLabel: "actual", yLabel: "predicted",
                    points: sample.map {
                        SVGChart.Point(
                            x: actual[$0], y: predicted[$0],
                            tooltip:
                                "row \(source.rowNumbers[$0]): actual \(NumberFormat.short(actual[$0])), predicted \(NumberFormat.short(predicted[$0]))"
                        )
                    },
                    reference: [(low, low), (high, high)])
            ))
        let predictedLow = sample.map { predicted[$0] }.min() ?? 0
        let predictedHigh = sample.map { predicted[$0] }.max() ?? 1
        figures.append(
            (
                residualName,
                SVGChart.scatter(
                    title: "Residuals against predicted, \(source.title)\(sampled)", xLabel: "predicted", yLabel: "residual (actual − predicted)",
                    points: sample.map {
                        SVGChart.Point(
                            x: predicted[$0], y: actual[$0] - predicted[$0],
                            tooltip: "row \(source.rowNumbers[$0]): residual \(NumberFormat.short(actual[$0] - predicted[$0]))")
                    },
                    reference: [(predictedLow, 0), (predictedHigh, 0)])
            ))
        document.heading(3, "Predicted against actual")
        document.paragraph("Points on the dashed diagonal are predicted exactly; a fan shape or a bend shows where the model is unsure or biased.")
        document.image("predicted against actual", path: "figures/\(actualName)")
        document.heading(3, "Residuals against predicted")
        document.image("residuals against predicted", path: "figures/\(residualName)")

        let histogramName = "insights-\(source.slug)-residual-histogram.svg"
        let (edges, counts) = Self.bins(residuals, count: 30)
        figures.append(
            (
                histogramName,
                SVGChart.histogram(
                    title: "Residuals (actual − predicted), \(source.title)", edges: edges, counts: counts, xLabel: "residual (actual − predicted)")
            ))
        document.heading(3, "Residual histogram")
        document.image("residual histogram", path: "figures/\(histogramName)")

        document.heading(3, "Error by target decile")
        let order = rows.sorted { actual[$0] < actual[$1] }
        var deciles: [[String]] = []
        for decile in 0..<10 {
            let part = Array(order[(order.count * decile / 10)..<(order.count * (decile + 1) / 10)])
            guard let first = part.first, let last = part.last else { continue }
            let errors = part.map { actual[$0] - predicted[$0] }
            let m = Double(errors.count)
            deciles.append([
                "\(decile + 1)", "\(NumberFormat.short(actual[first]))–\(NumberFormat.short(actual[last]))", String(part.count),
                NumberFormat.short(errors.reduce(0) { $0 + abs($1) } / m), NumberFormat.short((errors.reduce(0) { $0 + $1 * $1 } / m).squareRoot()),
                NumberFormat.short(errors.reduce(0, +) / m),
            ])
        }
        document.paragraph(
            "Rows sorted by their actual target and cut in tenths; a mean residual far from 0 in the outer deciles means the model pulls extremes toward the middle."
        )
        document.table(["decile", "actual range", "rows", "MAE", "RMSE", "mean residual"], deciles, rightAligned: [0, 2, 3, 4, 5])

        document.heading(3, "Large residuals")
        let standardized = rows.map { sd > 0 ? (actual[$0] - predicted[$0] - bias) / sd : 0 }
        let large = rows.indices.filter { abs(standardized[$0]) > 3 }.sorted { abs(standardized[$0]) > abs(standardized[$1]) }
        document.paragraph(
            "\(large.count) of \(rows.count) rows (\(NumberFormat.percent(Double(large.count) / n))) have a standardized residual beyond ±3 "
                + "(about 0.3% would under a normal distribution)" + (large.isEmpty ? "." : "; the largest:"))
        if !large.isEmpty {
            document.table(
                ["row", "actual", "predicted", "standardized residual"],
                large.prefix(10).map { index in
                    let row = rows[index]
                    return [
                        String(source.rowNumbers[row]), NumberFormat.short(actual[row]), NumberFormat.short(predicted[row]),
                        NumberFormat.short(standardized[index]),
                    ]
                }, rightAligned: [0, 1, 2, 3])
        }
    }

    /// `count` equal-width bins over the values' range.
    static func bins(_ values: [Double], count: Int) -> (edges: [Double], counts: [Int]) {
        let low = values.min() ?? 0
        let high = values.max() ?? 1
        let width = high > low ? (high - low) / Double(count) : 1
        let edges = (0...count).map { low + Double($0) * width }
        var counts = [Int](repeating: 0, count: count)
        for value in values { counts[min(count - 1, max(0, Int((value - low) / width)))] += 1 }
        return (edges, counts)
    }
}
