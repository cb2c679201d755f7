/// One hyperparameter of a search space: its name, its domain and, for a joint space over several
/// algorithms, the condition under which it exists.
public struct Parameter: Codable, Sendable, Equatable {
    /// The values a parameter can take.
    public enum Domain: Codable, Sendable, Equatable {
        /// Real numbers in `lower...upper`.
        case continuous(lower: Double, upper: Double, scaling: Scaling)
        /// Whole numbers in `lower...upper`.
        case integer(lower: Int, upper: Int, scaling: Scaling)
        /// One of `values`.
        case categorical([String])
    }

    /// A parameter that exists only when another (categorical) parameter has one of some values.
    public struct Condition: Codable, Sendable, Equatable {
        public var parameter: String
        public var values: [String]

        public init(parameter: String, values: [String]) {
            self.parameter = parameter
            self.values = values
        }
    }

    /// The name users know (SageMaker's or XGBoost's: `eta`, `max_depth`, `wd`).
    public var name: String
    public var domain: Domain
    /// A cheap, sensible value to start from (the first trial's).
    public var initial: ParameterValue
    public var condition: Condition?

    public init(_ name: String, _ domain: Domain, initial: ParameterValue, condition: Condition? = nil) {
        self.name = name
        self.domain = domain
        self.initial = initial
        self.condition = condition
    }

    /// Checks `value` lies in the domain.
    /// - Throws: ``TuningError/outOfRange(parameter:value:domain:)`` or
    ///   ``TuningError/wrongKind(parameter:value:expected:)``.
    public func validate(_ value: ParameterValue) throws(TuningError) {
        switch (domain, value) {
        case (.continuous(let lower, let upper, _), let value):
            guard let number = value.number else { throw .wrongKind(parameter: name, value: value.description, expected: "a number") }
            guard number.isFinite, number >= lower, number <= upper else {
                throw .outOfRange(parameter: name, value: value.description, domain: domainDescription)
            }
        case (.integer(let lower, let upper, _), .integer(let number)):
            guard number >= lower, number <= upper else {
                throw .outOfRange(parameter: name, value: value.description, domain: domainDescription)
            }
        case (.integer(let lower, let upper, _), .real(let number)):
            guard number == number.rounded() else { throw .wrongKind(parameter: name, value: value.description, expected: "a whole number") }
            guard number >= Double(lower), number <= Double(upper) else {
                throw .outOfRange(parameter: name, value: value.description, domain: domainDescription)
            }
        case (.integer, .label):
            throw .wrongKind(parameter: name, value: value.description, expected: "a whole number")
        case (.categorical(let values), let value):
            guard values.contains(value.description) else {
                throw .outOfRange(parameter: name, value: value.description, domain: domainDescription)
            }
        }
    }

    /// The domain as people read it: `[0.001, 1] logarithmic`, `{gbtree, dart}`.
    public var domainDescription: String {
        switch domain {
        case .continuous(let lower, let upper, let scaling): "[\(lower), \(upper)] \(scaling.rawValue.lowercased())"
        case .integer(let lower, let upper, let scaling): "\(lower)...\(upper) \(scaling.rawValue.lowercased())"
        case .categorical(let values): "{" + values.joined(separator: ", ") + "}"
        }
    }
}
