import Foundation
import Tuning

/// `tuning.md` of a tuning job, with its charts: the best hyperparameters and objective, every
/// trial (status, values, duration, failure reason), convergence (best so far against trial), each
/// parameter against the objective, and parameter importance from the Gaussian process's
/// length-scales. `automl jobs show` prints the same Markdown.
public struct TuningReport: Sendable {
    public var job: JobRecord
    public var definition: TuningJobDefinition
    public var trials: [Trial]
    public var importance: [(name: String, importance: Double)]?

    public init(job: JobRecord, definition: TuningJobDefinition, trials: [Trial]) {
        self.job = job
        self.definition = definition
        self.trials = trials
        self.importance = ParameterImportance.estimate(
            trials: trials, space: definition.space, direction: definition.direction, seed: definition.seed)
    }

    /// The completed trial with the best objective (lowest number on ties).
    public var best: Trial? { trials.best(definition.direction) }

    /// Chart file names (under `figures/`) and their SVG text.
    public var figures: [(name: String, svg: String)] {
        var figures: [(String, String)] = []
        let completed = trials.filter { $0.completedValue != nil }
        guard !completed.isEmpty else { return [] }
        let metric = definition.command.objectiveMetric
        var bestSoFar: [(x: Double, y: Double)] = []
        var incumbent: Double?
        for trial in trials.sorted(by: { $0.number < $1.number }) {
            guard let value = trial.completedValue else { continue }
            if incumbent == nil || definition.direction.isBetter(value, than: incumbent ?? value) { incumbent = value }
            bestSoFar.append((Double(trial.number), incumbent ?? value))
        }
        let points = completed.map {
            SVGChart.Point(x: Double($0.number), y: $0.value ?? 0, tooltip: "trial \($0.number): \(NumberFormat.short($0.value))")
        }
        figures.append(
            (
                "convergence.svg",
                SVGChart.scatter(
                    title: "Best \(metric) so far", xLabel: "trial", yLabel: metric, points: points, line: bestSoFar)
            ))
        for parameter in definition.space.parameters {
            var categories: [String]?
            var logX = false
            let scatter: [SVGChart.Point] = completed.compactMap { trial in
                guard let value = trial.assignment[parameter.name] else { return nil }
                let y = trial.value ?? 0
                let tooltip = "trial \(trial.number): \(parameter.name)=\(value), \(metric)=\(NumberFormat.short(y))"
                if case .categorical(let values) = parameter.domain {
                    guard let index = values.firstIndex(of: value.description) else { return nil }
                    return SVGChart.Point(x: Double(index), y: y, tooltip: tooltip)
                }
                return value.number.map { SVGChart.Point(x: $0, y: y, tooltip: tooltip) }
            }
            switch parameter.domain {
            case .categorical(let values): categories = values
            case .continuous(let lower, let upper, let scaling): logX = scaling.resolved(lower: lower, upper: upper) == .logarithmic
            case .integer(let lower, let upper, let scaling): logX = scaling.resolved(lower: Double(lower), upper: Double(upper)) == .logarithmic
            }
            figures.append(
                (
                    "parameter-\(Self.fileName(parameter.name)).svg",
                    SVGChart.scatter(
                        title: "\(metric) against \(parameter.name)", xLabel: parameter.name, yLabel: metric, points: scatter,
                        logX: logX, categories: categories)
                ))
        }
        if let importance {
            figures.append(
                (
                    "importance.svg",
                    SVGChart.bars(
                        title: "Parameter importance (1 / GP length-scale)", labels: importance.map(\.name),
                        values: importance.map(\.importance), valueText: importance.map { FindingRules.percent($0.importance) })
                ))
        }
        return figures
    }

