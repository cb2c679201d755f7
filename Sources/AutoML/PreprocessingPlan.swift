import Learners
import Tabular

/// How to prepare a table for one learner family: per column, the steps and the reason for each.
/// Codable and versioned; ``pipeline`` is what gets fitted.
public struct PreprocessingPlan: Codable, Sendable, Equatable {
    /// One step and why it was chosen.
    public struct PlannedStep: Codable, Sendable, Equatable {
        public var step: FeatureStep
        public var reason: String
    }

    /// A feature column's steps. No steps means the column is used as it is (see `note`).
    public struct ColumnPlan: Codable, Sendable, Equatable {
        public var column: String
        public var steps: [PlannedStep]
        /// Why nothing is done, when `steps` is empty.
        public var note: String?
        /// Warnings kept with the column rather than acted on (a suspected leak is flagged, not dropped).
        public var flags: [String]

        /// Whether the column is left out of the features.
        public var isDropped: Bool { steps.contains { $0.step == .drop } }
    }

    /// The version of this layout this build writes.
    public static let currentVersion = 1

    public var version: Int
    public var family: LearnerFamily
    public var target: String?
    /// Whether exact duplicate rows are removed before fitting, and why.
    public var dropDuplicateRows: Bool
    public var duplicateRowsReason: String?
    public var columns: [ColumnPlan]

    /// The fit-able recipe: every kept column with its steps, in table order.
    public var pipeline: FeaturePipeline {
        FeaturePipeline(
            columns: columns.filter { !$0.isDropped }.map { plan in
                FeaturePipeline.ColumnRecipe(column: plan.column, steps: plan.steps.map(\.step))
            })
    }
}
