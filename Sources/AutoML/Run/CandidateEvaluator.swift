import Foundation
import Learners
import Tabular
import Tuning

/// Scores candidates on the training table by the evaluation protocol. The preprocessing of each
/// fold is fitted once per plan (it does not depend on hyperparameters) and reused by every trial.
public final class CandidateEvaluator: @unchecked Sendable {
    public let table: Table
    public let target: String
    public let task: Task
    public let classes: [String]
    public let metric: Metric
    /// For a binary task ranked by a label metric: what each pipeline's decision threshold is chosen
    /// for (nil: the most probable class).
    public let objective: ThresholdObjective?
    public let evaluation: EvaluationProtocol
    public let folds: [RowPartition.Fold]
    public let seed: UInt64
    /// Row weights of ``table`` (nil: all ones): in every fit, metric and threshold choice.
    public let weights: [Double]?

    // Prepared folds per plan family, computed once under the lock.
    private let lock = NSLock()
    private var prepared: [LearnerFamily: [(training: Dataset, validation: Dataset, rows: [Int])]] = [:]

    /// - Throws: ``TabularError`` when the folds cannot be made (too few rows per class).
    public init(
        table: Table, target: String, task: Task, metric: Metric, objective: ThresholdObjective? = nil, evaluation: EvaluationProtocol, seed: UInt64,
        weights: [Double]? = nil
    ) throws {
        self.table = table
        self.weights = weights
        self.target = target
        self.task = task
        self.metric = metric
        self.objective = task == .binary ? objective : nil
        self.evaluation = evaluation
        self.seed = seed
        let targetColumn = try table.column(named: target)
        classes = task.isClassification ? Set((0..<targetColumn.count).compactMap { targetColumn.text(at: $0) }).sorted() : []
        let strata = task.isClassification ? targetColumn.strata() : nil
        switch evaluation {
        case .crossValidation(let k):
            folds =
                try strata.map { try RowPartition.stratifiedKFold(strata: $0, k: k, seed: seed) }
                ?? RowPartition.kFold(count: table.rowCount, k: k, seed: seed)
        case .holdout(let fraction):
            let fold = try RowPartition.holdout(count: table.rowCount, testFraction: fraction, seed: seed, strata: strata)
            folds = [Self.capped(fold, seed: seed)]
        }
    }

    /// The most training and validation rows a trial of the search fits and scores on: beyond them,
    /// a seeded random sample (rows in file order). On 800,000 rows a default boosted-tree trial
    /// took longer than a quarter of a 60 s search; on 100,000 it takes a few seconds, and the
    /// saved model is still refitted on every row.
    public static let searchTrainingRows = 100_000
    public static let searchValidationRows = 50_000

    /// `fold` with at most ``searchTrainingRows`` and ``searchValidationRows`` rows.
    static func capped(_ fold: RowPartition.Fold, seed: UInt64) -> RowPartition.Fold {
        func sample(_ rows: [Int], _ limit: Int, _ stream: UInt64) -> [Int] {
            guard rows.count > limit else { return rows }
            var generator = SeededGenerator(seed: SeedMixer.mix(seed, stream))
            return Array(rows.shuffled(using: &generator).prefix(limit)).sorted()
        }
        return RowPartition.Fold(training: sample(fold.training, searchTrainingRows, 1), validation: sample(fold.validation, searchValidationRows, 2))
    }

    /// How many times the rows of one fold's fit all the rows are: what scales a trial's fit time to
    /// the final refit on all rows (1.25 for 5-fold cross-validation or a 20% holdout; more when the
    /// search fits a sample).
    public var refitScale: Double {
        Double(table.rowCount) / Double(max(1, folds.first?.training.count ?? table.rowCount))
    }

    /// The folds' training and validation datasets for `candidate`'s plan, prepared on first use of
    /// its family (the preprocessing does not depend on hyperparameters).
    func preparedFolds(_ candidate: Candidate) throws -> [(training: Dataset, validation: Dataset, rows: [Int])] {
        lock.lock()
        defer { lock.unlock() }
        if let ready = prepared[candidate.plan.family] { return ready }
        var result: [(Dataset, Dataset, [Int])] = []
        for fold in folds {
            let (fitted, training) = try candidate.fitPreprocessing(
                table.selecting(rows: fold.training), weights: self.weights(rows: fold.training), target: target, task: task, classes: classes,
                seed: seed)
            let validationTable = table.selecting(rows: fold.validation)
            let validation = try Dataset(
                table: Table(columns: try fitted.transform(validationTable).columns + [validationTable.column(named: target)]), target: target,
                task: task, classes: task.isClassification ? classes : nil, weights: self.weights(rows: fold.validation))
            result.append((training, validation, fold.validation))
        }
        prepared[candidate.plan.family] = result
        return result
    }

