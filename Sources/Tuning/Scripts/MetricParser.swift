import Foundation

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
