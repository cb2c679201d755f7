import Foundation
import Learners
import Tabular

/// The saved model on a labelled test file (`automl run --test`): its metrics by name, and the
/// predictions with the truth, weights and rows the insights and explanations reports use.
struct TestScore {
    /// Every metric reported for the task, by name.
    var metrics: [String: Double]
    var prediction: Prediction
    /// Class indexes (classification) or values (regression), one per scored row.
    var truth: [Double]
    var weights: [Double]?
    /// The scored rows (target present, weight column removed).
    var table: Table

    /// Scores `artifact` on the labelled `file`, weighting by the `sampleWeight` column when the file
    /// has it (a warning through `log` when it does not, or when some weights are unusable).
    static func score(
        _ artifact: ModelArtifact, file: String, target: String, task: Task, sampleWeight: String? = nil, threads: Int,
        csv: CSVOptions = CSVOptions(), log: (String) -> Void = { _ in }
    ) throws -> TestScore {
        let read = try CSVReader(options: csv).read(file)
        var (table, _) = try TargetCheck.usableRows(read.table, target: target, file: file)
        var weights: [Double]?
        if let sampleWeight {
            if table.columnIndex(named: sampleWeight) != nil {
                let split = try SampleWeights.split(table, column: sampleWeight, target: target, file: file)
                table = split.table
                weights = split.weights.values
                if let warning = split.weights.warning(file: file) { log("warning: " + warning) }
            } else {
                log("warning: \(file) has no column '\(sampleWeight)': its rows are scored unweighted")
            }
        }
        let prediction = try artifact.predict(table, file: file, threads: threads)
        let column = try table.column(named: target)
        let truth: [Double]
        if task.isClassification {
            let classes = artifact.manifest.classes
            truth = (0..<column.count).map { row in Double(column.text(at: row).flatMap { classes.firstIndex(of: $0) } ?? -1) }
        } else {
            truth = column.numbers
        }
        var metrics: [String: Double] = [:]
        let known = task.isClassification ? truth.indices.filter { truth[$0] >= 0 } : Array(truth.indices)
        guard known.count == truth.count else {
            throw AutoMLError.schemaMismatch(file: file, reason: "its target has classes the training file did not have; they cannot be scored")
        }
        for metric in CandidateEvaluator.reportedMetrics(task) {
            metrics[metric.rawValue] = metric.evaluate(prediction, truth: truth, weights: weights)
        }
        return TestScore(metrics: metrics, prediction: prediction, truth: truth, weights: weights, table: table)
    }
}
