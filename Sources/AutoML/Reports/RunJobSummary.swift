import Foundation
import Learners
import Tuning

/// What `automl jobs show NAME` prints for an AutoML job: its data and settings, its status, its
/// trials by algorithm, the saved model, and where its reports are.
public struct RunJobSummary: Sendable {
    public var job: JobRecord
    public var configuration: RunConfiguration
    public var trials: [Trial]
    /// The saved model's manifest (nil when the job wrote none, or it is gone).
    public var manifest: ModelArtifact.Manifest?

    public init(job: JobRecord, configuration: RunConfiguration, trials: [Trial], manifest: ModelArtifact.Manifest?) {
        self.job = job
        self.configuration = configuration
        self.trials = trials
        self.manifest = manifest
    }

    /// Reads the job's definition and, when present, its saved model's manifest.
    /// - Throws: ``AutoMLError/unreadableFile(path:reason:)`` when the stored definition is not a run's.
    public static func load(job: JobRecord, trials: [Trial]) throws -> RunJobSummary {
        let configuration: RunConfiguration
        do {
            configuration = try JSONDecoder().decode(RunConfiguration.self, from: Data(job.definition.utf8))
        } catch {
            throw AutoMLError.unreadableFile(path: "job \(job.name)", reason: "its stored definition is not an automl run's (\(error))")
        }
        let manifestPath = URL(fileURLWithPath: job.outputDirectory).appendingPathComponent("model/manifest.json")
        let manifest = (try? Data(contentsOf: manifestPath)).flatMap { try? JSONDecoder().decode(ModelArtifact.Manifest.self, from: $0) }
        return RunJobSummary(job: job, configuration: configuration, trials: trials, manifest: manifest)
    }

    /// The job's metric (as stored once the job resolved its default).
    var metric: Metric? { configuration.metric }

    /// The best completed value among `trials` by the job's metric.
    public func best(of trials: [Trial]) -> Trial? {
        trials.best(metric?.direction ?? .maximize)
    }

    public var markdown: String {
        var document = MarkdownDocument()
        document.heading(1, "AutoML job \(job.name)")
        let config = configuration
        var facts = [
            "**Data:** " + MarkdownDocument.code(config.data) + ", target " + MarkdownDocument.code(config.target)
                + (config.problemType.map { ", a \($0.rawValue) task" } ?? ""),
            "**Metric:** "
                + (metric.map { MarkdownDocument.code($0.rawValue) + " (\($0.higherIsBetter ? "higher" : "lower") is better)" } ?? "not chosen yet"),
            "**Status:** \(job.status.rawValue)" + (job.reason.isEmpty ? "" : ", " + MarkdownDocument.escape(job.reason))
                + "; \(TimeSpan.describe(job.elapsedSeconds)) of the \(TimeSpan.describe(config.timeLimit)) allowed",
            "**Settings:** \(config.parallel) at once, seed \(config.seed)" + (config.maxCandidates.map { ", at most \($0) pipelines" } ?? "")
                + (config.algorithms.map { ", algorithms " + $0.joined(separator: ", ") } ?? ""),
        ]
        switch job.status {
        case .stopped, .failed:
            facts.append(
                "**Resume:** " + MarkdownDocument.code("automl run --resume \(job.name)")
                    + " continues it, its finished trials kept, in the time its limit has left")
        case .inProgress:
            if let owner = job.owner {
                let beat = job.heartbeatAt.map { ", last heartbeat \(TimeSpan.describe(max(0, Date().timeIntervalSince($0)))) ago" } ?? ""
                facts.append("**Running in:** \(owner)\(beat)")
            }
        case .completed:
            break
        }
        let count = { (status: TrialStatus) in trials.filter { $0.status == status }.count }
        facts.append("**Trials:** \(count(.completed)) completed, \(count(.failed)) failed, \(count(.stopped)) stopped")
        document.bullets(facts)

        var rows: [[String]] = []
        let byAlgorithm = Dictionary(grouping: trials) { CandidateGenerator.split($0.assignment).candidate }
        for algorithm in byAlgorithm.keys.sorted() {
            let group = byAlgorithm[algorithm] ?? []
            let winner = best(of: group)
            rows.append([
                algorithm, String(group.filter { $0.status == .completed }.count), String(group.filter { $0.status == .failed }.count),
                winner?.value.map { NumberFormat.short($0) } ?? "", winner.map { String($0.number) } ?? "",
            ])
        }
        if !rows.isEmpty {
            document.heading(2, "Trials by algorithm")
            document.table(
                ["algorithm", "completed", "failed", "best \(metric?.rawValue ?? "value")", "best trial"], rows, rightAligned: [1, 2, 3, 4])
        }
        document.heading(2, "Saved model")
        if let manifest {
            let members = manifest.members ?? []
            if members.count > 1 {
                document.paragraph("An ensemble of \(members.count) pipelines:")
                document.table(
                    ["trial", "algorithm", "weight"], members.map { [$0.trial.map(String.init) ?? "", $0.algorithm, NumberFormat.short($0.weight)] },
                    rightAligned: [0, 2])
            } else {
                let member = members.first
                document.paragraph(
                    "One pipeline: " + MarkdownDocument.code(manifest.algorithm) + (member?.trial.map { " (trial \($0))" } ?? "")
                        + (TuningReport.summary(manifest.hyperparameters).isEmpty
                            ? "" : " with " + MarkdownDocument.escape(TuningReport.summary(manifest.hyperparameters))) + ".")
            }
        } else {
            document.paragraph("None in " + MarkdownDocument.code(job.outputDirectory + "/model") + ".")
        }
        document.heading(2, "Outputs")
        // Only what is on disk: a job killed mid-search has written its exploration and little else.
        let written = ["index.md", "leaderboard.md", "leaderboard.csv", "candidates.md", "exploration.md", "model/"].map {
            URL(fileURLWithPath: job.outputDirectory).appendingPathComponent($0).path + ($0.hasSuffix("/") ? "/" : "")
        }.filter { FileManager.default.fileExists(atPath: $0) }
        if written.isEmpty {
            document.paragraph("None written in " + MarkdownDocument.code(job.outputDirectory) + ".")
        } else {
            document.bullets(written.map(MarkdownDocument.code))
        }
        return document.text
    }
}
