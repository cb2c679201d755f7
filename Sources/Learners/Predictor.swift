import Tuning

/// A fitted model: predicts from features named as in training, and saves as JSON.
public protocol Predictor: Codable, Sendable {
    /// The feature names, in training order.
    var featureNames: [String] { get }
    var task: Task { get }
    /// Class labels in index order (empty for regression).
    var classes: [String] { get }
    /// Predictions for every row of `features` (aligned to ``featureNames`` by name).
    /// - Throws: ``LearnersError/missingColumn(name:available:)`` for an absent feature, or a
    ///   learner-specific error (e.g. missing values where the model cannot take them).
    func predict(_ features: FeatureMatrix, threads: Int) throws(LearnersError) -> Prediction
}
