import Foundation
import Learners
import Tabular
import Tuning

/// A target transform as fitted on training rows: it undoes the transform on predictions, first
/// clipping them to the transformed training targets' range. Unclipped, a linear model
/// extrapolating in log space predicted twice the largest Ames price, and exp made it worse.
public struct FittedTargetTransform: Codable, Sendable, Equatable {
    public var transform: TargetTransform
    public var lower: Double
    public var upper: Double

    /// Predictions turned back to the target's scale.
    func invert(_ prediction: Prediction) -> Prediction {
        guard transform == .log, !prediction.isClassification else { return prediction }
        return Prediction(regression: prediction.values.map { Foundation.expm1(Swift.min(upper, Swift.max(lower, $0))) })
    }
}
