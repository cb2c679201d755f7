/// An assignment a sampler proposes, and, when it could not choose it as it meant to (a Gaussian
/// process that could not be fitted, every ranked point taken), why it drew it at random instead.
public struct Suggestion: Sendable, Equatable {
    public var assignment: Assignment
    public var fallback: String?

    public init(assignment: Assignment, fallback: String? = nil) {
        self.assignment = assignment
        self.fallback = fallback
    }
}
