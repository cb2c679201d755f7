import Foundation
import Learners

/// `insights.md` of an AutoML job: how the saved model succeeds and fails, from its out-of-fold
/// predictions (and from the `--test` file when given). Classification: confusion matrix,
/// per-class precision, recall and F1, ROC and precision-recall curves with their areas, a
/// reliability chart, cumulative gain and lift, and for binary tasks a threshold table with the
/// threshold in use marked. Regression: predicted against actual, residuals against predicted, the
/// residual histogram, error by target decile, and standardized residuals beyond 3.
public struct InsightsReport: Codable, Sendable {
    /// Predictions of the saved model on rows whose truth is known.
    public struct Source: Codable, Sendable {
        /// "out-of-fold predictions", "the test file `x.csv`".
        public var title: String
        /// A short name for figure files: `oof`, `test`.
        public var slug: String
        /// Labelled at the model's decision threshold when it has one.
        public var prediction: Prediction
        /// Class indices or values.
        public var truth: [Double]
        /// The 1-based row of each prediction in its file's rows that have a target.
        public var rowNumbers: [Int]
        /// The rows' sample weights (nil: unweighted): the confusion matrix, per-class scores and
        /// headline metrics sum weights; curves and tables of rows count rows.
        public var weights: [Double]?

        public init(title: String, slug: String, prediction: Prediction, truth: [Double], rowNumbers: [Int], weights: [Double]? = nil) {
            self.title = title
            self.slug = slug
            self.prediction = prediction
            self.truth = truth
            self.rowNumbers = rowNumbers
            self.weights = weights
        }
    }

    public var jobName: String
    public var task: Task
    public var modelSummary: String
    public var decision: ThresholdDecision?
    public var sources: [Source]
    public var reproduction: Reproduction?

    public init(jobName: String, task: Task, modelSummary: String, decision: ThresholdDecision?, sources: [Source], reproduction: Reproduction?) {
        self.jobName = jobName
        self.task = task
        self.modelSummary = modelSummary
        self.decision = decision
        self.sources = sources
        self.reproduction = reproduction
    }

    /// The Markdown and its figures (file names under `figures/`, SVG text).
    public func render() -> (markdown: String, figures: [(name: String, svg: String)]) {
        var document = MarkdownDocument()
        var figures: [(String, String)] = []
        document.heading(1, "Model insights: \(jobName)")
        if let reproduction { document.paragraph(reproduction.line) }
        document.paragraph("The saved model: " + MarkdownDocument.escape(modelSummary))
        if let decision { document.paragraph(MarkdownDocument.escape(decision.summary)) }
        document.paragraph(
            "Out-of-fold predictions come from pipelines fitted without the rows they predict; they are the model's members as "
                + "cross-validation (or the holdout) scored them, combined with the saved weights, and are the nearest thing to new data the "
                + "training file offers. The test file, when given, was never seen by the search.")
        for source in sources {
            document.heading(2, "On \(source.title) (\(source.prediction.rowCount) rows)")
            if task.isClassification {
                classification(source, into: &document, figures: &figures)
            } else {
                regression(source, into: &document, figures: &figures)
            }
        }
        return (document.text, figures)
    }

    /// Writes `insights.md` and its figures into `directory`.
    /// - Throws: a file system error.
    public func write(to directory: URL) throws {
        let (markdown, figures) = render()
        try ReportFiles.write(markdown, named: "insights.md", figures: figures, to: directory)
    }

