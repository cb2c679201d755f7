import Foundation
import TestSupport
import Testing

/// Explanations end to end: `explanations.md` from a run with a test file, and `automl predict
/// --explain K`, whose values with their base add up to the prediction when every member is a tree.
@Suite(.processSlot) struct ExplanationsCommandTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-explain") }

    func run(_ name: String, algorithms: String) async throws -> ProcessOutcome {
        try await runProcess(
            Fixtures.automlBinary,
            [
                "run", Fixtures.sharedDataset("titanic_train"), "--target", "survived", "--time-limit", "5m", "--max-candidates", "2", "--parallel",
                "1",
                "--algorithms", algorithms, "--job-name", name, "--store", directory.path("automl.sqlite"), "--output", directory.path(name),
                "--test", Fixtures.sharedDataset("titanic_test"),
            ], currentDirectory: directory.url.path)
    }

    @Test func aTreeModelIsExplainedInTheReportAndRowByRow() async throws {
        let outcome = try await run("trees", algorithms: "gbdt")
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let report = try String(contentsOfFile: directory.path("trees/explanations.md"), encoding: .utf8)
        for expected in [
            "# Explanations: trees", "on the test file titanic_test.csv", "## Permutation importance", "| column | worsening (mean) | std |",
            "## TreeSHAP", "| column | mean \\|SHAP\\| |", "figures/explanations-shap-beeswarm.svg", "| sex |",
        ] {
            #expect(report.contains(expected), "\(expected)\n\(report)")
        }
        #expect(FileManager.default.fileExists(atPath: directory.path("trees/figures/explanations-shap-beeswarm.svg")))

        // Every one of the 10 input columns: base + values = the predicted class's probability.
        let output = directory.path("explained.csv")
        let predict = try await runProcess(
            Fixtures.automlBinary,
            [
                "predict", "--model", directory.path("trees/model"), "--input", Fixtures.sharedDataset("titanic_test"), "--output", output,
                "--explain", "10",
            ])
        #expect(predict.status == 0, "\(predict.standardError)")
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.prefix(5) == ["prediction", "probability_0", "probability_1", "explanation_base", "explanation_1_column"])
        #expect(header.count == 4 + 20 && lines.count == 180)
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let predicted = cells[0] == "1" ? 2 : 1
            var sum: Double = Double(cells[3]) ?? .nan
            for i in 0..<10 { sum += Double(cells[5 + 2 * i]) ?? .nan }
            let probability: Double = Double(cells[predicted]) ?? .nan
            #expect(abs(sum - probability) < 1e-6, "\(line)")
            let named: [String] = (0..<10).map { (i: Int) -> String in cells[4 + 2 * i] }
            #expect(Set(named).count == 10, "ten different columns")
        }
    }

    @Test func explainingAModelWithoutTreesIsRefused() async throws {
        await #expect(try run("linear", algorithms: "linear").status == 0)
        let report = try String(contentsOfFile: directory.path("linear/explanations.md"), encoding: .utf8)
        #expect(report.contains("No TreeSHAP values: the saved model has no tree member") && report.contains("## Coefficients: trial"))
        let predict = try await runProcess(
            Fixtures.automlBinary,
            [
                "predict", "--model", directory.path("linear/model"), "--input", Fixtures.sharedDataset("titanic_test"), "--output",
                directory.path("x.csv"),
                "--explain", "3",
            ])
        #expect(predict.status == 2 && predict.standardError.contains("has no tree member"), "\(predict.standardError)")
        let zero = try await runProcess(
            Fixtures.automlBinary,
            [
                "predict", "--model", directory.path("linear/model"), "--input", Fixtures.sharedDataset("titanic_test"), "--output",
                directory.path("x.csv"),
                "--explain", "0",
            ])
        #expect(zero.status == 2 && zero.standardError.contains("--explain must be at least 1"))
    }
}
