import Foundation
import Learners
import Tabular
import TestSupport
import Testing
import Tuning

@testable import AutoML

/// `--sample-weight` inside the job: the column leaves the features, unusable weights exclude
/// their rows and are counted, bad columns are refused, and the weights reach every fold's score
/// and the test file's.
@Suite struct SampleWeightsTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-weights") }

    /// A binary file: y follows x with noise; `w` holds `weights` row by row (text as written).
    func table(_ weights: [String], file: String = "w.csv") throws -> (Table, String) {
        var lines = ["x,w,y"]
        for (i, weight) in weights.enumerated() {
            let x = Double(i % 37) / 37
            lines.append("\(x),\(weight),\((i * 7919) % 100 < Int(x * 100) ? "yes" : "no")")
        }
        let path = try directory.write(file, lines.joined(separator: "\n") + "\n")
        return (try CSVReader().read(path).table, path)
    }

    @Test func theColumnLeavesTheFeaturesAndUnusableWeightsAreCounted() throws {
        let (table, path) = try table(["1", "2", "", "-1", "heavy", "0", "0.5", "3"])
        let (kept, weights) = try SampleWeights.split(table, column: "w", target: "y", file: path)
        #expect(kept.columnNames == ["x", "y"])
        #expect(kept.rowCount == 5 && weights.values == [1, 2, 0, 0.5, 3])
        #expect(weights.missing == 1 && weights.negative == 1 && weights.nonNumeric == 1 && weights.zero == 1)
        let warning = try #require(weights.warning(file: path))
        #expect(warning.contains("excluded 3 rows") && warning.contains("1 negative, 1 missing, 1 not a number"), "\(warning)")
        // Numeric storage: a negative number and an empty cell.
        let (numeric, _) = try self.table(["1", "", "-2", "4"], file: "n.csv")
        let (_, counted) = try SampleWeights.split(numeric, column: "w", target: "y", file: "n.csv")
        #expect(counted.values == [1, 4] && counted.missing == 1 && counted.negative == 1)
    }

    @Test func unusableColumnsAreRefusedWithTheOptionAndAFix() throws {
        let (table, path) = try table(["0", "0", "-1", "0"])
        let cases: [(String, String)] = [
            ("weight", "has no column 'weight' (columns: x, w, y)"),
            ("y", "'y' is the target"),
            ("w", "no row of \(path) has a positive weight in 'w' (1 unusable, 3 zero)"),
        ]
        for (column, message) in cases {
            do {
                _ = try SampleWeights.split(table, column: column, target: "y", file: path)
                Issue.record("'\(column)' was accepted")
            } catch let error as AutoMLError {
                let text = error.errorDescription ?? ""
                #expect(text.hasPrefix("--sample-weight: ") && text.contains(message), "\(text)")
            }
        }
        let dated = try CSVReader().read(try directory.write("d.csv", "x,w,y\n1,2024-01-02,a\n2,2024-02-03,b\n")).table
        #expect(throws: AutoMLError.invalidSetting(name: "--sample-weight", reason: "'w' in d.csv holds dates; row weights are numbers ≥ 0")) {
            try SampleWeights.split(dated, column: "w", target: "y", file: "d.csv")
        }
    }

    @Test func everyFoldIsScoredWithItsRowsWeights() throws {
        let weights = (0..<300).map { String(1 + $0 % 4) }
        let (raw, path) = try table(weights)
        let (table, sample) = try SampleWeights.split(raw, column: "w", target: "y", file: path)
        let evaluator = try CandidateEvaluator(
            table: table, target: "y", task: .binary, metric: .logLoss, evaluation: .crossValidation(folds: 3), seed: 1, weights: sample.values)
        let plans = try Exploration(table: table, source: "w.csv", profiler: Profiler(target: "y")).plans
        let candidate = try #require(
            try CandidateGenerator.candidates(plans: plans, task: .binary, rows: 300, columns: 1, algorithms: ["linear"]).first)
        let score = try evaluator.score(candidate, hyperparameters: Assignment(), seed: 1, threads: 1)
        let byRow = Dictionary(uniqueKeysWithValues: score.outOfFold.map { ($0.row, $0.values) })
        for (index, fold) in evaluator.folds.enumerated() {
            let rows = fold.validation
            let prediction = Prediction(classes: evaluator.classes, probabilities: rows.flatMap { byRow[$0] ?? [] })
            let truth = evaluator.truth(rows: rows)
            let weighted = Metric.logLoss.evaluate(prediction, truth: truth, weights: rows.map { sample.values[$0] })
            let plain = Metric.logLoss.evaluate(prediction, truth: truth)
            #expect(abs(score.foldScores[index] - weighted) < 1e-12)
            #expect(abs(weighted - plain) > 1e-6, "the weights should matter on fold \(index)")
        }
    }

    @Test func theTestFileIsScoredWithItsWeightsWhenItHasTheColumn() throws {
        let (raw, path) = try table((0..<200).map { _ in "1" })
        let (table, sample) = try SampleWeights.split(raw, column: "w", target: "y", file: path)
        let plans = try Exploration(table: table, source: "w.csv", profiler: Profiler(target: "y")).plans
        let candidate = try #require(
            try CandidateGenerator.candidates(plans: plans, task: .binary, rows: 200, columns: 1, algorithms: ["linear"]).first)
        let artifact = try ModelArtifact.fit(
            [.init(candidate: candidate, hyperparameters: Assignment())], table: table, weights: sample.values, target: "y", task: .binary,
            classes: ["no", "yes"], metric: .f1, seed: 1, threads: 1)
        // The same rows, then their mirror images with flipped labels at weight 0: the scores must not move.
        let rows = (0..<60).map { i in (x: Double(i % 37) / 37, y: i % 3 == 0 ? "yes" : "no") }
        let plain = try directory.write("plain.csv", "x,w,y\n" + rows.map { "\($0.x),1,\($0.y)" }.joined(separator: "\n") + "\n")
        let padded = try directory.write(
            "padded.csv",
            "x,w,y\n"
                + (rows.map { "\($0.x),1,\($0.y)" } + rows.map { "\($0.x),0,\($0.y == "yes" ? "no" : "yes")" })
                .joined(separator: "\n") + "\n")
        let a = try TestScore.score(artifact, file: plain, target: "y", task: .binary, sampleWeight: "w", threads: 1)
        let b = try TestScore.score(artifact, file: padded, target: "y", task: .binary, sampleWeight: "w", threads: 1)
        #expect(a.metrics.keys.sorted() == b.metrics.keys.sorted())
        for (name, value) in a.metrics { #expect(abs(value - (b.metrics[name] ?? .nan)) < 1e-12, "\(name)") }
        // Without the column the rows count alike, and the log says so.
        let unweighted = try directory.write("bare.csv", "x,y\n" + (rows.map { "\($0.x),\($0.y)" }).joined(separator: "\n") + "\n")
        let said = LogLines()
        let c = try TestScore.score(artifact, file: unweighted, target: "y", task: .binary, sampleWeight: "w", threads: 1) { said.append($0) }
        #expect(c.weights == nil && abs((c.metrics["auc"] ?? 0) - (a.metrics["auc"] ?? 1)) < 1e-12)
        #expect(said.lines == ["warning: \(unweighted) has no column 'w': its rows are scored unweighted"])
    }
}