    /// The report's Markdown; charts are linked under `figures/`.
    public var markdown: String {
        var document = MarkdownDocument()
        let command = definition.command
        document.heading(1, "Tuning job \(job.name)")
        let counts = Dictionary(grouping: trials, by: \.status).mapValues(\.count)
        let finished = trials.filter { $0.status.isFinished }.count
        let statusCounts = TrialStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }.joined(separator: ", ")
        document.bullets(
            [
                "**Status:** \(job.status.rawValue)" + (job.reason.isEmpty ? "" : " — " + MarkdownDocument.escape(job.reason)),
                "**Command:** " + MarkdownDocument.code(command.arguments.joined(separator: " ")) + " in "
                    + MarkdownDocument.code(command.workingDirectory),
                "**Objective:** \(definition.direction == .maximize ? "maximize" : "minimize") " + MarkdownDocument.code(command.objectiveMetric),
                "**Strategy:** \(definition.strategy.rawValue); early stopping \(definition.earlyStopping.rawValue); seed \(definition.seed)",
                "**Trials:** \(finished) of \(definition.maxTrials) finished (\(statusCounts.isEmpty ? "none yet" : statusCounts)); up to \(definition.maxParallel) at once",
                "**Time:** \(TimeSpan.describe(job.elapsedSeconds))" + (definition.maxRuntime.map { " of \(TimeSpan.describe($0)) allowed" } ?? "")
                    + (command.trialTimeout.map { "; trial timeout \(TimeSpan.describe($0))" } ?? ""),
                "**Output:** " + MarkdownDocument.code(job.outputDirectory),
            ]
                + (definition.warmStartParents.isEmpty
                    ? [] : ["**Warm start from:** " + definition.warmStartParents.map(MarkdownDocument.code).joined(separator: ", ")]))

        document.heading(2, "Best trial")
        if let best {
            document.paragraph(
                "Trial \(best.number): \(MarkdownDocument.code(command.objectiveMetric)) = **\(NumberFormat.short(best.value))**. "
                    + "Its files: \(MarkdownDocument.code(TrialWorkspace.relativeDirectory(for: best.number))) in the output folder.")
            let rows =
                definition.space.parameters.map { parameter in
                    [parameter.name, best.assignment[parameter.name].map(Self.shown) ?? "(inactive)", parameter.domainDescription]
                } + command.staticHyperparameters.keys.sorted().map { [$0, command.staticHyperparameters[$0] ?? "", "static"] }
            document.table(["hyperparameter", "value", "range"], rows)
        } else {
            document.paragraph("No trial has completed yet" + (trials.isEmpty ? "." : "; see the failure reasons below."))
        }

        let figureNames = Set(figures.map(\.name))
        if figureNames.contains("convergence.svg") {
            document.heading(2, "Convergence")
            document.paragraph("Each dot is a completed trial; the line is the best objective so far.")
            document.image("best objective so far against trial number", path: "figures/convergence.svg")
        }

        document.heading(2, "Parameter importance")
        if let importance {
            document.paragraph(
                "From the length-scales of a Gaussian process fitted to the completed trials: a parameter the objective changes quickly along has a short length-scale and a high share. Read it as a ranking, not a measurement."
            )
            document.table(
                ["parameter", "share"], importance.sorted { $0.importance > $1.importance }.map { [$0.name, FindingRules.percent($0.importance)] },
                rightAligned: [1])
            document.image("parameter importance", path: "figures/importance.svg")
        } else {
            document.paragraph("Needs at least 5 completed trials.")
        }

        if figureNames.contains("convergence.svg") {
            document.heading(2, "Each parameter against the objective")
            for parameter in definition.space.parameters {
                document.image("\(command.objectiveMetric) against \(parameter.name)", path: "figures/parameter-\(Self.fileName(parameter.name)).svg")
            }
        }

        caveats(into: &document)

        document.heading(2, "Search space")
        document.table(
            ["parameter", "range", "starting value"],
            definition.space.parameters.map { [$0.name, $0.domainDescription, TuningReport.startingValue($0)] })

