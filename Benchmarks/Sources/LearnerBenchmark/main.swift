// Trains one built-in learner the way the tuner will (profile -> recommended preprocessing plan for
// the learner's family -> feature pipeline -> Estimator.fit -> predict) and prints one JSON line
// with test metrics, fit seconds and peak memory. With --export DIR it also writes the exact
// feature matrices it trained and tested on (DIR/train.csv, DIR/test.csv, last column = target) so
// the peer library trains on the same preprocessing.
//
// With --raw TASK the file's numeric columns are the features as they are (no profiling or
// preprocessing; --drop NAME leaves a column out), for speed runs on generated data; TEST.csv may
// then be "-" (fit only).
//
// Usage: LearnerBenchmark ALGORITHM TRAIN.csv TEST.csv TARGET [--threads N] [--seed N] [--export DIR]
//        [--raw binary|multiclass|regression] [--drop NAME] [--fill-missing VALUE] [--set name=value]...
import AutoML
import Foundation
import Learners
import Tabular
import Tuning

func maxResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("LearnerBenchmark: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 4 else {
    fail("usage: LearnerBenchmark ALGORITHM TRAIN.csv TEST.csv TARGET [--threads N] [--seed N] [--export DIR] [--set name=value]...")
}
let (algorithm, trainPath, testPath, targetName) = (arguments[0], arguments[1], arguments[2], arguments[3])
var threads = 2
var exportDirectory: String?
var seed: UInt64 = 0
var rawTask: Task?
var dropped: Set<String> = []
var fill: Double?
var assignment = Assignment()
var k = 4
while k < arguments.count {
    let flag = arguments[k]
    guard k + 1 < arguments.count else { fail("\(flag) needs a value") }
    let value = arguments[k + 1]
    switch flag {
    case "--threads": threads = Int(value) ?? threads
    case "--export": exportDirectory = value
    case "--seed": seed = UInt64(value) ?? { fail("--seed takes a whole number") }()
    case "--raw": rawTask = Task(rawValue: value) ?? { fail("--raw takes binary, multiclass or regression") }()
    case "--drop": dropped.insert(value)
    case "--fill-missing": fill = Double(value) ?? { fail("--fill-missing takes a number") }()
    case "--set":
        let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { fail("--set takes name=value") }
        if let n = Int(parts[1]) {
            assignment[parts[0]] = .integer(n)
        } else if let x = Double(parts[1]) {
            assignment[parts[0]] = .real(x)
        } else {
            assignment[parts[0]] = .label(parts[1])
        }
    default: fail("unknown option \(flag)")
    }
    k += 2
}

func csv(_ features: FeatureMatrix, target: [Double], to path: String) throws {
    var text = (features.names.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" } + ["__target__"]).joined(separator: ",") + "\n"
    for i in 0..<features.rowCount {
        var fields: [String] = []
        for j in 0..<features.columnCount {
            let x = features[i, j]
            fields.append(x.isNaN ? "" : "\(x)")
        }
        fields.append("\(target[i])")
        text += fields.joined(separator: ",") + "\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

/// Fit seconds and peak memory of a fit on the file's numeric columns as they are.
@MainActor func rawRun(task: Task) throws {
    let train = try CSVReader().read(trainPath).table
    let kept = Table(
        columns: train.columns.filter { !dropped.contains($0.name) }.map { column in
            guard let fill, column.isNumeric, column.name != targetName else { return column }
            return Column(name: column.name, type: column.type, storage: .numeric(column.numbers.map { $0.isNaN ? fill : $0 }))
        })
    let training = try Dataset(table: kept, target: targetName, task: task)
    let baseline = maxResidentMegabytes()
    let start = DispatchTime.now().uptimeNanoseconds
    let model = try Catalog.fit(algorithm, assignment: assignment, training: training, seed: seed, threads: threads)
    let fitSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    var scores = ""
    if testPath != "-" {
        let test = Table(columns: try CSVReader().read(testPath).table.columns.filter { !dropped.contains($0.name) })
        let testing = try Dataset(table: test, target: targetName, task: task, classes: training.classes)
        let prediction = try model.predict(testing.features, threads: threads)
        let metric: Metric = task == .regression ? .rmse : .auc
        scores = ", \"\(metric.rawValue)\": \(metric.evaluate(prediction, truth: testing.target))"
    }
    print(
        "{\"tool\": \"automl\", \"algorithm\": \"\(algorithm)\", \"task\": \"\(task.rawValue)\", \"rows\": \(training.rowCount), \"fit_seconds\": \(fitSeconds), \"data_rss_mb\": \(baseline), \"peak_rss_mb\": \(maxResidentMegabytes())\(scores)}"
    )
}

do {
    if let rawTask {
        try rawRun(task: rawTask)
        exit(0)
    }
    let train = try CSVReader().read(trainPath).table
    let test = try CSVReader().read(testPath).table
    let exploration = try Exploration(table: train, source: trainPath, profiler: Profiler(target: targetName, threads: threads))
    guard let task = exploration.profile.target?.problem.problemType else { fail("the target cannot be learned") }
    let family = try Catalog.family(of: algorithm)
    guard let plan = exploration.plans.first(where: { $0.family == family }) else { fail("no plan for \(family)") }
    let targetColumn = try train.column(named: targetName)
    let (fitted, trainFeatures) = try plan.pipeline.fitTransform(train, target: EncodingTarget(targetColumn, problemType: task), seed: 0)
    let testFeatures = try fitted.transform(test)
    let training = try Dataset(table: Table(columns: trainFeatures.columns + [targetColumn]), target: targetName, task: task)
    let testing = try Dataset(
        table: Table(columns: testFeatures.columns + [try test.column(named: targetName)]), target: targetName, task: task,
        classes: training.classes)
    if let exportDirectory {
        try FileManager.default.createDirectory(atPath: exportDirectory, withIntermediateDirectories: true)
        try csv(training.features, target: training.target, to: exportDirectory + "/train.csv")
        try csv(testing.features, target: testing.target, to: exportDirectory + "/test.csv")
    }
    let start = DispatchTime.now().uptimeNanoseconds
    let model = try Catalog.fit(algorithm, assignment: assignment, training: training, seed: seed, threads: threads)
    let fitSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let prediction = try model.predict(testing.features, threads: threads)
    if let exportDirectory {
        // One row per test row: the value, or each class's probability (for checking metrics outside).
        let width = max(1, prediction.classes.count)
        let lines = (0..<prediction.rowCount).map { i in
            (0..<width).map { "\(prediction.values[i * width + $0])" }.joined(separator: ",")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: exportDirectory + "/predictions.csv", atomically: true, encoding: .utf8)
    }
    let metrics: [Metric] = task == .regression ? [.rmse, .r2, .mae] : [.auc, .accuracy, .logLoss]
    let scores = metrics.map { "\"\($0.rawValue)\": \($0.evaluate(prediction, truth: testing.target))" }.joined(separator: ", ")
    print(
        "{\"tool\": \"automl\", \"algorithm\": \"\(algorithm)\", \"task\": \"\(task.rawValue)\", \"features\": \(training.features.columnCount), \"fit_seconds\": \(fitSeconds), \"peak_rss_mb\": \(maxResidentMegabytes()), \(scores)}"
    )
} catch let error as LocalizedError {
    fail(error.errorDescription ?? "\(error)")
} catch {
    fail("\(error)")
}
