/// How `automl serve` runs: where the model is, where it listens, how many I/O threads, the largest
/// request body, and what classification responses carry.
public struct ServerSettings: Sendable {
    /// SageMaker's real-time payload limit: 6 MB.
    public static let defaultMaximumBodyBytes = 6 * 1024 * 1024

    public var modelDirectory: String
    public var host: String
    /// 0: any free port (the one bound is printed).
    public var port: Int
    /// SwiftNIO event-loop threads.
    public var workers: Int
    public var maximumBodyBytes: Int
    public var outputKeys: [InferenceOutputKey]

    public init(
        modelDirectory: String, host: String = "127.0.0.1", port: Int = 8080, workers: Int = 2,
        maximumBodyBytes: Int = defaultMaximumBodyBytes, outputKeys: [InferenceOutputKey] = [.predictedLabel]
    ) {
        self.modelDirectory = modelDirectory
        self.host = host
        self.port = port
        self.workers = workers
        self.maximumBodyBytes = maximumBodyBytes
        self.outputKeys = outputKeys
    }
}
