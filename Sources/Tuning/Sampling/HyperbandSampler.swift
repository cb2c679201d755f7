/// SageMaker's `Hyperband` strategy: configurations from an inner sampler (random by default, as in
/// Hyperband; a ``BayesianSampler`` gives a BOHB-like search), cut short by the brackets of a
/// ``HyperbandStoppingRule`` driven by the intermediate values trials report.
public struct HyperbandSampler: Sampler {
    public let brackets: HyperbandStoppingRule
    public let inner: any Sampler

    public var name: String { "Hyperband" }
    public var stoppingRule: (any StoppingRule)? { brackets }

    public init(brackets: HyperbandStoppingRule, inner: any Sampler = RandomSampler()) {
        self.brackets = brackets
        self.inner = inner
    }

    public func suggest(_ context: SamplingContext) throws(TuningError) -> Assignment {
        try inner.suggest(context)
    }
}