    func classification(_ source: Source, into document: inout MarkdownDocument, figures: inout [(String, String)]) {
        let prediction = source.prediction
        let classes = prediction.classes
        let truth = source.truth.map { Int($0) }
        let labels = prediction.classIndices
        let weights = source.weights
        let matrix = ClassificationMetrics.weightedConfusionMatrix(truth: truth, predicted: labels, classes: classes.count, weights: weights)
        document.heading(3, "Confusion matrix")
        document.paragraph(
            "Rows: the true class; columns: the predicted class" + (decision != nil ? " (at the decision threshold)" : " (the most probable class)")
                + (weights != nil
                    ? "; cells are sums of sample weights, and so are the supports and scores below; the curves and charts count rows." : "."))
        document.table(
            ["true ↓ predicted →"] + classes, classes.indices.map { t in [classes[t]] + matrix[t].map(NumberFormat.short) },
            rightAligned: Set(1...classes.count))

        document.heading(3, "Per class")
        let rows = classes.indices.map { k -> [String] in
            let tp = matrix[k][k]
            let predicted = classes.indices.reduce(0) { $0 + matrix[$1][k] }
            let support = matrix[k].reduce(0, +)
            let precision = predicted > 0 ? tp / predicted : 0
            let recall = support > 0 ? tp / support : 0
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            let auc = RankingMetrics.rocAUC(positive: truth.map { $0 == k }, scores: prediction.probabilities(ofClass: k), weights: weights)
            return [
                classes[k], NumberFormat.short(precision), NumberFormat.short(recall), NumberFormat.short(f1), NumberFormat.short(support),
                auc.isNaN ? "–" : NumberFormat.short(auc),
            ]
        }
        document.table(["class", "precision", "recall", "F1", "support", "ROC AUC (one vs rest)"], rows, rightAligned: [1, 2, 3, 4, 5])
        document.paragraph(
            "Accuracy \(NumberFormat.short(ClassificationMetrics.accuracy(truth: truth, predicted: labels, weights: weights))), "
                + "balanced accuracy \(NumberFormat.short(ClassificationMetrics.balancedAccuracy(truth: truth, predicted: labels, classes: classes.count, weights: weights))), "
                + "log loss \(NumberFormat.short(ClassificationMetrics.logLoss(truth: truth, probabilities: prediction, weights: weights))).")

        // Curves: the positive class for a binary task, each class against the rest otherwise.
        let curveClasses = classes.count == 2 ? [1] : Array(classes.indices.prefix(SVGChart.palette.count))
        let curves = curveClasses.map { k in (k, BinaryCurves(scores: prediction.probabilities(ofClass: k), positive: truth.map { $0 == k })) }
        let unit = (xLow: 0.0, xHigh: 1.0, yLow: 0.0, yHigh: 1.0)
        let rocName = "insights-\(source.slug)-roc.svg"
        let prName = "insights-\(source.slug)-precision-recall.svg"
        figures.append(
            (
                rocName,
                SVGChart.lines(
                    title: "ROC curve, \(source.title)", xLabel: "false-positive rate", yLabel: "true-positive rate (recall)",
                    series: curves.map {
                        SVGChart.Series(name: "\(classes[$0.0]) (AUC \(NumberFormat.short($0.1.rocAUC)))", points: $0.1.roc.map { ($0.x, $0.y) })
                    },
                    bounds: unit, reference: [(0, 0), (1, 1)])
            ))
        figures.append(
            (
                prName,
                SVGChart.lines(
                    title: "Precision-recall curve, \(source.title)", xLabel: "recall", yLabel: "precision",
                    series: curves.map {
                        SVGChart.Series(
                            name: "\(classes[$0.0]) (average precision \(NumberFormat.short($0.1.averagePrecision)))",
                            points: $0.1.precisionRecall.map { ($0.x, $0.y) })
                    },
                    bounds: unit)
            ))
        document.heading(3, "ROC and precision-recall curves")
        document.paragraph(
            classes.count == 2
                ? "For class \(MarkdownDocument.code(classes[1])) against \(MarkdownDocument.code(classes[0])); the dashed diagonal is a model that guesses."
                : "Each class against the rest; the dashed diagonal is a model that guesses.")
        document.image("ROC curve", path: "figures/\(rocName)")
        document.image("precision-recall curve", path: "figures/\(prName)")

        // Reliability: the positive class's probability, or the most probable class's for several.
        let reliability: BinaryCurves
        let reliabilityText: String
        if classes.count == 2 {
            reliability = curves[0].1
            reliabilityText = "predicted probability of \(classes[1])"
        } else {
            let top = (0..<prediction.rowCount).map { i in classes.indices.map { prediction.probability(row: i, class: $0) }.max() ?? 0 }
            reliability = BinaryCurves(
                scores: top,
                positive: zip(truth, prediction.classIndices.indices).map { t, i in
                    let row = (0..<classes.count).map { prediction.probability(row: i, class: $0) }
                    return row.indices.max { row[$0] < row[$1] } == t
                })
            reliabilityText = "probability of the most probable class"
        }
        let calibrationName = "insights-\(source.slug)-calibration.svg"
        figures.append(
            (
                calibrationName,
                SVGChart.lines(
                    title: "Reliability, \(source.title)", xLabel: reliabilityText,
                    yLabel: classes.count == 2 ? "observed share of \(classes[1])" : "observed share correct",
                    series: [
                        SVGChart.Series(
                            name: "bins of 0.1 (mean predicted, observed)", points: reliability.calibration.map { ($0.meanPredicted, $0.observed) },
                            dots: true)
                    ],
                    bounds: unit, reference: [(0, 0), (1, 1)])
            ))
        document.heading(3, "Calibration")
        document.paragraph("Rows binned by the \(MarkdownDocument.escape(reliabilityText)); a calibrated model's points lie on the dashed diagonal.")
        document.image("reliability chart", path: "figures/\(calibrationName)")
        document.table(
            ["bin", "rows", "mean predicted", "observed"],
            reliability.calibration.map {
                [
                    "\(NumberFormat.short($0.lower))–\(NumberFormat.short($0.upper))", String($0.count), NumberFormat.short($0.meanPredicted),
                    NumberFormat.short($0.observed),
                ]
            }, rightAligned: [1, 2, 3])

        guard classes.count == 2 else { return }
        let gain = curves[0].1.gain
        let gainName = "insights-\(source.slug)-gain.svg"
        figures.append(
            (
                gainName,
                SVGChart.lines(
                    title: "Cumulative gain, \(source.title)", xLabel: "share of rows, highest scores first", yLabel: "share of \(classes[1]) found",
                    series: [SVGChart.Series(name: "model", points: [(0, 0)] + gain.map { ($0.population, $0.gain) }, dots: true)],
                    bounds: unit, reference: [(0, 0), (1, 1)])
            ))
        document.heading(3, "Cumulative gain and lift")
        document.image("cumulative gain chart", path: "figures/\(gainName)")
        document.table(
            ["top share of rows", "share of \(classes[1]) found", "lift"],
            gain.map {
                [NumberFormat.percent($0.population), NumberFormat.percent($0.gain), NumberFormat.short($0.lift)]
            }, rightAligned: [0, 1, 2])

        document.heading(3, "Thresholds")
        let scores = prediction.probabilities(ofClass: 1)
        let positive = truth.map { $0 == 1 }
        var thresholds = stride(from: 0.05, through: 0.951, by: 0.05).map { ($0 * 100).rounded() / 100 }
        if let decision { thresholds.append(decision.threshold) }
        thresholds = Array(Set(thresholds)).sorted()
        document.paragraph(
            "A row is labelled \(MarkdownDocument.code(classes[1])) when its probability reaches the threshold."
                + (decision.map { " The threshold in use, \(NumberFormat.short($0.threshold)), is marked." }
                    ?? " The model labels the most probable class (0.5)."))
        document.table(
            ["threshold", "precision", "recall", "F1", "labelled \(classes[1])", "in use"],
            thresholds.map { threshold in
                let counts = ConfusionCounts(scores: scores, positive: positive, threshold: threshold)
                let inUse = decision.map { $0.threshold == threshold } ?? (threshold == 0.5)
                return [
                    NumberFormat.short(threshold), NumberFormat.short(counts.precision), NumberFormat.short(counts.recall),
                    NumberFormat.short(counts.f1),
                    NumberFormat.percent((counts.truePositives + counts.falsePositives) / max(1, counts.total)), inUse ? "◀ in use" : "",
                ]
            }, rightAligned: [0, 1, 2, 3, 4])
    }
}
