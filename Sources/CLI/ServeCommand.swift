import ArgumentParser
import Foundation
import Serving

/// `automl serve`: a saved model behind an HTTP endpoint that speaks SageMaker's inference
/// container contract.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a saved model over HTTP, as a SageMaker inference container does.",
        discussion: """
            GET /ping answers 200 once the model is loaded (503 before). POST /invocations predicts \
            every row of its body: text/csv (with a header, or without one in the training column \
            order), application/json ({"instances": [{...}, ...]} of objects or of arrays in training \
            column order) or application/jsonlines; the Accept header picks text/csv, application/json \
            or application/jsonlines for the answer (default: the request's type). Classification \
            answers carry the keys chosen with --inference-output (or SAGEMAKER_INFERENCE_OUTPUT): \
            predicted_label, probability (of the predicted label), probabilities, labels; regression \
            answers carry the value (`score` in JSON). GET /model describes the model and its input \
            columns. Bad requests get a 4xx with a JSON error; SIGTERM lets requests in flight finish. \
            Without --model: $SM_MODEL_DIR, else /opt/ml/model.
            """
    )

    @Option(help: "The model directory (DIR/model of an automl run). Default: $SM_MODEL_DIR, else /opt/ml/model.")
    var model: String?

    @Option(help: "The address to listen on (0.0.0.0: every interface, as in a container).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port; the one bound is printed).")
    var port = 8080

    @Option(help: "Threads that serve requests: each reads, predicts and answers the requests of its connections.")
    var workers = 2

    @Option(help: "The largest request body accepted (413 above it), e.g. 6MB or 512KB.")
    var maxBodySize = ByteCount(bytes: ServerSettings.defaultMaximumBodyBytes)

    @Option(
        help:
            "Keys of a classification answer, comma-separated: predicted_label, probability, probabilities, labels. Default: $SAGEMAKER_INFERENCE_OUTPUT, else predicted_label."
    )
    var inferenceOutput: String?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535 (got \(port)).") }
        guard (1...256).contains(workers) else { throw ValidationError("--workers must be from 1 to 256 (got \(workers)).") }
        // The option is checked here; the environment variable when the server starts (run()).
        if inferenceOutput != nil { _ = try outputKeys() }
    }

    /// The keys from --inference-output, else SAGEMAKER_INFERENCE_OUTPUT, else predicted_label.
    func outputKeys() throws -> [InferenceOutputKey] {
        if let inferenceOutput {
            do { return try InferenceOutputKey.list(inferenceOutput, source: "--inference-output") } catch { throw ValidationError(error.message) }
        }
        if let variable = ProcessInfo.processInfo.environment["SAGEMAKER_INFERENCE_OUTPUT"] {
            do { return try InferenceOutputKey.list(variable, source: "SAGEMAKER_INFERENCE_OUTPUT") } catch {
                throw InputError(message: error.message)
            }
        }
        return [.predictedLabel]
    }

    /// --model, else SM_MODEL_DIR, else /opt/ml/model.
    var modelDirectory: String {
        if let model { return model }
        if let variable = ProcessInfo.processInfo.environment["SM_MODEL_DIR"], !variable.isEmpty { return variable }
        return "/opt/ml/model"
    }

    func run() async throws {
        let directory = modelDirectory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(
                message: "no model directory at \(directory); give --model DIR (the model/ folder of an automl run) or set SM_MODEL_DIR")
        }
        let settings = ServerSettings(
            modelDirectory: directory, host: host, port: port, workers: workers, maximumBodyBytes: maxBodySize.bytes, outputKeys: try outputKeys())
        let host = self.host
        try await InferenceServer(settings: settings).run { port in
            // Written straight to the descriptor: a pipe reader (a supervisor, a test) sees it at once.
            FileHandle.standardOutput.write(Data("automl serve: listening on http://\(host):\(port) (model \(directory))\n".utf8))
        }
    }
}
