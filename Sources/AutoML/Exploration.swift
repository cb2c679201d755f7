import Foundation
import Learners
import Tabular

/// The result of exploring a table: its profile, the alerts, and a preprocessing plan per learner
/// family. Encoded as `profile.json`; rendered as `exploration.md` by ``ExplorationReport``.
public struct Exploration: Codable, Sendable, Equatable {
    /// Version of the `profile.json` layout.
    public var formatVersion = 1
    /// The file's name (not its full path, so reports do not depend on where they were made).
    public var source: String
    public var profile: TableProfile
    public var findings: [Finding]
    public var plans: [PreprocessingPlan]
    /// Rows to look at: a sample, duplicate examples, the most anomalous (absent in older files).
    public var rows: RowSamples?

    /// Profiles `table`, derives the findings and recommends the plans.
    public init(table: Table, source: String, profiler: Profiler, recommender: Recommender = Recommender()) throws(TabularError) {
        self.source = source
        profile = try profiler.profile(table)
        let all = FindingRules.findings(profile)
        plans = recommender.plans(for: profile, findings: all)
        findings = FindingRules.summarised(all)
        rows = RowSamples(table: table, duplicates: profile.duplicates, target: profiler.target, seed: profiler.seed)
    }

    /// `profile.json`: sorted keys, so the file diffs cleanly between runs.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(self)
    }
}
