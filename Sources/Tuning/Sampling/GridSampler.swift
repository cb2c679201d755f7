/// Every combination of a grid over the space, in order, each once (SageMaker's `Grid` strategy).
///
/// Categorical parameters take all their values; a whole-number parameter takes all its values when
/// it has at most `resolution` of them, otherwise `resolution` values evenly spread in its scaling;
/// a continuous parameter takes `resolution` evenly spread values (ends included). Conditional
/// parameters enter the grid only under their condition. The next suggestion is the first grid point
/// no trial (of any status) has used.
public struct GridSampler: Sampler {
    public var resolution: Int

    public var name: String { "Grid" }

    /// - Precondition: `resolution ≥ 2`.
    public init(resolution: Int = 5) {
        precondition(resolution >= 2, "a grid needs at least 2 values per numeric parameter")
        self.resolution = resolution
    }

    public func suggest(_ context: SamplingContext) throws(TuningError) -> Assignment {
        let taken = Set(context.trials.map(\.assignment))
        let values = context.space.parameters.map(gridValues)
        var visited = 0
        var found: Assignment?
        func walk(_ index: Int, _ partial: Assignment) -> Bool {
            if index == context.space.parameters.count {
                visited += 1
                if !taken.contains(partial) {
                    found = partial
                    return true
                }
                return false
            }
            let parameter = context.space.parameters[index]
            guard context.space.isActive(parameter, in: partial) else { return walk(index + 1, partial) }
            for value in values[index] {
                var next = partial
                next[parameter.name] = value
                if walk(index + 1, next) { return true }
            }
            return false
        }
        if walk(0, Assignment()), let found { return found }
        throw .searchSpaceExhausted(points: visited)
    }

    /// The grid values of one parameter, in increasing order.
    public func gridValues(_ parameter: Parameter) -> [ParameterValue] {
        switch parameter.domain {
        case .categorical(let labels):
            return labels.map { .label($0) }
        case .integer(let lower, let upper, _) where upper - lower + 1 <= resolution:
            return (lower...upper).map { .integer($0) }
        case .integer, .continuous:
            var seen = Set<ParameterValue>()
            var result: [ParameterValue] = []
            for k in 0..<resolution {
                let value = valueAt(parameter, Double(k) / Double(resolution - 1))
                if seen.insert(value).inserted { result.append(value) }
            }
            return result
        }
    }

    /// The value at fraction `u` of the range in the parameter's scaling (ends exact; whole numbers
    /// spread over `lower...upper` itself, not the widened interval the unit cube gives them).
    private func valueAt(_ parameter: Parameter, _ u: Double) -> ParameterValue {
        guard let scaling = parameter.effectiveScaling else { return parameter.initial }
        switch parameter.domain {
        case .continuous:
            return parameter.value(atUnit: u)
        case .integer(let lower, let upper, _):
            let low = Parameter.warp(Double(lower), scaling)
            let high = Parameter.warp(Double(upper), scaling)
            let x = Parameter.unwarp(low + u * (high - low), scaling)
            return .integer(min(upper, max(lower, Int(x.rounded()))))
        case .categorical:
            return parameter.initial
        }
    }
}
