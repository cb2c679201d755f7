import Foundation
import Learners
import Tabular
import Testing
import Tuning

/// The contract every built-in algorithm in the ``Catalog`` passes, on small synthetic problems.
@Suite struct EstimatorContractTests {
    /// y depends on x0 (strongly), x1 (weakly, with missing values unless `complete`); x2 is noise.
    static func synthetic(task: Task, rows: Int = 600, seed: UInt64 = 1, complete: Bool = false) throws -> Dataset {
        var generator = SeededGenerator(seed: seed)
        var columns = [[Double]](repeating: [], count: 3)
        var target: [Double] = []
        for _ in 0..<rows {
            let x0 = Double.random(in: -2...2, using: &generator)
            let x1 = Double.random(in: -2...2, using: &generator)
            let x2 = Double.random(in: -2...2, using: &generator)
            let signal = 2 * x0 + 0.5 * x1 + Double.random(in: -0.5...0.5, using: &generator)
            columns[0].append(x0)
            let hide = Int.random(in: 0..<10, using: &generator) == 0 && !complete
            columns[1].append(hide ? .nan : x1)
            columns[2].append(x2)
            switch task {
            case .regression: target.append(signal)
            case .binary: target.append(signal > 0 ? 1 : 0)
            case .multiclass: target.append(signal < -1 ? 0 : (signal < 1 ? 1 : 2))
            }
        }
        let classes: [String] =
            switch task {
            case .regression: []
            case .binary: ["no", "yes"]
            case .multiclass: ["low", "mid", "high"]
            }
        return try Dataset(features: FeatureMatrix(names: ["x0", "x1", "x2"], columns: columns), target: target, task: task, classes: classes)
    }

    static let cases: [(String, Task)] = Catalog.names.flatMap { name in Task.allCases.map { (name, $0) } }

    @Test(arguments: cases)
    func fitsPredictsAndRoundTrips(_ name: String, _ task: Task) throws {
        let type = try Catalog.estimator(named: name)
        guard type.supports(task) else { return }
        // Only tree learners take missing values; the others get imputed features from the plan.
        let complete = type.family != .trees
        let training = try Self.synthetic(task: task, complete: complete)
        let testing = try Self.synthetic(task: task, rows: 300, seed: 2, complete: complete)
        let space = type.searchSpace(rows: training.rowCount, columns: training.features.columnCount, task: task)
        try space.validate(space.initialAssignment)
        let model = try Catalog.fit(name, assignment: space.initialAssignment, training: training, seed: 7, threads: 2)
        #expect(model.featureNames == ["x0", "x1", "x2"])
        let prediction = try model.predict(testing.features, threads: 2)
        #expect(prediction.rowCount == testing.rowCount)
        if task.isClassification {
            #expect(prediction.classes == training.classes)
            for i in 0..<prediction.rowCount {
                let sum = (0..<prediction.classes.count).reduce(0) { $0 + prediction.probability(row: i, class: $1) }
                #expect(abs(sum - 1) < 1e-9)
            }
            #expect(Metric.accuracy.evaluate(prediction, truth: testing.target) > 0.8, "\(name) \(task)")
        } else {
            #expect(Metric.r2.evaluate(prediction, truth: testing.target) > 0.8, "\(name) \(task)")
        }
        // Saved and loaded, the model predicts exactly the same.
        let data = try ModelFile.encode(model, algorithm: name)
        let loaded = try ModelFile.decode(data, path: "memory")
        #expect(loaded.algorithm == name)
        #expect(try loaded.model.predict(testing.features, threads: 1) == prediction)
        // Same seed, same model; features given in another order are aligned by name.
        let again = try Catalog.fit(name, assignment: space.initialAssignment, training: training, seed: 7, threads: 1)
        #expect(try again.predict(testing.features, threads: 2) == prediction)
        let shuffled = try FeatureMatrix(
            names: ["x2", "x0", "x1"], columns: [2, 0, 1].map { Array(testing.features.column($0)) })
        #expect(try model.predict(shuffled, threads: 2) == prediction)
    }

