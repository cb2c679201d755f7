import Foundation

/// A study as the store holds it: its name, space, direction and seed.
public struct StudyRecord: Codable, Sendable, Equatable {
    public var name: String
    public var space: SearchSpace
    public var direction: Direction
    public var seed: UInt64
    /// Studies whose completed trials seed this one's model (warm start).
    public var parents: [String]
    public var createdAt: Date

    public init(name: String, space: SearchSpace, direction: Direction, seed: UInt64, parents: [String] = [], createdAt: Date = Date()) {
        self.name = name
        self.space = space
        self.direction = direction
        self.seed = seed
        self.parents = parents
        self.createdAt = createdAt
    }

    /// The seed of trial `number`: a splitmix64 mix of the study seed and the number, so trials get
    /// unrelated streams and a rerun gets the same ones.
    public func trialSeed(_ number: Int) -> UInt64 {
        SeedMixer.mix(seed, UInt64(number))
    }
}
