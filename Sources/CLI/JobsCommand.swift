import ArgumentParser
import AutoML
import Foundation
import Tuning

/// `automl jobs`: lists the jobs in the store; `automl jobs show NAME` describes one.
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List the jobs in the store, or show one.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    /// `automl jobs [list]`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the jobs, oldest first.")

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            // A job whose process died (kill -9) is found here: recorded Stopped, leftovers killed.
            let jobs = try JobLifecycle.settledJobs(in: store)
            guard !jobs.isEmpty else {
                print("No jobs in \(storeOptions.shown).")
                return
            }
            var rows: [[String]] = [["name", "kind", "status", "trials", "best", "time", "created"]]
            let formatter = ISO8601DateFormatter()
            for job in jobs {
                var trials = ""
                var best = ""
                // Store errors are reported; a definition this version cannot read leaves its cells empty.
                let stored = try store.study(named: job.name) == nil ? [] : try store.trials(study: job.name)
                if job.kind == .tuning, let definition = try? TuningJobDefinition.fromJSON(job.definition) {
                    trials = "\(stored.filter { $0.status.isFinished }.count)/\(definition.maxTrials)"
                    if let winner = stored.best(definition.direction), let value = winner.value {
                        best = "\(definition.command.objectiveMetric)=\(value)"
                    }
                }
                if job.kind == .automl, let summary = try? RunJobSummary.load(job: job, trials: stored) {
                    trials = "\(stored.filter { $0.status == .completed }.count) done"
                    if let winner = summary.best(of: stored), let value = winner.value, let metric = summary.configuration.metric {
                        best = "\(metric.rawValue)=\(NumberFormat.short(value))"
                    }
                }
                rows.append([
                    job.name, job.kind.rawValue, job.status.rawValue, trials, best, TimeSpan.describe(job.elapsedSeconds),
                    formatter.string(from: job.createdAt),
                ])
            }
            print(Self.aligned(rows))
        }

        /// Rows as space-aligned columns.
        static func aligned(_ rows: [[String]]) -> String {
            let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
            return rows.map { row in
                row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces)
            }.joined(separator: "\n")
        }
    }

    /// `automl jobs show NAME`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract:
                "Describe a job: for a tuning job, the summary of its tuning.md; for an automl run, its settings, trials by algorithm and saved model."
        )

        @Argument(help: "The job's name.")
        var name: String

        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open()
            guard let stored = try store.job(named: name) else { throw AutoMLError.unknownJob(name: name, store: storeOptions.shown) }
            let job = try JobLifecycle.settle(stored, in: store)
            switch job.kind {
            case .tuning:
                let definition = try TuningJobDefinition.fromJSON(job.definition)
                let trials = try store.trials(study: name)
                print(TuningReport(job: job, definition: definition, trials: trials).markdown, terminator: "")
                let failed = trials.filter { $0.status == .failed }
                if let last = failed.last, let error = last.error {
                    print("\nLast failure (trial \(last.number)):\n\(error)")
                }
            case .automl:
                print(try RunJobSummary.load(job: job, trials: store.trials(study: name)).markdown, terminator: "")
            }
        }
    }
}
