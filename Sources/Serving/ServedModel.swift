import AutoML
import Foundation
import Learners
import Tabular

/// A saved model as the server holds it: read once, its input columns in training order, and the
/// one prediction path `automl predict` also takes (``ModelArtifact/predict(_:file:threads:)``).
public struct ServedModel: Sendable {
    public let artifact: ModelArtifact
    /// The model directory it was read from.
    public let directory: String
    /// The input columns, in training order (what a headerless CSV row or a JSON array lists).
    public let columns: [String]
    /// Seconds it took to read.
    public let loadSeconds: Double

    /// Reads the model in `directory`.
    /// - Throws: the reader's error naming the file and what is wrong with it.
    public static func load(from directory: String) throws -> ServedModel {
        let start = ContinuousClock.now
        let artifact = try ModelArtifact.read(from: directory)
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        return ServedModel(artifact: artifact, directory: directory, columns: artifact.manifest.columns.map(\.name), loadSeconds: seconds)
    }

    /// Predicts one request's rows.
    /// - Throws: ``InvocationError`` 400 for rows the model cannot read (missing columns, named),
    ///   500 for a fault of the model itself.
    func predict(_ table: Table) throws(InvocationError) -> Prediction {
        do {
            return try artifact.predict(table, file: InvocationRows.sourceName, threads: 1)
        } catch let error as AutoMLError {
            if case .schemaMismatch = error { throw .badRequest(error.localizedDescription) }
            throw InvocationError(status: 500, error.localizedDescription)
        } catch {
            throw InvocationError(status: 500, error.localizedDescription)
        }
    }

    /// What `GET /model` answers: the model's task, target, classes, metric, decision threshold,
    /// members and input schema, from its manifest.
    func description() -> String {
        let manifest = artifact.manifest
        let description = ModelDescription(
            directory: directory, formatVersion: manifest.formatVersion, target: manifest.target, task: manifest.task.rawValue,
            metric: manifest.metric, classes: manifest.classes, threshold: manifest.decision?.threshold,
            columns: manifest.columns.map { .init(name: $0.name, type: $0.type) },
            members: manifest.memberList.map { .init(trial: $0.trial, algorithm: $0.algorithm, weight: $0.weight) }, loadSeconds: loadSeconds)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(description)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
