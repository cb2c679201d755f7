/// What kind of prediction a target asks for.
public enum ProblemType: String, Codable, Sendable, CaseIterable {
    /// Two classes.
    case binary
    /// Three or more classes.
    case multiclass
    /// A number.
    case regression

    /// Whether the target is a class label.
    public var isClassification: Bool { self != .regression }
}