/// Lines a closure logged.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}

/// Ensemble selection on large data scores on evenly spaced rows.
@Suite struct SelectionRowsTests {
    @Test func pastTheLimitEveryKthRowIsKeptWithItsPredictionsAndWeight() {
        let rows = 120_001
        let truth = (0..<rows).map { Double($0 % 2) }
        let weights = (0..<rows).map { Double($0) }
        let (kept, keptWeights, thin) = FinalModel.spaced(truth: truth, weights: weights)
        #expect(kept.count == 40_001 && keptWeights?.count == 40_001)
        #expect(keptWeights?[1] == 3 && keptWeights?.last == 120_000)
        let values = (0..<rows).flatMap { [Double($0), -Double($0)] }
        let thinned = thin(values)
        #expect(thinned.count == 80_002 && thinned[2] == 3 && thinned[3] == -3)
        // Small data is kept whole.
        let (all, _, same) = FinalModel.spaced(truth: [0, 1, 0], weights: nil)
        #expect(all == [0, 1, 0] && same([1, 2, 3]) == [1, 2, 3])
    }
}

/// The search on large data fits and scores samples of the holdout's rows.
@Suite struct SearchSampleTests {
    @Test func aLargeHoldoutIsSampledWithoutRepeatsInFileOrder() {
        let fold = RowPartition.Fold(training: Array(0..<250_000), validation: Array(250_000..<310_000))
        let capped = CandidateEvaluator.capped(fold, seed: 4)
        #expect(capped.training.count == CandidateEvaluator.searchTrainingRows && capped.validation.count == CandidateEvaluator.searchValidationRows)
        #expect(capped.training == capped.training.sorted() && Set(capped.training).count == capped.training.count)
        #expect(Set(capped.validation).isSubset(of: Set(fold.validation)) && Set(capped.training).isSubset(of: Set(fold.training)))
        #expect(CandidateEvaluator.capped(fold, seed: 4) == capped && CandidateEvaluator.capped(fold, seed: 5) != capped)
        let small = RowPartition.Fold(training: [0, 1, 2], validation: [3])
        #expect(CandidateEvaluator.capped(small, seed: 4) == small)
    }
}
