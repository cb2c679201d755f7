/// The hyperparameters a tuner may choose, each with its domain, starting value and condition.
public struct SearchSpace: Codable, Sendable, Equatable {
    public var parameters: [Parameter]

    public init(_ parameters: [Parameter]) {
        self.parameters = parameters
    }

    /// The parameter named `name`, if any.
    public func parameter(named name: String) -> Parameter? {
        parameters.first { $0.name == name }
    }

    /// Every parameter at its starting value (conditions ignored: each estimator's space is flat).
    public var initialAssignment: Assignment {
        Assignment(Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.initial) }))
    }

    /// Checks every value of `assignment` names a parameter and lies in its domain.
    /// - Throws: ``TuningError`` naming the first bad parameter.
    public func validate(_ assignment: Assignment) throws(TuningError) {
        for name in assignment.values.keys.sorted() {
            guard let parameter = parameter(named: name) else {
                throw .unknownParameter(name: name, known: parameters.map(\.name))
            }
            if let value = assignment.values[name] { try parameter.validate(value) }
        }
    }
}
