import AutoML
import Tuning

/// Reads `--range` specifications: `NAME:continuous:MIN:MAX[:SCALING]`,
/// `NAME:integer:MIN:MAX[:SCALING]`, `NAME:categorical:A,B,C`.
enum RangeFlag {
    static func parameter(_ spec: String) throws -> Parameter {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func fail(_ reason: String) -> InputError {
            InputError(
                message:
                    "--range \(spec): \(reason). Write NAME:continuous:MIN:MAX[:SCALING], NAME:integer:MIN:MAX[:SCALING] or NAME:categorical:A,B,C.")
        }
        guard parts.count >= 3, !parts[0].isEmpty else { throw fail("too few parts") }
        let name = parts[0]
        switch parts[1].lowercased() {
        case "categorical":
            let values = parts[2...].joined(separator: ":").split(separator: ",").map(String.init)
            guard let first = values.first else { throw fail("list at least one value") }
            return Parameter(name, .categorical(values), initial: .label(first))
        case "continuous", "integer":
            guard parts.count == 4 || parts.count == 5 else { throw fail("give MIN and MAX, and optionally a scaling") }
            let scaling = try parts.count == 5 ? scalingNamed(parts[4], fail) : .auto
            let integer = parts[1].lowercased() == "integer"
            let bounds =
                integer
                ? Int(parts[2]).map(Double.init).flatMap { l in Int(parts[3]).map { (l, Double($0)) } }
                : Double(parts[2]).flatMap { l in Double(parts[3]).map { (l, $0) } }
            guard let (lower, upper) = bounds, lower.isFinite, upper.isFinite else {
                throw fail(integer ? "MIN and MAX must be whole numbers" : "MIN and MAX must be numbers")
            }
            do {
                return try NumericRange.parameter(name, lower: lower, upper: upper, integer: integer, scaling: scaling)
            } catch .notIncreasing {
                throw fail("MAX (\(parts[3])) must be greater than MIN (\(parts[2]))")
            } catch {
                throw fail("logarithmic scaling needs a positive MIN, got \(parts[2])")
            }
        default:
            throw fail("unknown type '\(parts[1])' (continuous, integer or categorical)")
        }
    }

    private static func scalingNamed(_ text: String, _ fail: (String) -> InputError) throws -> Scaling {
        guard let scaling = TuningJobFile.scaling(named: text) else {
            throw fail("unknown scaling '\(text)' (auto, linear, logarithmic, reverse_logarithmic)")
        }
        return scaling
    }
}