    /// Scores `candidate` with `hyperparameters` (its own names). With a threshold ``objective``,
    /// each fold's labels come from the threshold chosen on the other folds' out-of-fold
    /// predictions (``ThresholdSearch/crossFitted(groups:scores:positive:weights:objective:)``), so
    /// the choice of threshold never sees the rows it is scored on.
    /// - Throws: a learner's or preprocessing error (the trial then fails with its message).
    public func score(_ candidate: Candidate, hyperparameters: Assignment, seed: UInt64, threads: Int) throws -> CandidateScore {
        let folds = try preparedFolds(candidate)
        var fitSeconds = 0.0
        var predictSeconds = 0.0
        var predicted = 0
        var modelBytes = 0
        var outOfFold: [(Int, [Double])] = []
        var foldPredictions: [DecidedFolds.Part] = []
        for (index, fold) in folds.enumerated() {
            try CancellationToken.checkCancellation()
            let started = Date()
            let (model, fittedTransform) = try candidate.fitLearner(
                hyperparameters: hyperparameters, training: fold.training, seed: SeedMixer.mix(seed, UInt64(index)), threads: threads)
            fitSeconds += Date().timeIntervalSince(started)
            if index == 0 { modelBytes = (try? ModelFile.encode(model, algorithm: candidate.algorithm).count) ?? 0 }
            let predictStarted = Date()
            let prediction = fittedTransform.invert(try model.predict(fold.validation.features, threads: threads))
            predictSeconds += Date().timeIntervalSince(predictStarted)
            predicted += fold.validation.rowCount
            foldPredictions.append((prediction, fold.validation.target, fold.validation.weights))
            let width = max(1, prediction.classes.count)
            for (position, row) in fold.rows.enumerated() {
                outOfFold.append((row, Array(prediction.values[(position * width)..<((position + 1) * width)])))
            }
        }
        let extra = Self.reportedMetrics(task).filter { $0 != metric }
        var scores: [Double] = []
        var others: [String: Double] = [:]
        for (index, parts) in DecidedFolds.label(foldPredictions, objective: objective).enumerated() {
            let value = parts.map { metric.evaluate($0.prediction, truth: $0.truth, weights: $0.weights) }.reduce(0, +) / Double(parts.count)
            guard value.isFinite else { throw InternalFault("\(candidate.algorithm) scored \(metric.rawValue) = \(value) on fold \(index + 1)") }
            scores.append(value)
            for other in extra {
                let otherValue = parts.map { other.evaluate($0.prediction, truth: $0.truth, weights: $0.weights) }.reduce(0, +) / Double(parts.count)
                others[other.rawValue, default: 0] += otherValue / Double(folds.count)
            }
        }
        return CandidateScore(
            foldScores: scores, otherMetrics: others, fitSeconds: fitSeconds,
            predictSecondsPer1000: predicted > 0 ? predictSeconds * 1000 / Double(predicted) : 0, modelBytes: modelBytes,
            outOfFold: outOfFold)
    }

    /// The target of `rows` of the training table: class indices (in ``classes`` order) or values.
    public func truth(rows: [Int]) -> [Double] {
        guard let column = try? table.column(named: target) else { return [] }
        if task.isClassification {
            let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, Double($0)) })
            return rows.map { column.text(at: $0).flatMap { index[$0] } ?? -1 }
        }
        let numbers = column.numbers
        return rows.map { numbers[$0] }
    }

    /// The weights of `rows` of the training table (nil without weights).
    public func weights(rows: [Int]) -> [Double]? {
        weights.map { w in rows.map { w[$0] } }
    }

    /// The metrics a leaderboard shows for `task`.
    public static func reportedMetrics(_ task: Task) -> [Metric] {
        switch task {
        case .binary: [.auc, .accuracy, .f1, .logLoss]
        case .multiclass: [.accuracy, .balancedAccuracy, .f1, .logLoss]
        case .regression: [.rmse, .mae, .r2]
        }
    }
}
