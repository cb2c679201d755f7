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

/// One value found in a line of a script's output.
public struct MetricMatch: Sendable, Equatable {
    public var metric: String
    /// The step the regex captured (`step` group), nil when it has none.
    public var step: Int?
    /// The captured value; NaN or infinite when the script printed so, nil when the text is no number.
    public var value: Double?
    public var text: String

    public init(metric: String, step: Int?, value: Double?, text: String) {
        self.metric = metric
        self.step = step
        self.value = value
        self.text = text
    }
}

/// Compiled metric definitions: finds every metric value in a line of output.
public struct MetricParser: @unchecked Sendable {
    // NSRegularExpression is immutable once made and documented as safe to share between threads.
    struct Compiled {
        var name: String
        var expression: NSRegularExpression
        var valueGroup: Int
        var stepGroup: Int?
    }

    let compiled: [Compiled]

    /// - Throws: ``TuningError/invalidMetricDefinition(metric:regex:reason:)`` for a regex that does
    ///   not compile, has no capture group, or a duplicate name.
    public init(_ definitions: [MetricDefinition]) throws(TuningError) {
        var seen = Set<String>()
        var compiled: [Compiled] = []
        for definition in definitions {
            guard !definition.name.isEmpty else {
                throw .invalidMetricDefinition(metric: definition.name, regex: definition.regex, reason: "the metric has no name")
            }
            guard seen.insert(definition.name).inserted else {
                throw .invalidMetricDefinition(metric: definition.name, regex: definition.regex, reason: "two metric definitions have this name")
            }
            // Python's `(?P<name>...)` is spelled `(?<name>...)` by ICU.
            let pattern = definition.regex.replacingOccurrences(of: "(?P<", with: "(?<")
            let expression: NSRegularExpression
            do {
                expression = try NSRegularExpression(pattern: pattern)
            } catch {
                throw .invalidMetricDefinition(metric: definition.name, regex: definition.regex, reason: "the regular expression does not compile")
            }
            let groups = CaptureGroups(pattern: pattern)
            guard expression.numberOfCaptureGroups >= 1, groups.count == expression.numberOfCaptureGroups else {
                throw .invalidMetricDefinition(
                    metric: definition.name, regex: definition.regex,
                    reason: "it has no capture group; wrap the number in parentheses, e.g. loss=([0-9.]+)")
            }
            let step = groups.index(named: "step")
            let value = groups.index(named: "value") ?? (1...groups.count).first { $0 != step }
            guard let value else {
                throw .invalidMetricDefinition(
                    metric: definition.name, regex: definition.regex,
                    reason: "its only capture group is the step; add a group for the value, e.g. (?<value>[0-9.]+)")
            }
            compiled.append(Compiled(name: definition.name, expression: expression, valueGroup: value, stepGroup: step))
        }
        self.compiled = compiled
    }

    /// The metric names in definition order.
    public var names: [String] { compiled.map(\.name) }

    /// Every match of every metric in `line`, in definition order, then left to right.
    public func matches(in line: String) -> [MetricMatch] {
        let text = line as NSString
        let whole = NSRange(location: 0, length: text.length)
        var found: [MetricMatch] = []
        for metric in compiled {
            for match in metric.expression.matches(in: line, range: whole) {
                let valueRange = match.range(at: metric.valueGroup)
                guard valueRange.location != NSNotFound else { continue }
                let captured = text.substring(with: valueRange)
                var step: Int?
                if let group = metric.stepGroup {
                    let range = match.range(at: group)
                    if range.location != NSNotFound { step = Int(text.substring(with: range).trimmingCharacters(in: .whitespaces)) }
                }
                found.append(MetricMatch(metric: metric.name, step: step, value: Self.number(captured), text: captured))
            }
        }
        return found
    }

    /// Reads a captured value as Python and C print it: decimals, exponents, `nan`, `inf`.
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = Double(trimmed) { return value }
        switch trimmed.lowercased() {
        case "nan", "-nan", "+nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return nil
        }
    }
}

/// The capturing groups of a regular expression, in the order their opening parentheses appear,
/// with their names: what the value and step groups are called.
struct CaptureGroups {
    private(set) var names: [String?] = []

    init(pattern: String) {
        let characters = Array(pattern)
        var index = 0
        var inClass = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                index += 2
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
            } else if character == "(" {
                let rest = characters[(index + 1)...]
                if rest.first != "?" {
                    names.append(nil)
                } else if let name = Self.groupName(Array(rest)) {
                    names.append(name)
                }
            }
            index += 1
        }
    }

    /// The name of a `(?<name>...)` group; nil for other `(?` constructs (lookarounds, flags).
    private static func groupName(_ rest: [Character]) -> String? {
        guard rest.count > 2, rest[1] == "<", rest[2] != "=", rest[2] != "!" else { return nil }
        let start = 2
        guard let end = rest[start...].firstIndex(of: ">") else { return nil }
        return String(rest[start..<end])
    }

    var count: Int { names.count }

    /// The 1-based index of the group named `name`.
    func index(named name: String) -> Int? {
        names.firstIndex { $0 == name }.map { $0 + 1 }
    }
}
