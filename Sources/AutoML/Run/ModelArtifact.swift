import Foundation
import Learners
import Tabular
import Tuning

/// The final model of an AutoML job, fitted on all training rows: one pipeline (preprocessing and
/// learner) or a weighted ensemble of several, as the `model/` directory stores it.
///
/// Layout (format version 2): `manifest.json` (format version, target, task, classes, metric, the
/// schema of the training columns, and per member its trial, algorithm, hyperparameters, weight and
/// directory), and per member `members/<n>-<algorithm>/pipeline.json` (the fitted preprocessing) and
/// `learner.json` (the learner's model file). Version 1 directories (one pipeline, its two files
/// beside the manifest) still read.
public struct ModelArtifact: Sendable {
    /// What a model directory says about itself.
    public struct Manifest: Codable, Sendable, Equatable {
        /// A training column: its name and the type it was read as.
        public struct ColumnSchema: Codable, Sendable, Equatable {
            public var name: String
            public var type: String
        }

        /// One pipeline of the model.
        public struct MemberInfo: Codable, Sendable, Equatable {
            /// The trial that evaluated it (nil in version 1 files).
            public var trial: Int?
            public var algorithm: String
            public var hyperparameters: Assignment
            /// Its share of the averaged prediction (1 for a single model).
            public var weight: Double
            /// Its files' directory, relative to the model directory.
            public var directory: String
            /// The transform its learner's target went through (nil: none).
            public var targetTransform: FittedTargetTransform?
        }

        public static let currentFormatVersion = 2
        public var formatVersion: Int
        public var target: String
        public var task: Task
        public var classes: [String]
        public var metric: String
        /// The single member's algorithm, or `ensemble`.
        public var algorithm: String
        /// The single member's hyperparameters (empty for an ensemble).
        public var hyperparameters: Assignment
        /// The feature columns the pipelines read (the target excluded), in file order.
        public var columns: [ColumnSchema]
        /// The pipelines (absent in version 1 files: one, beside the manifest).
        public var members: [MemberInfo]?
        /// A binary model's decision threshold (absent: the most probable class is predicted).
        public var decision: ThresholdDecision?

        /// The members, also for version 1 manifests.
        public var memberList: [MemberInfo] {
            members ?? [
                MemberInfo(trial: nil, algorithm: algorithm, hyperparameters: hyperparameters, weight: 1, directory: ".", targetTransform: nil)
            ]
        }
    }

    /// A fitted pipeline of the model.
    public struct Member: Sendable {
        public var pipeline: FeaturePipeline.Fitted
        public var learner: any Predictor
        public var targetTransform: FittedTargetTransform?
    }

    /// What to fit for one member: a candidate with hyperparameters, its weight and its trial.
    public struct MemberSpecification: Sendable {
        public var candidate: Candidate
        public var hyperparameters: Assignment
        public var weight: Double
        public var trial: Int?

        public init(candidate: Candidate, hyperparameters: Assignment, weight: Double = 1, trial: Int? = nil) {
            self.candidate = candidate
            self.hyperparameters = hyperparameters
            self.weight = weight
            self.trial = trial
        }
    }

    public var manifest: Manifest
    /// In ``Manifest/memberList`` order.
    public var members: [Member]

    public var isEnsemble: Bool { members.count > 1 }

