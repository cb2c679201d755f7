/// A search space as the unit cube [0, 1]^d that models and samplers work in.
///
/// Each numeric parameter is one coordinate (through ``Parameter/unitValue(_:)``, which applies its
/// scaling); a categorical parameter with k values is k one-hot coordinates. A parameter that is
/// inactive (its condition fails) sits at a fixed point: 0.5, or all-zero one-hot, so that every
/// point where it does not exist looks alike to a model.
public struct UnitCube: Sendable {
    public let space: SearchSpace
    /// Coordinates in all.
    public let dimension: Int
    /// The first coordinate of each parameter, in the space's order.
    let offsets: [Int]
    /// Per parameter with a condition: the parent's index and the parent's category indices that
    /// make it active.
    let conditions: [(parent: Int, allowed: Set<Int>)?]

    public init(_ space: SearchSpace) {
        self.space = space
        var offsets: [Int] = []
        var next = 0
        for parameter in space.parameters {
            offsets.append(next)
            if case .categorical(let values) = parameter.domain { next += values.count } else { next += 1 }
        }
        self.offsets = offsets
        self.dimension = next
        let parameters = space.parameters
        conditions = parameters.map { parameter in
            guard let condition = parameter.condition,
                let parent = parameters.firstIndex(where: { $0.name == condition.parameter }),
                case .categorical(let values) = parameters[parent].domain
            else { return nil }
            return (parent, Set(condition.values.compactMap { values.firstIndex(of: $0) }))
        }
    }

    /// The point of `assignment`. An active parameter missing from it takes its starting value.
    public func encode(_ assignment: Assignment) -> [Double] {
        var point = [Double](repeating: 0, count: dimension)
        for (index, parameter) in space.parameters.enumerated() {
            let offset = offsets[index]
            let active = space.isActive(parameter, in: assignment)
            let value = assignment[parameter.name] ?? parameter.initial
            switch parameter.domain {
            case .categorical(let values):
                if active, let position = values.firstIndex(of: value.description) { point[offset + position] = 1 }
            case .continuous, .integer:
                point[offset] = active ? (parameter.unitValue(value) ?? 0.5) : 0.5
            }
        }
        return point
    }

    /// The assignment at `point` (clamped into the cube): categoricals take their largest one-hot
    /// coordinate (the first on ties), whole numbers round, inactive parameters are left out.
    public func decode(_ point: [Double]) -> Assignment {
        precondition(point.count == dimension, "point has \(point.count) coordinates, the cube \(dimension)")
        let chosen = categories(point)
        var assignment = Assignment()
        for (index, parameter) in space.parameters.enumerated() where isActive(index, chosen) {
            switch parameter.domain {
            case .categorical(let values):
                assignment[parameter.name] = .label(values[chosen[index]])
            case .continuous, .integer:
                assignment[parameter.name] = parameter.value(atUnit: point[offsets[index]])
            }
        }
        return assignment
    }

    /// The nearest point that is a real assignment (`encode(decode(point))`), written over `point`
    /// at `start..<start + dimension` of a flat buffer of points: candidate sets are projected by the
    /// thousand, so this works on arrays, not assignments.
    public func project(_ points: inout [Double], at start: Int) {
        let point = Array(points[start..<(start + dimension)])
        let chosen = categories(point)
        for (index, parameter) in space.parameters.enumerated() {
            let offset = start + offsets[index]
            let active = isActive(index, chosen)
            switch parameter.domain {
            case .categorical(let values):
                for k in 0..<values.count { points[offset + k] = active && k == chosen[index] ? 1 : 0 }
            case .continuous:
                points[offset] = active ? min(1, max(0, points[offset].isFinite ? points[offset] : 0.5)) : 0.5
            case .integer:
                points[offset] = active ? (parameter.unitValue(parameter.value(atUnit: points[offset])) ?? 0.5) : 0.5
            }
        }
    }

    /// `project` of one point.
    public func project(_ point: [Double]) -> [Double] {
        var copy = point
        project(&copy, at: 0)
        return copy
    }

    /// The category index each categorical parameter's one-hot block picks (0 for numerics).
    private func categories(_ point: [Double]) -> [Int] {
        space.parameters.enumerated().map { index, parameter in
            guard case .categorical(let values) = parameter.domain else { return 0 }
            let offset = offsets[index]
            var best = 0
            for k in 1..<values.count where point[offset + k] > point[offset + best] { best = k }
            return best
        }
    }

    private func isActive(_ index: Int, _ chosen: [Int]) -> Bool {
        guard let condition = conditions[index] else { return true }
        return isActive(condition.parent, chosen) && condition.allowed.contains(chosen[condition.parent])
    }
}
