import Learners
import Tabular
import Tuning

/// The one fitting path of a candidate, shared by trial scoring and the final refit: the plan's
/// preprocessing on a training table, then the learner on the (possibly transformed) target.
extension Candidate {
    /// Fits the plan's preprocessing on `table` with row `weights` (duplicate rows dropped when the
    /// plan says so, each kept row with its own weight) and returns it with the dataset a learner
    /// trains on.
    /// - Throws: a preprocessing or dataset error.
    func fitPreprocessing(
        _ table: Table, weights: [Double]? = nil, target: String, task: Task, classes: [String], seed: UInt64
    ) throws -> (pipeline: FeaturePipeline.Fitted, training: Dataset) {
        var training = table
        var trainingWeights = weights
        if plan.dropDuplicateRows {
            let duplicates = table.duplicateRows()
            if duplicates.count > 0 {
                training = table.selecting(rows: duplicates.firstOccurrences)
                trainingWeights = weights.map { w in duplicates.firstOccurrences.map { w[$0] } }
            }
        }
        let targetColumn = try training.column(named: target)
        let (fitted, features) = try plan.pipeline.fitTransform(training, target: EncodingTarget(targetColumn, problemType: task), seed: seed)
        let dataset = try Dataset(
            table: Table(columns: features.columns + [targetColumn]), target: target, task: task, classes: task.isClassification ? classes : nil,
            weights: trainingWeights)
        return (fitted, dataset)
    }

    /// Fits the learner with `hyperparameters` (its own names, `target_transform` included) on
    /// `training`.
    /// - Throws: `CancellationError` when the fit was cancelled (a time limit, Ctrl-C: the trial is
    ///   stopped, not failed), else the learner's error.
    func fitLearner(
        hyperparameters: Assignment, training: Dataset, seed: UInt64, threads: Int
    ) throws -> (learner: any Predictor, targetTransform: FittedTargetTransform?) {
        let (transform, own) = TargetTransform.split(hyperparameters)
        let (fittedTransform, transformed) = try transform.fit(training)
        do {
            return (try Catalog.fit(algorithm, assignment: own, training: transformed, seed: seed, threads: threads), fittedTransform)
        } catch {
            if error == .cancelled { throw CancellationError() }
            throw error
        }
    }
}