    /// Fits every member on every row of `table`, rows counting by their `weights` (nil: all ones).
    /// - Throws: a preprocessing or learner error.
    public static func fit(
        _ specifications: [MemberSpecification], table: Table, weights: [Double]? = nil, target: String, task: Task, classes: [String],
        metric: Metric, decision: ThresholdDecision? = nil, seed: UInt64, threads: Int
    ) throws -> ModelArtifact {
        precondition(!specifications.isEmpty, "a model needs a member")
        var members: [Member] = []
        var infos: [Manifest.MemberInfo] = []
        for (index, specification) in specifications.enumerated() {
            try CancellationToken.checkCancellation()
            let candidate = specification.candidate
            let (fitted, dataset) = try candidate.fitPreprocessing(table, weights: weights, target: target, task: task, classes: classes, seed: seed)
            let (learner, fittedTransform) = try candidate.fitLearner(
                hyperparameters: specification.hyperparameters, training: dataset, seed: seed, threads: threads)
            members.append(Member(pipeline: fitted, learner: learner, targetTransform: fittedTransform))
            infos.append(
                Manifest.MemberInfo(
                    trial: specification.trial, algorithm: candidate.algorithm, hyperparameters: specification.hyperparameters,
                    weight: specification.weight, directory: "members/\(index + 1)-\(candidate.algorithm)",
                    targetTransform: fittedTransform))
        }
        let single = specifications.count == 1 ? specifications[0] : nil
        let columns = table.columns.filter { $0.name != target }.map { Manifest.ColumnSchema(name: $0.name, type: $0.type.rawValue) }
        let manifest = Manifest(
            formatVersion: Manifest.currentFormatVersion, target: target, task: task, classes: members[0].learner.classes, metric: metric.rawValue,
            algorithm: single?.candidate.algorithm ?? "ensemble", hyperparameters: single?.hyperparameters ?? Assignment([:]),
            columns: columns, members: infos, decision: members[0].learner.classes.count == 2 ? decision : nil)
        return ModelArtifact(manifest: manifest, members: members)
    }

    /// Writes the model directory.
    /// - Throws: a file system or encoding error.
    public func write(to directory: String) throws {
        let root = URL(fileURLWithPath: directory)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(manifest).write(to: root.appendingPathComponent("manifest.json"))
        for (info, member) in zip(manifest.memberList, members) {
            let folder = root.appendingPathComponent(info.directory)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try encoder.encode(member.pipeline).write(to: folder.appendingPathComponent("pipeline.json"))
            try ModelFile.encode(member.learner, algorithm: info.algorithm).write(to: folder.appendingPathComponent("learner.json"))
        }
    }

