import Tabular

/// Uniform sampling in each parameter's scaled range (SageMaker's `Random` strategy).
///
/// In a space of whole numbers and categories a draw may repeat an earlier trial; up to 32 draws are
/// made to find one that does not.
public struct RandomSampler: Sampler {
    public var name: String { "Random" }

    public init() {}

    public func suggest(_ context: SamplingContext) throws(TuningError) -> Assignment {
        let cube = UnitCube(context.space)
        var generator = SeededGenerator(seed: context.seed)
        let taken = Set(context.trials.map(\.assignment))
        var assignment = Assignment()
        for _ in 0..<32 {
            let point = (0..<cube.dimension).map { _ in Double.random(in: 0..<1, using: &generator) }
            assignment = cube.decode(point)
            if !taken.contains(assignment) { break }
        }
        return assignment
    }
}
