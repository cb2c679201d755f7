import Foundation

/// A job as the store lists it (`automl jobs`): what kind it is, where its outputs go, how it
/// stands, and its full definition (JSON), so that `--resume` can run it again exactly.
public struct JobRecord: Codable, Sendable, Equatable {
    /// The kinds of job that share the store.
    public enum Kind: String, Codable, Sendable {
        /// `automl tune`: trials are a user's command.
        case tuning
        /// `automl run`: trials are built-in pipelines.
        case automl
    }

    /// How a job stands.
    public enum Status: String, Codable, Sendable {
        case inProgress = "InProgress"
        case completed = "Completed"
        /// Interrupted (Ctrl-C) or killed: `--resume` continues it.
        case stopped = "Stopped"
        case failed = "Failed"
    }

    public var name: String
    public var kind: Kind
    /// The job's definition as JSON, in the form its kind's runner reads back.
    public var definition: String
    public var outputDirectory: String
    public var status: Status
    /// Why the job ended (the completion reason or the error); empty while it runs.
    public var reason: String
    /// Wall-clock seconds spent running, summed over resumptions.
    public var elapsedSeconds: Double
    public var createdAt: Date
    public var updatedAt: Date
    /// The process running the job while it is InProgress (nil for records older than this field).
    public var owner: JobOwner?
    /// When the owner last said it is alive (see ``JobLifecycle``).
    public var heartbeatAt: Date?

    public init(
        name: String, kind: Kind, definition: String, outputDirectory: String, status: Status = .inProgress,
        reason: String = "", elapsedSeconds: Double = 0, createdAt: Date = Date(), updatedAt: Date = Date(),
        owner: JobOwner? = nil, heartbeatAt: Date? = nil
    ) {
        self.name = name
        self.kind = kind
        self.definition = definition
        self.outputDirectory = outputDirectory
        self.status = status
        self.reason = reason
        self.elapsedSeconds = elapsedSeconds
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.owner = owner
        self.heartbeatAt = heartbeatAt
    }

    /// Whether two update times are the same to the millisecond (a store keeps them as seconds in a
    /// double, which may not round-trip a `Date` exactly).
    public static func sameUpdate(_ first: Date, _ second: Date) -> Bool {
        abs(first.timeIntervalSince1970 - second.timeIntervalSince1970) < 0.001
    }
}
