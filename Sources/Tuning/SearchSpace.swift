/// The hyperparameters a tuner may choose, each with its domain, starting value and condition.
///
/// A joint space over several algorithms is one space whose algorithm-specific parameters carry a
/// ``Parameter/Condition`` on the categorical parameter that picks the algorithm: a parameter exists
/// in an assignment only when its condition holds (and its parent exists).
public struct SearchSpace: Codable, Sendable, Equatable {
    public var parameters: [Parameter]

    public init(_ parameters: [Parameter]) {
        self.parameters = parameters
    }

    /// The parameter named `name`, if any.
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// Whether `parameter` exists under `assignment`: it has no condition, or its parent exists and
    /// has one of the condition's values.
    public func isActive(_ parameter: Parameter, in assignment: Assignment) -> Bool {
        guard let condition = parameter.condition else { return true }
        guard let parent = self.parameter(named: condition.parameter), isActive(parent, in: assignment),
            let value = assignment[condition.parameter]
        else { return false }
        return condition.values.contains(value.description)
    }

    /// Every active parameter at its starting value.
    public var initialAssignment: Assignment {
        var assignment = Assignment()
        for parameter in parameters where isActive(parameter, in: assignment) {
            assignment[parameter.name] = parameter.initial
        }
        return assignment
    }

    /// Checks every value of `assignment` names a parameter and lies in its domain (absent ones are
    /// allowed: estimators fall back to their defaults).
    /// - Throws: ``TuningError`` naming the first bad parameter.
    public func validate(_ assignment: Assignment) throws(TuningError) {
        for name in assignment.values.keys.sorted() {
            guard let parameter = parameter(named: name) else {
                throw .unknownParameter(name: name, known: parameters.map(\.name))
            }
            if let value = assignment.values[name] { try parameter.validate(value) }
        }
    }

    /// Checks `assignment` is one full point of the space: valid values, every active parameter
    /// present and no inactive one.
    /// - Throws: ``TuningError/missingParameter(name:)``, ``TuningError/inactiveParameter(name:condition:)``
    ///   or what ``validate(_:)`` throws.
    public func validateComplete(_ assignment: Assignment) throws(TuningError) {
        try validate(assignment)
        for parameter in parameters {
            let active = isActive(parameter, in: assignment)
            if active, assignment[parameter.name] == nil { throw .missingParameter(name: parameter.name) }
            if !active, assignment[parameter.name] != nil, let condition = parameter.condition {
                throw .inactiveParameter(
                    name: parameter.name, condition: "\(condition.parameter) in {\(condition.values.joined(separator: ", "))}")
            }
        }
    }
}
