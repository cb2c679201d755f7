import Foundation
import TestSupport
import Testing

/// `automl run --sample-weight` end to end: the run uses the column as weights and not as a
/// feature, says what it excluded, and refuses a column it cannot use with exit 2.
@Suite(.processSlot) struct SampleWeightCommandTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-sample-weight") }

    /// 240 rows: y follows x; w is 1 or 3, with one missing and one negative weight.
    func data() throws -> String {
        var lines = ["x,kind,w,y"]
        for i in 0..<240 {
            let x = Double(i % 41) / 41
            let weight = i == 10 ? "" : (i == 11 ? "-2" : (i % 2 == 0 ? "1" : "3"))
            lines.append("\(x),\(["a", "b", "c"][i % 3]),\(weight),\((i * 7919) % 100 < Int(x * 100) ? "yes" : "no")")
        }
        return try directory.write("weighted.csv", lines.joined(separator: "\n") + "\n")
    }

    func run(_ name: String, _ extra: [String]) async throws -> ProcessOutcome {
        try await runProcess(
            Fixtures.automlBinary,
            [
                "run", try data(), "--target", "y", "--time-limit", "5m", "--max-candidates", "3", "--parallel", "1", "--algorithms", "linear,gbdt",
                "--job-name", name, "--store", directory.path("automl.sqlite"), "--output", directory.path(name), "--seed", "2",
            ] + extra, currentDirectory: directory.url.path)
    }

    @Test func theWeightColumnWeighsRowsAndIsNotAFeature() async throws {
        let outcome = try await run("weighted", ["--sample-weight", "w"])
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let said = outcome.standardOutput + outcome.standardError
        #expect(said.contains("excluded 2 rows whose sample weight in 'w' is unusable (1 negative, 1 missing)"), "\(said)")
        let manifest = try String(contentsOfFile: directory.path("weighted/model/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"kind\"") && !manifest.contains("\"name\" : \"w\""), "\(manifest)")
        let index = try String(contentsOfFile: directory.path("weighted/index.md"), encoding: .utf8)
        #expect(index.contains("**Sample weights:** Rows are weighted by the column 'w'"))
        #expect(index.contains("--sample-weight w"))
        let candidates = try String(contentsOfFile: directory.path("weighted/candidates.md"), encoding: .utf8)
        #expect(candidates.contains("| class_weight | {none, balanced} | none |"), "\(candidates)")
    }

    @Test func aColumnThatIsNotThereIsRefused() async throws {
        let outcome = try await run("missing", ["--sample-weight", "weight"])
        #expect(outcome.status == 2)
        #expect(
            outcome.standardError.contains("--sample-weight: ") && outcome.standardError.contains("has no column 'weight' (columns: x, kind, w, y)"),
            "\(outcome.standardError)")
    }
}
