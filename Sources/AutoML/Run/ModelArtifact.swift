import Foundation
import Learners
import Tabular
import Tuning

/// The best pipeline of an AutoML job, fitted on all training rows, as the `model/` directory
/// stores it: `manifest.json` (format version, target, task, classes, metric, algorithm and
/// hyperparameters, and the schema of the training columns), `pipeline.json` (the fitted
/// preprocessing) and `learner.json` (the fitted learner's model file).
public struct ModelArtifact: Sendable {
    /// What a model directory says about itself.
    public struct Manifest: Codable, Sendable, Equatable {
        /// A training column: its name and the type it was read as.
        public struct ColumnSchema: Codable, Sendable, Equatable {
            public var name: String
            public var type: String
        }

        public static let currentFormatVersion = 1
        public var formatVersion: Int
        public var target: String
        public var task: Task
        public var classes: [String]
        public var metric: String
        public var algorithm: String
        public var hyperparameters: Assignment
        /// The feature columns the pipeline reads (the target excluded), in file order.
        public var columns: [ColumnSchema]
    }

    public var manifest: Manifest
    public var pipeline: FeaturePipeline.Fitted
    public var learner: any Predictor

    public init(manifest: Manifest, pipeline: FeaturePipeline.Fitted, learner: any Predictor) {
        self.manifest = manifest
        self.pipeline = pipeline
        self.learner = learner
    }

    /// Fits `candidate` with `hyperparameters` on every row of `table`.
    /// - Throws: a preprocessing or learner error.
    public static func fit(
        _ candidate: Candidate, hyperparameters: Assignment, table: Table, target: String, task: Task, classes: [String],
        metric: Metric, seed: UInt64, threads: Int
    ) throws -> ModelArtifact {
        var training = table
        if candidate.plan.dropDuplicateRows { training = training.deduplicated() }
        let targetColumn = try training.column(named: target)
        let (fitted, features) = try candidate.plan.pipeline.fitTransform(training, target: EncodingTarget(targetColumn, problemType: task), seed: seed)
        let dataset = try Dataset(table: Table(columns: features.columns + [targetColumn]), target: target, task: task,
                                  classes: task.isClassification ? classes : nil)
        let learner = try Catalog.fit(candidate.algorithm, assignment: hyperparameters, training: dataset, seed: seed, threads: threads)
        let columns = table.columns.filter { $0.name != target }.map { Manifest.ColumnSchema(name: $0.name, type: $0.type.rawValue) }
        let manifest = Manifest(
            formatVersion: Manifest.currentFormatVersion, target: target, task: task, classes: dataset.classes, metric: metric.rawValue,
            algorithm: candidate.algorithm, hyperparameters: hyperparameters, columns: columns)
        return ModelArtifact(manifest: manifest, pipeline: fitted, learner: learner)
    }

    /// Writes the model directory.
    /// - Throws: a file system or encoding error.
    public func write(to directory: String) throws {
        let root = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(manifest).write(to: root.appendingPathComponent("manifest.json"))
        try encoder.encode(pipeline).write(to: root.appendingPathComponent("pipeline.json"))
        try ModelFile.encode(learner, algorithm: manifest.algorithm).write(to: root.appendingPathComponent("learner.json"))
    }

    /// Reads a model directory.
    /// - Throws: ``AutoMLError/unreadableFile(path:reason:)`` naming the file that is missing,
    ///   of another format version, or damaged.
    public static func read(from directory: String) throws -> ModelArtifact {
        let root = URL(fileURLWithPath: directory)
        func data(_ name: String) throws -> (Data, String) {
            let path = root.appendingPathComponent(name).path
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw AutoMLError.unreadableFile(path: path, reason: "no such file; --model must be the model/ directory an `automl run` wrote")
            }
            return (contents, path)
        }
        let (manifestData, manifestPath) = try data("manifest.json")
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: manifestData)
        } catch {
            throw AutoMLError.unreadableFile(path: manifestPath, reason: "it is not an automl model manifest (\(error))")
        }
        guard manifest.formatVersion == Manifest.currentFormatVersion else {
            throw AutoMLError.unreadableFile(path: manifestPath, reason: "it has format version \(manifest.formatVersion); this automl reads version \(Manifest.currentFormatVersion)")
        }
        let (pipelineData, pipelinePath) = try data("pipeline.json")
        let pipeline: FeaturePipeline.Fitted
        do {
            pipeline = try JSONDecoder().decode(FeaturePipeline.Fitted.self, from: pipelineData)
        } catch {
            throw AutoMLError.unreadableFile(path: pipelinePath, reason: "it is not a fitted automl pipeline (\(error))")
        }
        let (learnerData, learnerPath) = try data("learner.json")
        let learner = try ModelFile.decode(learnerData, path: learnerPath).model
        return ModelArtifact(manifest: manifest, pipeline: pipeline, learner: learner)
    }

    /// Predictions for every row of `table`, in order. Extra columns are ignored; unseen
    /// categories and missing values are handled as in training.
    /// - Throws: ``AutoMLError/schemaMismatch(file:reason:)`` when training columns are absent.
    public func predict(_ table: Table, file: String, threads: Int) throws -> Prediction {
        let missing = manifest.columns.map(\.name).filter { table.columnIndex(named: $0) == nil }
        if !missing.isEmpty {
            let shown = missing.prefix(10).map { "'\($0)'" }.joined(separator: ", ") + (missing.count > 10 ? " and \(missing.count - 10) more" : "")
            throw AutoMLError.schemaMismatch(
                file: file, reason: "the model was trained with columns this file lacks: \(shown). Add them (empty values are read as missing)")
        }
        let features: Table
        do {
            features = try pipeline.transform(table)
        } catch {
            throw AutoMLError.schemaMismatch(file: file, reason: error.errorDescription ?? "\(error)")
        }
        return try learner.predict(try FeatureMatrix(features), threads: threads)
    }
}
