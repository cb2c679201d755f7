import Foundation
import Learners
import Tabular
import Tuning

/// What one evaluation of a candidate measured.
public struct CandidateScore: Sendable {
    /// The metric on each fold (one value for a holdout).
    public var foldScores: [Double]
    public var mean: Double { foldScores.reduce(0, +) / Double(max(1, foldScores.count)) }
    public var standardDeviation: Double {
        guard foldScores.count > 1 else { return 0 }
        let m = mean
        return (foldScores.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(foldScores.count - 1)).squareRoot()
    }
    /// Other metrics (means over folds), by name.
    public var otherMetrics: [String: Double]
    /// Seconds spent fitting, over all folds.
    public var fitSeconds: Double
    /// Seconds to predict 1,000 rows.
    public var predictSecondsPer1000: Double
    /// Bytes of the first fold's fitted learner as a model file (the refit on all rows is of
    /// about this size; the preprocessing adds little).
    public var modelBytes: Int
    /// Out-of-fold predictions: row index into the training table, and that row's prediction
    /// values (class probabilities or the regression value).
    public var outOfFold: [(row: Int, values: [Double])]

    public init(
        foldScores: [Double], otherMetrics: [String: Double], fitSeconds: Double, predictSecondsPer1000: Double, modelBytes: Int,
        outOfFold: [(row: Int, values: [Double])]
    ) {
        self.foldScores = foldScores
        self.otherMetrics = otherMetrics
        self.fitSeconds = fitSeconds
        self.predictSecondsPer1000 = predictSecondsPer1000
        self.modelBytes = modelBytes
        self.outOfFold = outOfFold
    }
}
