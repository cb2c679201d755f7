import ArgumentParser
import AutoML
import Foundation
import Tuning

/// Where jobs and trials are stored, shared by the commands that run or list jobs.
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The SQLite file that records jobs and trials.",
            discussion: "Default: $AUTOML_STORE, else runs/automl.sqlite in the current directory."))
    var store: String?

    /// The store's path.
    var path: String {
        if let store { return store }
        if let variable = ProcessInfo.processInfo.environment["AUTOML_STORE"], !variable.isEmpty { return variable }
        return "runs/automl.sqlite"
    }

    /// Kills job `name`'s running trials' process groups and records the job Stopped with `reason`
    /// unless it already ended otherwise (a second signal ends the process before the job could do
    /// either itself); store errors are reported, not thrown.
    static func markStopped(_ store: SQLiteTrialStore, job name: String, reason: String) {
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

    /// Opens (creating if needed) the store and its directory.
    func open() throws -> SQLiteTrialStore {
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
