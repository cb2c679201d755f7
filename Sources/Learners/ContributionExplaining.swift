/// A model that can say how each feature contributed to each of its predictions.
public protocol ContributionExplaining: Predictor {
    /// SHAP values for every row of `features`.
    /// - Throws: ``LearnersError`` when the features do not match the model's, or the model
    ///   cannot be explained (a tree model file from before covers were kept).
    func contributions(_ features: FeatureMatrix, threads: Int) throws(LearnersError) -> FeatureContributions

    /// The work of explaining one row, in path steps (Σ over trees and outputs of leaves ×
    /// (depth + 2)²), for estimating how long ``contributions(_:threads:)`` takes.
    var contributionStepsPerRow: Double { get }
}
