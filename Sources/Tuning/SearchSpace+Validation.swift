/// Checking that a search space is well defined, before any trial runs.
extension SearchSpace {
    /// Checks every parameter's definition: unique names; finite bounds with lower < upper
    /// (whole numbers: lower ≤ upper); a positive range for logarithmic scaling; a range inside
    /// [0, 1) for reverse-logarithmic scaling (continuous parameters only, as in SageMaker);
    /// non-empty, distinct categories; a starting value inside the domain; a condition naming an
    /// earlier categorical parameter and some of its values.
    /// - Throws: ``TuningError/invalidSpace(parameter:reason:)`` for the first problem found.
    public func validateDefinition() throws(TuningError) {
        var seen: [String: Parameter] = [:]
        for parameter in parameters {
            let name = parameter.name
            func fail(_ reason: String) -> TuningError { .invalidSpace(parameter: name, reason: reason) }
            guard !name.isEmpty else { throw fail("the name is empty; give every parameter a name") }
            guard seen[name] == nil else { throw fail("the name appears twice; give each parameter one definition") }
            switch parameter.domain {
            case .continuous(let lower, let upper, let scaling):
                guard lower.isFinite, upper.isFinite else { throw fail("the bounds must be finite numbers") }
                guard lower < upper else { throw fail("the lower bound \(lower) is not below the upper bound \(upper); swap them or fix the value") }
                try Self.checkScaling(scaling, lower: lower, upper: upper, integer: false, fail)
            case .integer(let lower, let upper, let scaling):
                guard lower <= upper else { throw fail("the lower bound \(lower) is above the upper bound \(upper); swap them") }
                try Self.checkScaling(scaling, lower: Double(lower), upper: Double(upper), integer: true, fail)
            case .categorical(let values):
                guard !values.isEmpty else { throw fail("there are no categories; list at least one value") }
                guard Set(values).count == values.count else { throw fail("a category is listed twice; list each once") }
            }
            do {
                try parameter.validate(parameter.initial)
            } catch {
                throw fail("the starting value is invalid: \(error.errorDescription ?? "\(error)")")
            }
            if let condition = parameter.condition {
                guard let parent = seen[condition.parameter] else {
                    throw fail("its condition names '\(condition.parameter)', which is not defined before it; define the parent parameter first")
                }
                guard case .categorical(let parentValues) = parent.domain else {
                    throw fail("its condition names '\(condition.parameter)', which is not categorical; conditions test a categorical parameter")
                }
                guard !condition.values.isEmpty else { throw fail("its condition lists no values of '\(condition.parameter)'") }
                if let unknown = condition.values.first(where: { !parentValues.contains($0) }) {
                    throw fail(
                        "its condition uses '\(unknown)', which '\(condition.parameter)' cannot take (\(parentValues.joined(separator: ", ")))")
                }
            }
            seen[name] = parameter
        }
    }

    private static func checkScaling(
        _ scaling: Scaling, lower: Double, upper: Double, integer: Bool, _ fail: (String) -> TuningError
    ) throws(TuningError) {
        switch scaling {
        case .logarithmic:
            guard lower > 0 else {
                throw fail("logarithmic scaling needs a positive range, but the lower bound is \(lower); use Linear or raise the bound")
            }
        case .reverseLogarithmic:
            guard !integer else { throw fail("reverse-logarithmic scaling applies to continuous parameters only; use Linear or Logarithmic") }
            guard lower >= 0, upper < 1 else {
                throw fail("reverse-logarithmic scaling needs a range inside [0, 1), got [\(lower), \(upper)]; use Linear or Logarithmic")
            }
        case .linear, .auto:
            break
        }
    }
}
