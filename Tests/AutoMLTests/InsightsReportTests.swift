import AutoML
import Foundation
import Learners
import Tabular
import TestSupport
import Testing

/// `insights.md`: the numbers of each section against hand counts, the threshold in use marked once,
/// well-formed tables and SVG that rsvg-convert renders, and a golden file.
@Suite struct InsightsReportTests {
    /// Twenty rows of a binary model: scores rising with the row, positives mostly at the top.
    static func binary() -> InsightsReport {
        let scores = (0..<20).map { 0.025 + Double($0) * 0.05 }
        let truth = (0..<20).map { Double($0 >= 12 || $0 == 5 ? 1 : 0) }
        let prediction = Prediction(classes: ["no", "yes|<b>"], probabilities: scores.flatMap { [1 - $0, $0] }, threshold: 0.6)
        let decision = ThresholdDecision(
            threshold: 0.6, positiveClass: "yes|<b>", objective: .maximize(.f1), value: 0.9, valueAtHalf: 0.8, precision: 1, recall: 0.8,
            reachesTarget: true)
        return InsightsReport(
            jobName: "toy", task: .binary, modelSummary: "Trial 1 (linear).", decision: decision,
            sources: [
                InsightsReport.Source(title: "out-of-fold predictions", slug: "oof", prediction: prediction, truth: truth, rowNumbers: Array(1...20))
            ],
            reproduction: nil)
    }

    @Test func binaryCountsAndTheThresholdInUse() throws {
        let (markdown, figures) = Self.binary().render()
        // At 0.6 rows 12…19 are labelled yes (scores 0.625…0.975): 8 true positives; row 5 is missed.
        #expect(markdown.contains("| no | 11 | 0 |"), "\(markdown)")
        #expect(markdown.contains("| yes\\|\\<b> | 1 | 8 |"))
        #expect(markdown.components(separatedBy: "◀ in use").count == 2, "the threshold in use is marked once")
        #expect(markdown.contains("| 0.6 | 1 | 0.8889 | 0.9412 | 40% | ◀ in use |"), "\(markdown)")
        for heading in [
            "### Confusion matrix", "### Per class", "### ROC and precision-recall curves", "### Calibration", "### Cumulative gain and lift",
            "### Thresholds",
        ] {
            #expect(markdown.contains(heading), "\(heading)")
        }
        #expect(MarkdownChecks.tableProblems(markdown).isEmpty, "\(MarkdownChecks.tableProblems(markdown))")
        #expect(
            Set(figures.map(\.name)) == [
                "insights-oof-roc.svg", "insights-oof-precision-recall.svg", "insights-oof-calibration.svg", "insights-oof-gain.svg",
            ])
        for (name, svg) in figures {
            #expect(MarkdownChecks.xmlError(svg) == nil, "\(name)")
            #expect(markdown.contains("(figures/\(name))"), "\(name) is linked")
        }
        if let problem = Golden.mismatch(markdown, "Tests/AutoMLTests/Golden/toy-insights.md") { Issue.record(Comment(rawValue: problem)) }
    }

    @Test func curvesHaveTheirHandComputedValues() {
        // Positives at scores 0.9 and 0.6, negatives at 0.8 and 0.3: AUC 3/4; at the top tenth
        // (one row of four, rounded up) the gain is 1/2.
        let curves = BinaryCurves(scores: [0.9, 0.8, 0.6, 0.3], positive: [true, false, true, false])
        #expect(curves.rocAUC == 0.75)
        #expect(curves.roc.first == BinaryCurves.Point(x: 0, y: 0) && curves.roc.last == BinaryCurves.Point(x: 1, y: 1))
        #expect(curves.precisionRecall.first == BinaryCurves.Point(x: 0.5, y: 1))
        #expect(curves.gain.first.map { [$0.population, $0.gain, $0.lift] } == [0.25, 0.5, 2])
        #expect(curves.gain.last.map { $0.gain == 1 && $0.population == 1 } == true)
        #expect(curves.calibration.map(\.count) == [1, 1, 1, 1] && curves.calibration.last?.observed == 1)
    }

    @Test func multiclassDrawsOneCurvePerClass() throws {
        let probabilities: [Double] = [0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.2, 0.2, 0.6, 0.5, 0.4, 0.1, 0.3, 0.3, 0.4, 0.1, 0.1, 0.8]
        let report = InsightsReport(
            jobName: "three", task: .multiclass, modelSummary: "x", decision: nil,
            sources: [
                InsightsReport.Source(
                    title: "out-of-fold predictions", slug: "oof", prediction: Prediction(classes: ["a", "b", "c"], probabilities: probabilities),
                    truth: [0, 1, 2, 1, 2, 2], rowNumbers: Array(1...6))
            ],
            reproduction: nil)
        let (markdown, figures) = report.render()
        #expect(
            markdown.contains("| a | 1 | 0 | 0 |") && markdown.contains("| b | 1 | 1 | 0 |") && markdown.contains("| c | 0 | 0 | 3 |"), "\(markdown)")
        #expect(!markdown.contains("### Thresholds") && !markdown.contains("### Cumulative gain"))
        let roc = try #require(figures.first { $0.name == "insights-oof-roc.svg" }?.svg)
        #expect(roc.components(separatedBy: "stroke-width=\"2\"").count == 4, "three class curves")
    }

    @Test func regressionSectionsCountLargeResiduals() throws {
        // 60 rows predicted within ±1, one row off by 40.
        let actual = (0..<61).map { Double($0) }
        let predicted = actual.enumerated().map { $0.offset == 30 ? $0.element + 40 : $0.element + ($0.offset % 2 == 0 ? 1 : -1) }
        let report = InsightsReport(
            jobName: "values", task: .regression, modelSummary: "x", decision: nil,
            sources: [
                InsightsReport.Source(
                    title: "the test file t.csv", slug: "test", prediction: Prediction(regression: predicted), truth: actual,
                    rowNumbers: Array(1...61))
            ],
            reproduction: nil)
        let (markdown, figures) = report.render()
        #expect(markdown.contains("1 of 61 rows (1.6%) have a standardized residual beyond ±3"), "\(markdown)")
        #expect(markdown.contains("| 31 | 30 | 70 |"), "the outlier's row, actual and prediction")
        #expect(markdown.contains("### Error by target decile") && MarkdownChecks.tableProblems(markdown).isEmpty)
        #expect(
            figures.map(\.name) == ["insights-test-predicted-vs-actual.svg", "insights-test-residuals.svg", "insights-test-residual-histogram.svg"])
        for (name, svg) in figures { #expect(MarkdownChecks.xmlError(svg) == nil, "\(name)") }
    }

    static let converter = "/usr/bin/rsvg-convert"

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: converter), "rsvg-convert (Debian: librsvg2-bin) is not installed; CI installs it"))
    func everyFigureRendersWithRsvgConvert() async throws {
        let converter = Self.converter
        let directory = try TemporaryDirectory("insights-svg")
        try Self.binary().write(to: directory.url)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path("figures"))
        #expect(names.count == 4)
        for name in names {
            let outcome = try await runProcess(converter, ["-o", directory.path("\(name).png"), directory.path("figures/\(name)")])
            #expect(outcome.status == 0, "\(name): \(outcome.standardError)")
        }
    }
}
