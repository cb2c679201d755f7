import ArgumentParser
import AutoML
import Foundation
import Learners
import Tabular
import Tuning

/// `automl run`: the AutoML job on a CSV file.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Find the best model for a CSV file: candidates over every built-in algorithm, tuned together within a time limit.",
        discussion: """
            Writes DIR/leaderboard.md and .csv, DIR/exploration.md, DIR/candidates.md and DIR/model/ \
            (for automl predict), and records the job in the store (automl jobs). Ctrl-C ends the search \
            early and still writes the outputs from the trials done. `automl run --resume NAME` continues a \
            job that was stopped or killed: its finished trials are kept and tuning goes on in the time its \
            limit has left. Exit status: 0 done, 2 bad input or options, 1 failure, 130/143 interrupted \
            (SIGINT/SIGTERM).
            """
    )

    @Argument(help: "The training CSV file.")
    var data: String?

    @Option(help: "The column to predict.")
    var target: String?

    @Option(
        help:
            "Continue the stored `automl run` job NAME after Ctrl-C, SIGTERM, a crash or kill -9, with the options it was started with (give no others but --store)."
    )
    var resume: String?

    @Option(name: .customLong("problem-type"), help: "The task (inferred when omitted).")
    var problemType: ProblemType?

    @Option(
        help:
            "The metric to optimize (default: f1 for binary, accuracy for multiclass, rmse for regression). For binary tasks, accuracy, balanced_accuracy and f1 are taken at each pipeline's own decision threshold, chosen on out-of-fold predictions and saved with the model."
    )
    var metric: Metric?

    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: "Time for the whole job, profiling included: 90s, 10m, 1h (default: 5m).")
    var timeLimit: String?

    @Option(name: .customLong("max-candidates"), help: "Pipelines to evaluate at most (default: as many as the time allows).")
    var maxCandidates: Int?

    @Option(help: "Pipelines evaluated at once (default: the number of cores).")
    var parallel: Int?

    @Option(help: "Random seed: with --parallel 1, the same seed gives the same leaderboard (default: 0).")
    var seed: UInt64?

    @Option(help: "Output directory (default: runs/<job name>).")
    var output: String?

    @Option(help: "A held-out CSV file with the target, scored with the best model at the end.")
    var test: String?

    @Option(name: .customLong("job-name"), help: "The job's name (default: <file name>-<time>).")
    var jobName: String?

    @Option(help: "A comma-separated subset of the built-in algorithms: gbdt, linear, random_forest, extra_trees, knn, mlp.")
    var algorithms: String?

    @Option(
        name: .customLong("target-precision"),
        help:
            "Binary tasks: give every pipeline the decision threshold with the highest recall whose out-of-fold precision reaches this (0 to 1], and rank pipelines by that recall."
    )
    var targetPrecision: Double?

    @Option(
        name: .customLong("target-recall"),
        help:
            "Binary tasks: give every pipeline the decision threshold with the highest precision whose out-of-fold recall reaches this (0 to 1], and rank pipelines by that precision."
    )
    var targetRecall: Double?

    @Option(
        help:
            "A candidates/trial-N.json file an earlier run wrote: evaluate exactly that pipeline again (same data, --seed and folds) instead of searching, and save it as the model."
    )
    var candidate: String?

    @Option(
        name: .customLong("sample-weight"),
        help:
            "A column of row weights (numbers ≥ 0): used in every fit, metric, ensemble choice and threshold, and not as a feature. Rows whose weight is negative, missing or not a number are excluded with a warning; the --test file's rows are weighted when it has the column."
    )
    var sampleWeight: String?

    @OptionGroup var csv: CSVInputOptions

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var staleTrials: StaleTrialOptions

    func validate() throws {
        if let resume {
            let given: [(String, Bool)] = [
                ("DATA", data != nil), ("--target", target != nil), ("--problem-type", problemType != nil), ("--metric", metric != nil),
                ("--time-limit", timeLimit != nil), ("--max-candidates", maxCandidates != nil), ("--parallel", parallel != nil),
                ("--seed", seed != nil), ("--output", output != nil), ("--test", test != nil), ("--job-name", jobName != nil),
                ("--algorithms", algorithms != nil), ("--target-precision", targetPrecision != nil), ("--target-recall", targetRecall != nil),
                ("--candidate", candidate != nil), ("--sample-weight", sampleWeight != nil),
                ("--delimiter", csv.delimiter != nil), ("--no-header", csv.noHeader), ("--na-values", csv.naValues != nil),
                ("--na-in-text", csv.naInText != .automatic), ("--threads", csv.threads != nil),
            ]
            let extra = given.filter(\.1).map(\.0)
            if !extra.isEmpty {
                throw ValidationError(
                    "--resume \(resume) continues the job with the options it was started with; drop \(extra.joined(separator: ", ")) (only --store may be given)."
                )
            }
            return
        }
        guard data != nil else { throw ValidationError("Missing the training CSV file: automl run DATA --target COLUMN (or --resume NAME).") }
        guard target != nil else { throw ValidationError("Missing --target: the column to predict.") }
        for (name, value) in [("--target-precision", targetPrecision), ("--target-recall", targetRecall)] {
            if let value, !(value > 0 && value <= 1) { throw ValidationError("\(name) must be above 0 and at most 1 (got \(value)).") }
        }
        if targetPrecision != nil && targetRecall != nil { throw ValidationError("Give --target-precision or --target-recall, not both.") }
    }

    func run() async throws {
        let fresh = resume == nil ? try newConfiguration() : nil
        let store = try storeOptions.open()
        let configuration = try fresh ?? Experiment.storedConfiguration(resume ?? "", store: store)
        let name = configuration.jobName
        let seconds = configuration.timeLimit
        let directory = configuration.output
        let interruption = JobInterruption()
        let signals = InterruptSignal(
            interruption,
            announce: { _ in
                FileHandle.standardError.write(
                    Data("\nautoml: interrupted; finishing with the pipelines evaluated so far. Press Ctrl-C again to quit at once.\n".utf8))
            },
            beforeExit: {
                StoreOptions.markStopped(
                    store, job: name,
                    reason: "ended by a second signal before its model and reports were written; resume it with `automl run --resume \(name)`")
            })
        defer { signals.restore() }
        if resume != nil {
            print(
                "Resuming AutoML job \(name): \(configuration.data), target '\(configuration.target)', time limit \(TimeSpan.describe(seconds)); output \(directory)"
            )
        } else {
            print(
                "AutoML job \(name): \(configuration.data), target '\(configuration.target)', time limit \(TimeSpan.describe(seconds)), \(configuration.parallel) at once; output \(directory)"
            )
        }
        fflush(nil)
        var experiment = Experiment(configuration: configuration, store: store, interruption: interruption, log: TuneCommand.printLine)
        experiment.staleAfter = try staleTrials.seconds()
        var status: ProgressLine?
        if ProgressLine.isTerminal {
            // On a terminal: one live status line instead of a line per trial.
            let line = ProgressLine(timeLimit: seconds)
            experiment.log = { line.print($0) }
            experiment.trialLog = { _ in }
            experiment.progress = { line.update($0) }
            line.start()
            status = line
        }
        let outcome: Experiment.Outcome
        do {
            outcome = resume != nil ? try await experiment.resume() : try await experiment.run()
            status?.finish()
        } catch {
            status?.finish()
            throw error
        }
        print(Self.summary(outcome, directory: directory))
        if outcome.reason == .interrupted {
            print("Resume with: automl run --resume \(name)")
            throw ExitCode(signals.exitStatus)
        }
    }

    /// The configuration of a new job from the options.
    func newConfiguration() throws -> RunConfiguration {
        let data = self.data ?? ""
        let target = self.target ?? ""
        let timeLimit = self.timeLimit ?? "5m"
        guard let seconds = TimeSpan.seconds(timeLimit) else {
            throw InputError(message: "--time-limit takes \(TimeSpan.accepted) (got '\(timeLimit)').")
        }
        if let maxCandidates, maxCandidates < 1 { throw InputError(message: "--max-candidates must be at least 1 (got \(maxCandidates)).") }
        let name = jobName ?? JobName.sanitized(URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent + "-" + TuneCommand.timestamp())
        let directory = output ?? "runs/\(name)"
        var configuration = RunConfiguration(
            data: data, target: target, problemType: problemType, metric: metric, timeLimit: seconds, maxCandidates: maxCandidates,
            parallel: parallel ?? ProcessorCount.active, seed: seed ?? 0, output: directory, test: test, jobName: name,
            algorithms: algorithms.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } },
            targetPrecision: targetPrecision, targetRecall: targetRecall, commandLine: StoreOptions.commandAsTyped)
        configuration.candidate = candidate
        configuration.sampleWeight = sampleWeight
        configuration.workingDirectory = FileManager.default.currentDirectoryPath
        configuration.csv = CSVSettings(try csv.csvOptions(), keepThreads: csv.threads != nil)
        return configuration
    }

    static func summary(_ outcome: Experiment.Outcome, directory: String) -> String {
        var lines = [
            "\(outcome.task.rawValue) task; \(outcome.leaderboard.entries.count) pipelines evaluated by \(outcome.evaluation) in \(TimeSpan.describe(outcome.seconds)) (\(outcome.reason))."
        ]
        if let best = outcome.leaderboard.best {
            lines.append(
                "Best pipeline: trial \(best.trial), \(best.candidate.algorithm), \(outcome.metric.rawValue) \(NumberFormat.short(best.score.mean)) ± \(NumberFormat.short(best.score.standardDeviation))"
            )
        }
        lines.append("Saved model: " + outcome.finalModel.summary(metric: outcome.metric) + " (\(NumberFormat.bytes(outcome.modelBytes)))")
        if let estimate = outcome.estimate {
            lines.append(
                "Honest estimate: \(outcome.metric.rawValue) \(NumberFormat.short(estimate.mean)) ± \(NumberFormat.short(estimate.standardDeviation)) "
                    + "(the selection's own figure: \(NumberFormat.short(estimate.selectionScore)))")
        }
        if let decision = outcome.finalModel.decision { lines.append(decision.summary) }
        if !outcome.testMetrics.isEmpty {
            lines.append(
                "Test: "
                    + outcome.testMetrics.keys.sorted().map { "\($0) \(NumberFormat.short(outcome.testMetrics[$0] ?? .nan))" }.joined(separator: ", ")
            )
        }
        lines.append(
            "Outputs: \(directory)/index.md (start here), insights.md, explanations.md, leaderboard.md, candidates.md, exploration.md, model/")
        return lines.joined(separator: "\n")
    }
}
