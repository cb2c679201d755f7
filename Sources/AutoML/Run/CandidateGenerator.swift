import Learners
import Tuning

/// Pairs every built-in algorithm (or the chosen subset) that supports the task with its family's
/// preprocessing plan, and joins their search spaces into one conditional space: a categorical
/// `algorithm` parameter, and each candidate's hyperparameters as `<candidate>.<name>`, active only
/// when `algorithm` is that candidate.
public enum CandidateGenerator {
    /// The candidates, cheapest first. Classifiers' spaces end with the `class_weight` choice
    /// (``ClassWeight``). With `targetTransformReason` (see
    /// ``TargetTransform/reasonToOffer(_:task:)``) every space also gets the `target_transform` choice.
    /// - Throws: ``AutoMLError/invalidSetting(name:reason:)`` for an unknown algorithm or none left.
    public static func candidates(
        plans: [PreprocessingPlan], task: Task, rows: Int, columns: Int, algorithms: [String]? = nil, targetTransformReason: String? = nil
    ) throws(AutoMLError) -> [Candidate] {
        if let algorithms, let unknown = algorithms.first(where: { !Catalog.names.contains($0) }) {
            throw .invalidSetting(name: "--algorithms", reason: "'\(unknown)' is not a built-in algorithm (\(Catalog.names.joined(separator: ", ")))")
        }
        var found: [Candidate] = []
        for estimator in Catalog.estimators where estimator.supports(task) && (algorithms?.contains(estimator.name) ?? true) {
            guard let plan = plans.first(where: { $0.family == estimator.family }) else { continue }
            var space = estimator.searchSpace(rows: rows, columns: columns, task: task)
            if task.isClassification { space = SearchSpace(space.parameters + [ClassWeight.searchParameter]) }
            if targetTransformReason != nil { space = SearchSpace(space.parameters + [TargetTransform.searchParameter]) }
            found.append(
                Candidate(
                    id: estimator.name, algorithm: estimator.name, plan: plan, space: space, relativeCost: estimator.relativeCost,
                    targetTransformReason: targetTransformReason))
        }
        guard !found.isEmpty else {
            throw .invalidSetting(name: "--algorithms", reason: "no chosen algorithm can learn a \(task.rawValue) target")
        }
        return found.sorted { ($0.relativeCost, $0.id) < ($1.relativeCost, $1.id) }
    }

    /// The name of the joint space's algorithm choice.
    public static let choice = "algorithm"

    /// The joint conditional space over `candidates`; the algorithm choice starts at the cheapest.
    public static func jointSpace(_ candidates: [Candidate]) -> SearchSpace {
        var parameters = [Parameter(choice, .categorical(candidates.map(\.id)), initial: .label(candidates.first?.id ?? ""))]
        for candidate in candidates {
            for parameter in candidate.space.parameters {
                var joint = parameter
                joint.name = "\(candidate.id).\(parameter.name)"
                joint.condition = Parameter.Condition(parameter: choice, values: [candidate.id])
                parameters.append(joint)
            }
        }
        return SearchSpace(parameters)
    }

    /// The point of the joint space that is `candidate` at its cheap starting values.
    public static func initialAssignment(of candidate: Candidate) -> Assignment {
        var values: [String: ParameterValue] = [choice: .label(candidate.id)]
        for parameter in candidate.space.parameters { values["\(candidate.id).\(parameter.name)"] = parameter.initial }
        return Assignment(values)
    }

    /// The points of the joint space that are `candidate` at its algorithm's portfolio settings
    /// (``Learners/Estimator/portfolio(rows:columns:task:)``), its other hyperparameters initial;
    /// settings outside the candidate's space are left out.
    public static func portfolioAssignments(of candidate: Candidate, rows: Int, columns: Int, task: Task) -> [Assignment] {
        guard let estimator = try? Catalog.estimator(named: candidate.algorithm) else { return [] }
        return estimator.portfolio(rows: rows, columns: columns, task: task).compactMap { settings in
            var joint = initialAssignment(of: candidate)
            for (name, value) in settings.values {
                guard let parameter = candidate.space.parameters.first(where: { $0.name == name }), (try? parameter.validate(value)) != nil else {
                    return nil
                }
                joint.values["\(candidate.id).\(name)"] = value
            }
            return joint
        }
    }

    /// Splits a joint assignment into the candidate id and its own hyperparameters.
    public static func split(_ assignment: Assignment) -> (candidate: String, hyperparameters: Assignment) {
        let id = assignment.label(choice, default: "")
        var own: [String: ParameterValue] = [:]
        let prefix = id + "."
        for (name, value) in assignment.values where name.hasPrefix(prefix) { own[String(name.dropFirst(prefix.count))] = value }
        return (id, Assignment(own))
    }
}