        document.heading(2, "Trials")
        let rows = trials.sorted { $0.number < $1.number }.map { trial -> [String] in
            let duration: String
            if let start = trial.startedAt, let end = trial.finishedAt {
                duration = TimeSpan.describe(end.timeIntervalSince(start))
            } else {
                duration = ""
            }
            let reason = trial.error.map { Self.firstLine($0) } ?? ""
            return ["\(trial.number)", trial.status.rawValue, NumberFormat.short(trial.value), Self.summary(trial.assignment), duration, reason]
        }
        document.table(["trial", "status", command.objectiveMetric, "hyperparameters", "duration", "failure reason"], rows, rightAligned: [0, 2])
        if trials.contains(where: { $0.status == .failed }) {
            document.paragraph(
                "A failed trial's full message, with its last 20 log lines, is in the store (`automl jobs show`), and its logs are `trials/trial-N/stdout.log` and `stderr.log`."
            )
        }
        unfinished(into: &document)
        reproduction(into: &document)
        return document.text
    }

    /// "Failed and stopped trials": each trial that did not complete, with why and how long it ran.
    func unfinished(into document: inout MarkdownDocument) {
        document.heading(2, "Failed and stopped trials")
        let lost = trials.filter { $0.status == .failed || $0.status == .stopped }.sorted { $0.number < $1.number }
        guard !lost.isEmpty else {
            document.paragraph("None: every finished trial completed.")
            return
        }
        document.paragraph(
            "\(lost.filter { $0.status == .failed }.count) failed (the command exited with an error, printed no objective, or ran past the trial timeout) "
                + "and \(lost.filter { $0.status == .stopped }.count) \(lost.filter { $0.status == .stopped }.count == 1 ? "was" : "were") stopped early (early stopping, or the job's time ran out)."
        )
        document.table(
            ["trial", "status", "seconds", "reason", "hyperparameters"],
            lost.map { trial in
                var seconds = ""
                if let start = trial.startedAt, let end = trial.finishedAt { seconds = NumberFormat.short(end.timeIntervalSince(start)) }
                let reason = trial.error.map(Self.firstLine) ?? (trial.status == .stopped ? "stopped early" : "")
                return [String(trial.number), trial.status.rawValue, seconds, reason, Self.summary(trial.assignment)]
            }, rightAligned: [0, 2])
    }

    /// Computed caveats: failures, a budget not used up, too few trials for importance, and best
    /// values at the edge of their range.
    func caveats(into document: inout MarkdownDocument) {
        var items: [String] = []
        let completed = trials.filter { $0.completedValue != nil }.count
        let failed = trials.filter { $0.status == .failed }.count
        if failed > 0 {
            items.append(
                "**\(failed) of \(trials.count) trials failed**: see the failed and stopped trials below; a failing region of the space is not explored."
            )
        }
        if trials.filter({ $0.status.isFinished }).count < definition.maxTrials {
            items.append(
                "**The budget was not used up** (\(trials.filter { $0.status.isFinished }.count) of \(definition.maxTrials) trials): "
                    + MarkdownDocument.escape(job.reason.isEmpty ? "the job did not finish" : job.reason) + ".")
        }
        if let fallback = Self.fallbackCaveat(trials) { items.append(fallback) }
        if completed < 5 {
            items.append("**Few completed trials** (\(completed)): the best found is a rough guess, and parameter importance needs 5.")
        }
        if let best {
            for parameter in definition.space.parameters {
                guard let value = best.assignment[parameter.name], let edge = parameter.rangeEdge(of: value, skippingNaturalLimits: false) else {
                    continue
                }
                items.append(
                    "**Edge of the range:** the best trial's \(MarkdownDocument.code(parameter.name)) = \(MarkdownDocument.escape(Self.shown(value))) is at the "
                        + "\(edge) of \(MarkdownDocument.escape(parameter.domainDescription)); a better value may lie beyond it.")
            }
        }
        document.heading(2, "Caveats")
        if items.isEmpty { document.paragraph("None found by the checks (failures, unused budget, few trials, range edges).") }
        document.bullets(items)
    }

    /// The caveat for trials the Bayesian sampler drew at random instead of from its model, with
    /// how often and why; nil when there were none.
    static func fallbackCaveat(_ trials: [Trial]) -> String? {
        let reasons = trials.compactMap(\.samplerFallback)
        guard !reasons.isEmpty else { return nil }
        let counts = Dictionary(grouping: reasons) { $0 }.mapValues(\.count).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let why = counts.map { "\(MarkdownDocument.escape($0.key)) (\($0.value)×)" }.joined(separator: "; ")
        return "**The Bayesian search fell back to random sampling** for \(reasons.count) of \(trials.count) trials: \(why). "
            + "Those trials explored blindly; the search is closer to random than its name says."
    }

    /// "Reproduce": the automl version, the command line, the seed and the limits.
    func reproduction(into document: inout MarkdownDocument) {
        document.heading(2, "Reproduce")
        var items = [
            "**automl version:** \(MarkdownDocument.escape(AutoMLVersion.current)) (of this report; the job ran with the version that wrote its first report)"
        ]
        if let line = definition.commandLine { items.append("**Command as typed:** " + MarkdownDocument.code(Reproduction.shellQuoted(line))) }
        items += [
            "**Seed:** \(definition.seed); **trials:** \(definition.maxTrials), \(definition.maxParallel) at once"
                + (definition.maxRuntime.map { "; **max runtime:** \(MarkdownDocument.escape(TimeSpan.describe($0)))" } ?? ""),
            "**Training command:** " + MarkdownDocument.code(Reproduction.shellQuoted(definition.command.arguments)) + " in "
                + MarkdownDocument.code(definition.command.workingDirectory),
        ]
        document.bullets(items)
        document.paragraph(
            "Trials run the command as it is on disk: the same seed replays the same suggestions one at a time (`max_parallel: 1`), "
                + "and the same scores only if the script and its data are unchanged and the script is deterministic for its hyperparameters. "
                + "`automl tune --resume \(MarkdownDocument.escape(job.name))` continues this job from the store.")
    }

    /// Writes `tuning.md` and `figures/*.svg` into `directory`.
    /// - Throws: a file system error.
    public func write(to directory: String) throws {
        let root = URL(fileURLWithPath: directory)
        let figuresDirectory = root.appendingPathComponent("figures")
        try FileManager.default.createDirectory(at: figuresDirectory, withIntermediateDirectories: true)
        for figure in figures {
            try Data(figure.svg.utf8).write(to: figuresDirectory.appendingPathComponent(figure.name))
        }
        try Data(markdown.utf8).write(to: root.appendingPathComponent("tuning.md"))
    }

    /// `name=value` pairs in name order, reals to 4 significant digits.
    static func summary(_ assignment: Assignment) -> String {
        assignment.values.keys.sorted().map { "\($0)=\(assignment.values[$0].map(shown) ?? "")" }.joined(separator: ", ")
    }

    /// A parameter's starting value as a table shows it: numbers short whether stored as reals or
    /// integers (JSON reads a whole real back as an integer, and a report rendered again from stored
    /// data must read the same).
    static func startingValue(_ parameter: Parameter) -> String {
        if case .categorical = parameter.domain { return parameter.initial.description }
        return parameter.initial.number.map(NumberFormat.short) ?? parameter.initial.description
    }

    /// A value as a table shows it: reals short, others as written.
    static func shown(_ value: ParameterValue) -> String {
        if case .real(let number) = value { return NumberFormat.short(number) }
        return value.description
    }

    /// A parameter name made safe as part of a file name.
    static func fileName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }

    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
        return line.count > 160 ? String(line.prefix(159)) + "…" : line
    }
}
