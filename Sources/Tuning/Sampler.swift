/// A search strategy: from the history and the pending trials, the next assignment to evaluate.
///
/// Samplers are stateless and deterministic: the same context gives the same assignment. Failed
/// trials are never modelled, but their assignments are not proposed again; pending ones are taken
/// into account so parallel workers do not duplicate each other.
public protocol Sampler: Sendable {
    /// The strategy's name as reports and the store show it (`Bayesian`, `Random`, ...).
    var name: String { get }
    /// The next assignment: a full point of `context.space` (see ``SearchSpace/validateComplete(_:)``).
    /// - Throws: ``TuningError/searchSpaceExhausted(points:)`` when a finite space has no new point.
    func suggest(_ context: SamplingContext) throws(TuningError) -> Assignment
    /// ``suggest(_:)`` with how the assignment was chosen (Study records a fallback with the trial).
    func suggestion(_ context: SamplingContext) throws(TuningError) -> Suggestion
    /// The early-stopping rule the strategy brings (Hyperband's brackets), if any.
    var stoppingRule: (any StoppingRule)? { get }
}

extension Sampler {
    public var stoppingRule: (any StoppingRule)? { nil }

    /// The next assignment and how it was chosen; samplers that can fall back override it.
    public func suggestion(_ context: SamplingContext) throws(TuningError) -> Suggestion {
        Suggestion(assignment: try suggest(context))
    }
}
