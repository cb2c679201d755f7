import Tuning

/// Reads an estimator's hyperparameters from an assignment, checking each against its valid range
/// (wider than the tuning range: what the algorithm accepts) and rejecting unknown names.
struct HyperparameterReader {
    let learner: String
    let assignment: Assignment
    private var known: Set<String> = []

    init(learner: String, _ assignment: Assignment) {
        self.learner = learner
        self.assignment = assignment
    }

    /// The real number `name` in `range`, or `fallback` when absent.
    mutating func real(_ name: String, _ fallback: Double, in range: ClosedRange<Double>) throws(LearnersError) -> Double {
        known.insert(name)
        let value: Double
        do { value = try assignment.real(name, default: fallback) } catch { throw invalid(error) }
        guard value.isFinite, range.contains(value) else {
            throw .invalidHyperparameter(learner: learner, message: "'\(name)' = \(value) must lie in [\(range.lowerBound), \(range.upperBound)].")
        }
        return value
    }

    /// The real number `name` in `range`, or nil when absent or `auto` (the learner decides).
    mutating func realOrAuto(_ name: String, in range: ClosedRange<Double>) throws(LearnersError) -> Double? {
        known.insert(name)
        guard let value = assignment[name], value != .label("auto") else { return nil }
        return try real(name, 0, in: range)
    }

    /// The whole number `name` in `range`, or `fallback` when absent.
    mutating func integer(_ name: String, _ fallback: Int, in range: ClosedRange<Int>) throws(LearnersError) -> Int {
        known.insert(name)
        let value: Int
        do { value = try assignment.integer(name, default: fallback) } catch { throw invalid(error) }
        guard range.contains(value) else {
            throw .invalidHyperparameter(learner: learner, message: "'\(name)' = \(value) must lie in \(range.lowerBound)...\(range.upperBound).")
        }
        return value
    }

    /// The label `name`, one of `choices`, or `fallback` when absent.
    mutating func label(_ name: String, _ fallback: String, in choices: [String]) throws(LearnersError) -> String {
        known.insert(name)
        let value = assignment.label(name, default: fallback)
        guard choices.contains(value) else {
            throw .invalidHyperparameter(learner: learner, message: "'\(name)' = '\(value)' must be one of \(choices.joined(separator: ", ")).")
        }
        return value
    }

    /// The value of `name` as given (nil when absent), for a hyperparameter whose form the learner
    /// reads itself (a name or a number; a list of layer sizes).
    mutating func value(_ name: String) -> ParameterValue? {
        known.insert(name)
        return assignment[name]
    }

    /// Throws when the assignment names a hyperparameter nobody read.
    func finish() throws(LearnersError) {
        let unknown = assignment.values.keys.filter { !known.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw .invalidHyperparameter(
                learner: learner,
                message:
                    "unknown hyperparameter \(unknown.map { "'\($0)'" }.joined(separator: ", ")) (known: \(known.sorted().joined(separator: ", "))).")
        }
    }

    private func invalid(_ error: TuningError) -> LearnersError {
        .invalidHyperparameter(learner: learner, message: error.errorDescription ?? "\(error)")
    }
}
