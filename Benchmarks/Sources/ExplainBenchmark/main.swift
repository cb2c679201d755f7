// TreeSHAP speed: trains automl's boosted trees (100 rounds, depth 6, 256 bins, binary logistic) on a
// generated file's numeric columns, then times exact TreeSHAP values for its first ROWS rows, and
// checks that every row's values add up to its raw score. Prints one JSON line.
//
// Usage: ExplainBenchmark FILE.csv TARGET DROP [--rows N] [--threads N]
import Foundation
import Learners
import Tabular

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ExplainBenchmark: \(message)\n".utf8))
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3 else { fail("usage: ExplainBenchmark FILE.csv TARGET DROP [--rows N] [--threads N]") }
let (path, target, dropped) = (arguments[0], arguments[1], arguments[2])
var rows = 1_000
var threads = 1
var k = 3
while k + 1 < arguments.count {
    switch arguments[k] {
    case "--rows": rows = Int(arguments[k + 1]) ?? rows
    case "--threads": threads = Int(arguments[k + 1]) ?? threads
    default: fail("unknown option \(arguments[k])")
    }
    k += 2
}

let table = try CSVReader().read(path).table
let features = table.columns.filter { $0.name != target && $0.name != dropped }
let matrix = try FeatureMatrix(names: features.map(\.name), columns: features.map(\.numbers))
let labels = try table.column(named: target).numbers
let training = try Dataset(features: matrix, target: labels, task: .binary, classes: ["0", "1"])
var settings = GradientBoostedTrees()
settings.numRound = 100
settings.maxDepth = 6
settings.maxBin = 256
let fitStart = Date()
let model = try settings.fit(training, validation: nil, seed: 0, threads: 2)
let fitSeconds = Date().timeIntervalSince(fitStart)
let probe = try FeatureMatrix(names: matrix.names, columns: features.map { Array($0.numbers.prefix(rows)) })
let start = Date()
let explained = try model.contributions(probe, threads: threads)
let seconds = Date().timeIntervalSince(start)
// Additivity: expected + Σ values = the raw log-odds the model predicts.
let prediction = try model.predict(probe, threads: 1)
var worst = 0.0
for row in 0..<probe.rowCount {
    let p = min(max(prediction.probability(row: row, class: 1), 1e-15), 1 - 1e-15)
    worst = max(worst, abs(explained.explainedOutput(row: row, output: 0) - log(p / (1 - p))))
}
print(
    #"{"tool": "automl", "rows": \#(probe.rowCount), "features": \#(matrix.columnCount), "trees": \#(model.rounds), "threads": \#(threads), "fit_seconds": \#(fitSeconds), "shap_seconds": \#(seconds), "max_additivity_error": \#(worst)}"#
)
