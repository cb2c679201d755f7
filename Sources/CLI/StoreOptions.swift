import ArgumentParser
import AutoML
import Foundation
import Tuning

/// Where jobs and trials are stored, shared by the commands that run or list jobs.
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Where jobs and trials are recorded: an SQLite file, or a PostgreSQL database shared by many machines (postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=require]).",
            discussion: "Default: $AUTOML_STORE, else runs/automl.sqlite in the current directory."))
    var store: String?

    @Option(
        name: .customLong("store-timeout"),
        help: ArgumentHelp(
            "How long a PostgreSQL store may be unreachable before the command gives up and exits 1 (default: 30s).",
            discussion:
                "A statement unanswered this long counts as a lost connection; a lost or refused connection is retried with back-off for this long. The job's record is left as it is, so other workers go on."
        ))
    var storeTimeout = "30s"

    /// The store as given: a file path or a PostgreSQL URL (with its password, if any).
    var path: String {
        if let store { return store }
        if let variable = ProcessInfo.processInfo.environment["AUTOML_STORE"], !variable.isEmpty { return variable }
        return "runs/automl.sqlite"
    }

    /// The store for messages: the path, or the URL without its password.
    var shown: String { PostgreSQLLocation.isPostgreSQL(path) ? PostgreSQLLocation.redact(path) : path }

    /// The command line as typed, for reports and job records, with any password in a URL (a
    /// PostgreSQL store's) replaced by `***`.
    static var commandAsTyped: [String] { ["automl"] + CommandLine.arguments.dropFirst().map(PostgreSQLLocation.redact) }

    /// Whether there is a store to read (a PostgreSQL store always is; a file when it exists).
    var exists: Bool { PostgreSQLLocation.isPostgreSQL(path) || FileManager.default.fileExists(atPath: path) }

    /// Kills job `name`'s running trials' process groups and records the job Stopped with `reason`
    /// unless it already ended otherwise (a second signal ends the process before the job could do
    /// either itself); store errors are reported, not thrown.
    static func markStopped(_ store: any TrialStore & JobStore, job name: String, reason: String) {
        // Closing the gate keeps the job's own tasks, which see the killed trials return before the
        // process exits, from writing their first-signal record over this one.
        JobRecordGate.close { recordStopped(store, job: name, reason: reason) }
    }

    private static func recordStopped(_ store: any TrialStore & JobStore, job name: String, reason: String) {
        do {
            guard var job = try store.job(named: name) else { return }
            // Trials are killed whatever the record says: the first signal may already have recorded
            // the job Stopped while its trials were still being given their grace period.
            try JobLifecycle.killRunningTrials(of: name, in: store)
            guard job.status == .inProgress || job.status == .stopped else { return }
            job.status = .stopped
            job.reason = reason
            job.updatedAt = Date()
            try store.saveJob(job)
        } catch {
            FileHandle.standardError.write(Data("automl: could not record job '\(name)' as stopped: \(error)\n".utf8))
        }
    }

    /// Opens the store: a PostgreSQL database (its schema brought up to date), or an SQLite file
    /// (created, with its directory, if needed).
    func open() throws -> any TrialStore & JobStore {
        if PostgreSQLLocation.isPostgreSQL(path) {
            let server: PostgreSQLLocation
            do {
                server = try PostgreSQLLocation(parsing: path)
            } catch {
                throw InputError(message: "--store: \(error.localizedDescription)")
            }
            let seconds = try TuneCommand.duration(storeTimeout, flag: "--store-timeout")
            guard seconds >= 0.1 else { throw InputError(message: "--store-timeout must be at least 0.1s (got '\(storeTimeout)').") }
            return try PostgreSQLTrialStore(server: server, reconnectWindow: .saturating(seconds: seconds))
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(
                message:
                    "the store \(path) is a directory; --store names an SQLite file, e.g. \((path as NSString).appendingPathComponent("automl.sqlite"))"
            )
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(
                message: "cannot create the store's directory \(directory.path): \(error.localizedDescription). Choose another place with --store.")
        }
        return try SQLiteTrialStore(path: path)
    }
}
