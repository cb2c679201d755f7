import Tabular

/// Something in the data a person should know before trusting a model: an alert with its severity,
/// the column it concerns and a one-line reason.
public struct Finding: Codable, Sendable, Equatable {
    /// How much the finding matters.
    public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
        /// Worth knowing; the plan deals with it.
        case info
        /// Likely to hurt a model unless handled; read it.
        case warning
        /// Makes results untrustworthy until fixed (leakage, an unusable target).
        case critical

        private var rank: Int {
            switch self {
            case .info: 0
            case .warning: 1
            case .critical: 2
            }
        }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// What was found.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case highMissing = "high_missing"
        case constant
        case quasiConstant = "quasi_constant"
        case highCardinality = "high_cardinality"
        case identifierLike = "identifier_like"
        case duplicateRows = "duplicate_rows"
        case skewed
        case manyZeros = "many_zeros"
        case highlyCorrelated = "highly_correlated"
        case targetLeakage = "target_leakage"
        case classImbalance = "class_imbalance"
        case tooFewRows = "too_few_rows"
        case mixedTypes = "mixed_types"
        case inconsistentCategories = "inconsistent_categories"
        case targetMissing = "target_missing"
        case unusableTarget = "unusable_target"

        /// The alert's name for people.
        public var title: String {
            switch self {
            case .highMissing: "high missing"
            case .constant: "constant"
            case .quasiConstant: "quasi-constant"
            case .highCardinality: "high cardinality"
            case .identifierLike: "identifier-like"
            case .duplicateRows: "duplicate rows"
            case .skewed: "skewed"
            case .manyZeros: "many zeros"
            case .highlyCorrelated: "highly correlated"
            case .targetLeakage: "suspected target leakage"
            case .classImbalance: "class imbalance"
            case .tooFewRows: "too few rows"
            case .mixedTypes: "mixed types"
            case .inconsistentCategories: "inconsistent categories"
            case .targetMissing: "target has missing values"
            case .unusableTarget: "unusable target"
            }
        }
    }

    public var severity: Severity
    public var kind: Kind
    /// The column concerned; nil for the whole table. Pairs name both columns ("a, b").
    public var column: String?
    /// One line saying what was seen, with the numbers.
    public var reason: String

    public init(_ severity: Severity, _ kind: Kind, column: String?, _ reason: String) {
        self.severity = severity
        self.kind = kind
        self.column = column
        self.reason = reason
    }
}