    @Test(arguments: Catalog.names)
    func rejectsBadHyperparametersAndInputs(_ name: String) throws {
        let complete = try Catalog.family(of: name) != .trees
        #expect(throws: LearnersError.self) {
            try Catalog.fit(
                name, assignment: Assignment(["no_such_parameter": .real(1)]), training: Self.synthetic(task: .regression), seed: 0, threads: 1)
        }
        let training = try Self.synthetic(task: .binary, complete: complete)
        let model = try Catalog.fit(name, assignment: Assignment(), training: training, seed: 0, threads: 1)
        let missingFeature = try FeatureMatrix(names: ["x0", "x1"], columns: [[1], [2]])
        #expect(throws: LearnersError.missingColumn(name: "x2", available: ["x0", "x1"])) { try model.predict(missingFeature, threads: 1) }
    }

    @Test(arguments: Catalog.names)
    func validationWithOtherClassesIsRefused(_ name: String) throws {
        let complete = try Catalog.family(of: name) != .trees
        let training = try Self.synthetic(task: .binary, complete: complete)
        let three = try Self.synthetic(task: .multiclass, rows: 50, complete: complete)
        #expect(throws: LearnersError.unknownClass(label: "low", row: 0, known: ["no", "yes"])) {
            try Catalog.fit(name, assignment: Assignment(), training: training, validation: three, seed: 0, threads: 1)
        }
    }

    @Test func datasetRejectsBadTargets() throws {
        let features = try FeatureMatrix(names: ["x"], columns: [[1, 2, 3]])
        #expect(throws: LearnersError.singleClass(label: "a")) { try Dataset(features: features, target: [0, 0, 0], task: .binary, classes: ["a"]) }
        #expect(throws: LearnersError.noFeatures) { try Dataset(features: FeatureMatrix(names: [], columns: []), target: [], task: .regression) }
        #expect(throws: LearnersError.nonNumericFeature(name: "label", type: "categorical")) {
            try FeatureMatrix(Table(columns: [Column(name: "label", type: .categorical, storage: .categorical(codes: [0], levels: ["a"]))]))
        }
        #expect(throws: LearnersError.shapeMismatch(what: "feature column length", expected: 2, found: 1)) {
            try FeatureMatrix(names: ["a", "b"], columns: [[1, 2], [3]])
        }
        #expect(
            throws: LearnersError.invalidHyperparameter(learner: "gbdt", message: "Hyperparameter 'eta' = 'fast' is not a number. Give a number.")
        ) {
            try GradientBoostedTrees(assignment: Assignment(["eta": .label("fast")]))
        }
        #expect(throws: LearnersError.emptyTrainingSet) {
            try Dataset(features: FeatureMatrix(names: ["x"], columns: [[]]), target: [], task: .regression)
        }
        #expect(throws: LearnersError.invalidTarget(row: 1, reason: "it is missing or not finite")) {
            try Dataset(features: features, target: [1, .nan, 2], task: .regression)
        }
        #expect(throws: LearnersError.invalidWeight(row: 2, value: -1)) {
            try Dataset(features: features, target: [1, 2, 3], task: .regression, weights: [1, 1, -1])
        }
        #expect(throws: LearnersError.shapeMismatch(what: "target length", expected: 3, found: 2)) {
            try Dataset(features: features, target: [1, 2], task: .regression)
        }
        // A validation file with a class the training rows lack.
        let table = Table(columns: [
            Column(name: "x", type: .real, storage: .numeric([1, 2])),
            Column(name: "y", type: .categorical, storage: .categorical(codes: [0, 1], levels: ["a", "c"])),
        ])
        #expect(throws: LearnersError.unknownClass(label: "c", row: 1, known: ["a", "b"])) {
            try Dataset(table: table, target: "y", task: .binary, classes: ["a", "b"])
        }
    }

    @Test func modelFilesFromTheFutureOrElsewhereAreRefused() {
        #expect(throws: LearnersError.unsupportedVersion(found: 9, supported: ModelFile.formatVersion)) {
            try ModelFile.decode(Data(#"{"format_version": 9, "algorithm": "gbdt", "model": {}}"#.utf8), path: "m.json")
        }
        #expect(throws: LearnersError.unknownAlgorithm(name: "svm", known: Catalog.names)) {
            try ModelFile.decode(Data(#"{"format_version": 1, "algorithm": "svm", "model": {}}"#.utf8), path: "m.json")
        }
        #expect(throws: LearnersError.self) { try ModelFile.decode(Data("not json".utf8), path: "m.json") }
        #expect(throws: LearnersError.self) {
            try ModelFile.decode(Data(#"{"format_version": 1, "algorithm": "gbdt", "model": {"trees": 3}}"#.utf8), path: "m.json")
        }
    }
}
