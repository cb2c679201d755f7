import AutoML
import Foundation
import Learners
import Tabular
import TestSupport
import Testing
import Tuning

/// Every built-in learner trains and predicts on every shared dataset along the path the tuner
/// takes (profile -> plan for the learner's family -> feature pipeline -> fit -> predict), beats
/// a trivial baseline on the test split, and predicts the same after its model file is saved,
/// written to disk and read back.
@Suite struct LearnersOnSharedDatasetsTests {
    /// Small configurations: the suite checks the path, the benchmarks measure quality.
    static let quick: [String: Assignment] = [
        "gbdt": Assignment(["num_round": .integer(15), "max_depth": .integer(4)]),
        "random_forest": Assignment(["n_estimators": .integer(8), "min_samples_leaf": .integer(5)]),
        "extra_trees": Assignment(["n_estimators": .integer(8), "min_samples_leaf": .integer(5)]),
        "knn": Assignment(["k": .integer(10), "sample_size": .integer(2000)]),
        "mlp": Assignment(["hidden_layer_sizes": .label("16"), "max_iter": .integer(8), "learning_rate_init": .real(0.01)]),
    ]

    static let cases: [(String, String)] = ExplorationReportTests.targets.flatMap { dataset in
        Catalog.names.map { (dataset.0, $0) }
    }

    @Test(arguments: cases)
    func trainsPredictsAndReloads(_ dataset: String, _ algorithm: String) throws {
        let target = try #require(ExplorationReportTests.targets.first { $0.0 == dataset }?.1)
        let train = try CSVReader().read(Fixtures.sharedDataset("\(dataset)_train")).table
        let test = try CSVReader().read(Fixtures.sharedDataset("\(dataset)_test")).table
        let exploration = try Exploration(table: train, source: dataset, profiler: Profiler(target: target, threads: 2))
        let task = try #require(exploration.profile.target?.problem.problemType)
        let family = try Catalog.family(of: algorithm)
        let plan = try #require(exploration.plans.first { $0.family == family })
        let targetColumn = try train.column(named: target)
        let (fitted, trainFeatures) = try plan.pipeline.fitTransform(train, target: EncodingTarget(targetColumn, problemType: task), seed: 0)
        let training = try Dataset(table: Table(columns: trainFeatures.columns + [targetColumn]), target: target, task: task)
        let testing = try Dataset(
            table: Table(columns: try fitted.transform(test).columns + [test.column(named: target)]), target: target, task: task,
            classes: training.classes)
        let model = try Catalog.fit(algorithm, assignment: Self.quick[algorithm] ?? Assignment(), training: training, seed: 1, threads: 2)
        let prediction = try model.predict(testing.features, threads: 2)
        if task.isClassification {
            // Better than always answering the most frequent training class.
            var counts = [Int](repeating: 0, count: training.classes.count)
            for y in training.target { counts[Int(y)] += 1 }
            let majority = counts.indices.max { counts[$0] < counts[$1] } ?? 0
            let baseline = Double(testing.target.filter { Int($0) == majority }.count) / Double(testing.rowCount)
            #expect(Metric.accuracy.evaluate(prediction, truth: testing.target) > baseline, "\(dataset) \(algorithm)")
        } else {
            #expect(Metric.r2.evaluate(prediction, truth: testing.target) > 0.5, "\(dataset) \(algorithm)")
        }
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("model.json")
        try ModelFile.encode(model, algorithm: algorithm).write(to: file)
        let loaded = try ModelFile.decode(Data(contentsOf: file), path: file.path)
        #expect(try loaded.model.predict(testing.features, threads: 1) == prediction)
    }
}
