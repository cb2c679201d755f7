import Foundation

/// A metric a training script prints: its name and a regular expression whose capture group holds
/// the value (SageMaker's `MetricDefinitions`), applied to every line of standard output and error.
///
/// The value is the group named `value` when there is one, else the first capture group that is
/// not named `step`; a group named `step` (whole number) gives the match its step, e.g.
/// `epoch (?<step>\d+): loss=([0-9.eE+-]+|nan|inf)`.
public struct MetricDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var regex: String

    public init(name: String, regex: String) {
        self.name = name
        self.regex = regex
    }

    /// Codable keys as in SageMaker's JSON (`Name`, `Regex`) and the YAML job (`name`, `regex`).
    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case regex = "Regex"
    }

    enum LowercaseKeys: String, CodingKey {
        case name, regex
    }

    public init(from decoder: any Decoder) throws {
        let upper = try decoder.container(keyedBy: CodingKeys.self)
        if upper.contains(.name) || upper.contains(.regex) {
            name = try upper.decode(String.self, forKey: .name)
            regex = try upper.decode(String.self, forKey: .regex)
        } else {
            let lower = try decoder.container(keyedBy: LowercaseKeys.self)
            name = try lower.decode(String.self, forKey: .name)
            regex = try lower.decode(String.self, forKey: .regex)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: LowercaseKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(regex, forKey: .regex)
    }
}