    /// Bytes of every file under `directory` (a written model's size).
    public static func size(of directory: String) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return 0 }
        var total = 0
        while let path = walker.nextObject() as? String {
            let attributes = try? FileManager.default.attributesOfItem(atPath: (directory as NSString).appendingPathComponent(path))
            if (attributes?[.type] as? FileAttributeType) == .typeRegular { total += (attributes?[.size] as? Int) ?? 0 }
        }
        return total
    }

    /// Reads a model directory.
    /// - Throws: ``AutoMLError/unreadableFile(path:reason:)`` naming the file that is missing,
    ///   of another format version, or damaged.
    public static func read(from directory: String) throws -> ModelArtifact {
        let root = URL(fileURLWithPath: directory)
        func data(_ name: String) throws -> (Data, String) {
            let path = root.appendingPathComponent(name).standardizedFileURL.path
            // Read through a file handle, which also reads a named pipe to its end (`serve` tests
            // hold a model's load that way); FileManager.contents(atPath:) returns nil for one.
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw AutoMLError.unreadableFile(path: path, reason: "no such file; --model must be the model/ directory an `automl run` wrote")
            }
            defer { try? handle.close() }
            do {
                return (try handle.readToEnd() ?? Data(), path)
            } catch {
                throw AutoMLError.unreadableFile(path: path, reason: error.localizedDescription)
            }
        }
        let (manifestData, manifestPath) = try data("manifest.json")
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: manifestData)
        } catch {
            throw AutoMLError.unreadableFile(path: manifestPath, reason: "it is not an automl model manifest (\(error))")
        }
        guard (1...Manifest.currentFormatVersion).contains(manifest.formatVersion) else {
            throw AutoMLError.unreadableFile(
                path: manifestPath,
                reason: "it has format version \(manifest.formatVersion); this automl reads versions 1 to \(Manifest.currentFormatVersion)")
        }
        guard !manifest.memberList.isEmpty else { throw AutoMLError.unreadableFile(path: manifestPath, reason: "it lists no member pipelines") }
        var members: [Member] = []
        for info in manifest.memberList {
            let (pipelineData, pipelinePath) = try data(info.directory + "/pipeline.json")
            let pipeline: FeaturePipeline.Fitted
            do {
                pipeline = try JSONDecoder().decode(FeaturePipeline.Fitted.self, from: pipelineData)
            } catch {
                throw AutoMLError.unreadableFile(path: pipelinePath, reason: "it is not a fitted automl pipeline (\(error))")
            }
            let (learnerData, learnerPath) = try data(info.directory + "/learner.json")
            let learner = try ModelFile.decode(learnerData, path: learnerPath).model
            guard learner.classes == manifest.classes else {
                throw AutoMLError.unreadableFile(
                    path: learnerPath, reason: "its classes \(learner.classes) differ from the manifest's \(manifest.classes)")
            }
            members.append(Member(pipeline: pipeline, learner: learner, targetTransform: info.targetTransform))
        }
        return ModelArtifact(manifest: manifest, members: members)
    }

    /// Predictions for every row of `table`, in order: the weighted average of the members'
    /// probabilities or values, labelled at the manifest's decision threshold when it has one.
    /// Extra columns are ignored; unseen categories and missing values are handled as in training.
    /// - Throws: ``AutoMLError/schemaMismatch(file:reason:)`` when training columns are absent.
    public func predict(_ table: Table, file: String, threads: Int) throws -> Prediction {
        let missing = manifest.columns.map(\.name).filter { table.columnIndex(named: $0) == nil }
        if !missing.isEmpty {
            let shown = missing.prefix(10).map { "'\($0)'" }.joined(separator: ", ") + (missing.count > 10 ? " and \(missing.count - 10) more" : "")
            throw AutoMLError.schemaMismatch(
                file: file, reason: "the model was trained with columns this file lacks: \(shown). Add them (empty values are read as missing)")
        }
        var combined: [Double] = []
        for (info, member) in zip(manifest.memberList, members) {
            let features: Table
            do {
                features = try member.pipeline.transform(table)
            } catch {
                throw AutoMLError.schemaMismatch(file: file, reason: error.errorDescription ?? "\(error)")
            }
            let prediction = member.targetTransform.invert(try member.learner.predict(try FeatureMatrix(features), threads: threads))
            if members.count == 1 { return decided(prediction) }
            if combined.isEmpty { combined = [Double](repeating: 0, count: prediction.values.count) }
            for i in combined.indices { combined[i] += info.weight * prediction.values[i] }
        }
        return manifest.classes.isEmpty ? Prediction(regression: combined) : decided(Prediction(classes: manifest.classes, probabilities: combined))
    }

    /// Training columns read as numbers whose values in `table` include text that is not a number
    /// (the model reads such a value as missing): the column, how many values, and the first.
    public func textInNumericColumns(_ table: Table) -> [(column: String, count: Int, example: String)] {
        manifest.columns.compactMap { schema in
            guard schema.type == ColumnType.integer.rawValue || schema.type == ColumnType.real.rawValue,
                let index = table.columnIndex(named: schema.name), !table.columns[index].isNumeric
            else { return nil }
            let column = table.columns[index]
            var count = 0
            var example: String?
            for row in 0..<column.count {
                guard let text = column.text(at: row), Double(text.trimmingCharacters(in: .whitespaces)) == nil else { continue }
                count += 1
                if example == nil { example = text }
            }
            return example.map { (schema.name, count, $0) }
        }
    }

    /// `prediction` labelled at the decision threshold, if the model has one.
    func decided(_ prediction: Prediction) -> Prediction {
        guard let decision = manifest.decision, prediction.classes.count == 2 else { return prediction }
        return prediction.labelled(atThreshold: decision.threshold)
    }
}
