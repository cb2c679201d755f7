import Foundation
import Learners
import LinearAlgebra
import Tabular
import Tuning

/// The AutoML job (`automl run`): read the CSV, profile it, generate candidates (every built-in
/// algorithm with its family's preprocessing plan), tune them jointly with Bayesian optimization
/// within the time limit, rank them, choose the final model (an ensemble of the best pipelines when
/// it scores better, else the best one), refit it on all rows, and write the reports and the model.
/// The job is recorded in the store as a `JobRecord` of kind `automl`.
public struct Experiment: Sendable {
    public var configuration: RunConfiguration
    public var store: any TrialStore & JobStore
    public var interruption: JobInterruption?
    /// Stage lines and warnings.
    public var log: @Sendable (String) -> Void
    /// One line per finished trial.
    public var trialLog: @Sendable (String) -> Void
    /// The search's state after every finished trial.
    public var progress: @Sendable (RunProgress) -> Void
    /// Seconds without a heartbeat after which a process's running trials are re-queued for the
    /// job's other workers (see ``Tuner/staleAfter``).
    public var staleAfter: Double = 60

    /// What a run produced.
    public struct Outcome: Sendable {
        public var leaderboard: Leaderboard
        public var finalModel: FinalModel
        /// The saved model's score estimated on predictions that did not choose it (nil: skipped).
        public var estimate: HonestEstimate?
        /// Bytes of the written `model/` directory.
        public var modelBytes: Int
        public var reason: CompletionReason
        public var task: Task
        public var metric: Metric
        public var evaluation: EvaluationProtocol
        public var droppedTargetRows: Int
        /// The final model's metrics on `--test`, by name.
        public var testMetrics: [String: Double]
        public var seconds: Double
    }

    /// The job's inputs once read and checked: the table, what to learn, and the candidates.
    struct Setup {
        var table: Table
        var droppedRows: Int
        /// The row weights (`--sample-weight`) of ``table``'s rows, and what was excluded.
        var weights: SampleWeights?
        var exploration: Exploration
        var task: Task
        var metric: Metric
        var objective: ThresholdObjective?
        var evaluation: EvaluationProtocol
        var evaluator: CandidateEvaluator
        var candidates: [Candidate]
        var dataSHA256: String
        /// The pipeline `--candidate` asks to evaluate again, instead of a search.
        var replay: CandidateFile?
    }

    public init(
        configuration: RunConfiguration, store: any TrialStore & JobStore, interruption: JobInterruption? = nil,
        log: @escaping @Sendable (String) -> Void = { _ in }, trialLog: (@Sendable (String) -> Void)? = nil,
        progress: @escaping @Sendable (RunProgress) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.store = store
        self.interruption = interruption
        self.log = log
        self.trialLog = trialLog ?? log
        self.progress = progress
    }

    /// The share of the time limit kept back from tuning for choosing, refitting and writing the
    /// final model (at least 2 s).
    public static let finalModelShare = 0.15

    /// Runs the job to its end.
    /// - Throws: ``AutoMLError`` for unusable input or settings, ``TabularError`` for an unreadable
    ///   file, a store failure; trial errors only fail their trial.
    public func run() async throws -> Outcome {
        let clock = ContinuousClock()
        let started = clock.now
        let config = configuration
        try config.check()
        if let existing = try store.job(named: config.jobName) {
            let settled = try JobLifecycle.settle(existing, in: store)
            throw AutoMLError.jobExists(name: config.jobName, status: settled.status.rawValue, kind: settled.kind.rawValue)
        }
        let cores = ProcessorCount.active
        let setup = try prepare(cores: cores)
        let reserve = max(2, config.timeLimit * Self.finalModelShare)
        let prepared = (clock.now - started).inSeconds
        guard config.timeLimit - prepared - reserve > 1 else {
            throw AutoMLError.timeLimitTooShort(
                limit: config.timeLimit, needed: "reading and profiling took \(TimeSpan.describe(prepared)), leaving no time to train")
        }
        let output = URL(fileURLWithPath: config.output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        // The stored definition names the problem type and metric the job settled on, and the data's digest.
        var resolved = config
        resolved.problemType = setup.task
        resolved.metric = setup.metric
        resolved.dataSHA256 = setup.dataSHA256
        let definition = String(decoding: try JSONEncoder().encode(resolved), as: UTF8.self)
        let job = JobRecord(name: config.jobName, kind: .automl, definition: definition, outputDirectory: config.output, elapsedSeconds: prepared)
        // From here on the job is in the store: whatever ends it, it does not stay InProgress.
        let lifecycle = try await JobLifecycle.begin(job, store: store, heartbeat: JobLifecycle.heartbeat(staleAfter: staleAfter), log: log)
        return try await carryOut(setup, lifecycle: lifecycle, cores: cores)
    }

    /// The configuration stored with `automl run` job `name`, with its relative paths made absolute
    /// against the directory it was started in.
    /// - Throws: ``AutoMLError/unknownJob(name:store:)``, ``AutoMLError/notResumable(name:reason:)``
    ///   for another kind of job or a definition this version cannot read.
    public static func storedConfiguration(_ name: String, store: any TrialStore & JobStore) throws -> RunConfiguration {
        guard let job = try store.job(named: name) else { throw AutoMLError.unknownJob(name: name, store: store.location) }
        guard job.kind == .automl else {
            throw AutoMLError.notResumable(
                name: name, reason: "it is an `automl \(job.kind.command)` job; resume it with `automl \(job.kind.command) --resume \(name)`")
        }
        do {
            return try JSONDecoder().decode(RunConfiguration.self, from: Data(job.definition.utf8)).anchored()
        } catch {
            throw AutoMLError.notResumable(name: name, reason: "its stored definition cannot be read by this version (\(error))")
        }
    }

    /// Continues the stored job (``configuration`` is its ``storedConfiguration(_:store:)``) after
    /// `kill -9`, a signal or a crash: its finished trials are kept, tuning goes on in the time the
    /// limit has left, then the final model, its refit and the reports, as in ``run()``. With
    /// `elapsedSeconds`, the job has run that long so far (a worker finishing a job whose process
    /// died counts the time the workers searched without it).
    /// - Throws: what ``JobLifecycle/resume(_:kind:store:heartbeat:elapsedSeconds:log:)`` throws (a completed or running job),
    ///   ``AutoMLError/notResumable(name:reason:)`` when the training file changed, or what ``run()`` throws.
    public func resume(elapsedSeconds: Double? = nil) async throws -> Outcome {
        let config = configuration
        let lifecycle = try await JobLifecycle.resume(
            config.jobName, kind: .automl, store: store, heartbeat: JobLifecycle.heartbeat(staleAfter: staleAfter), elapsedSeconds: elapsedSeconds,
            log: log)
        do {
            let cores = ProcessorCount.active
            let setup = try prepare(cores: cores)
            if let digest = config.dataSHA256, digest != setup.dataSHA256 {
                throw AutoMLError.notResumable(
                    name: config.jobName, reason: "\(config.data) has changed since the job started (its SHA-256 differs); start a new run on it")
            }
            return try await carryOut(setup, lifecycle: lifecycle, cores: cores)
        } catch {
            await lifecycle.fail(error)
            throw error
        }
    }

    /// Tunes in the time the limit has left, chooses, refits and writes the model and the reports,
    /// and records how the job ended.
    private func carryOut(_ setup: Setup, lifecycle: JobLifecycle, cores: Int) async throws -> Outcome {
        let clock = ContinuousClock()
        let config = configuration
        func elapsed() -> Double { lifecycle.elapsed }
        let deadline = clock.now + .saturating(seconds: config.timeLimit - elapsed())
        let reserve = max(2, config.timeLimit * Self.finalModelShare)
        let tuningTime = config.timeLimit - elapsed() - reserve
        let output = URL(fileURLWithPath: config.output)
        let reports = RunReportWriter(configuration: config, setup: setup)
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            _ = try ExplorationReport(setup.exploration).write(to: output)
            // A replay uses the threads its evaluation used: sums over threads round differently.
            let threadsPerTrial = setup.replay?.threads ?? max(1, cores / config.parallel)
            if config.parallel > 1 { BLASThreads.set(1) }
            let archive = ScoreArchive(store: store, study: config.jobName, output: output)
            let (summary, leaderboard) = try await tune(
                setup, time: tuningTime, reserve: reserve, threadsPerTrial: threadsPerTrial, archive: archive, role: .owner(lifecycle),
                parallelism: config.parallel,
                refitSeconds: { fitSeconds in
                    Self.refitSeconds(fitSeconds: fitSeconds, evaluator: setup.evaluator, threadsPerTrial: threadsPerTrial, cores: cores)
                })
            let remaining = config.timeLimit - elapsed()
            let refitSeconds: (Leaderboard.Entry) -> Double = {
                Self.refitSeconds(fitSeconds: $0.score.fitSeconds, evaluator: setup.evaluator, threadsPerTrial: threadsPerTrial, cores: cores)
            }
            let choosing = clock.now
            guard
                let finalModel = FinalModel.choose(
                    leaderboard, truth: setup.evaluator.truth(rows: FinalModel.outOfFoldRows(leaderboard)),
                    weights: setup.evaluator.weights(rows: FinalModel.outOfFoldRows(leaderboard)), classes: setup.evaluator.classes,
                    metric: setup.metric, objective: setup.objective, refitSeconds: refitSeconds, remaining: remaining)
            else {
                let left = max(0, tuningTime)
                try await lifecycle.end(.failed, reason: "no candidate finished within the time limit")
                throw AutoMLError.timeLimitTooShort(
                    limit: config.timeLimit, needed: "no candidate finished in the \(TimeSpan.describe(left)) left for tuning")
            }
            let choiceSeconds = (clock.now - choosing).inSeconds
            log("final model: " + finalModel.summary(metric: setup.metric))
            if let decision = finalModel.decision {
                log(decision.summary)
                if !decision.reachesTarget, case .recallAtPrecision(let target) = decision.objective {
                    // Nothing to save: write what was learned, record why, and refuse.
                    try reports.write(
                        output: output, summary: summary, leaderboard: leaderboard, finalModel: finalModel, modelBytes: nil, testMetrics: [:],
                        estimate: (nil, "No honest estimate: no model was saved."), insights: nil, explanations: nil)
                    try await lifecycle.end(.failed, reason: "no pipeline reached precision \(target)")
                    throw AutoMLError.targetUnreachable(
                        option: "--target-precision", target: target,
                        best: "the saved model's best was precision \(NumberFormat.short(decision.precision))")
                }
            }
            let description = finalModel.parts.map {
                "trial \($0.entry.trial) \($0.entry.candidate.algorithm)" + (finalModel.isEnsemble ? " ×\(NumberFormat.short($0.weight))" : "")
            }
            log("refitting \(description.joined(separator: ", ")) on all \(setup.table.rowCount) rows (\(TimeSpan.describe(elapsed())) elapsed)")
            let artifact = try ModelArtifact.fit(
                finalModel.parts.map {
                    ModelArtifact.MemberSpecification(
                        candidate: $0.entry.candidate, hyperparameters: $0.entry.hyperparameters, weight: $0.weight, trial: $0.entry.trial)
                },
                table: setup.table, weights: setup.weights?.values, target: config.target, task: setup.task, classes: setup.evaluator.classes,
                metric: setup.metric,
                decision: finalModel.decision, seed: config.seed, threads: cores)
            let modelDirectory = output.appendingPathComponent("model").path
            try artifact.write(to: modelDirectory)
            let modelBytes = ModelArtifact.size(of: modelDirectory)
            log("model written: \(NumberFormat.bytes(modelBytes)) (\(TimeSpan.describe(elapsed())) elapsed)")
            var testMetrics: [String: Double] = [:]
            var testPredictions: (prediction: Prediction, truth: [Double], weights: [Double]?)?
            var testRows: (table: Table, truth: [Double], weights: [Double]?)?
            if let test = config.test {
                let scored = try TestScore.score(
                    artifact, file: test, target: config.target, task: setup.task, sampleWeight: config.sampleWeight, threads: cores,
                    csv: config.csvOptions, log: log)
                testMetrics = scored.metrics
                testPredictions = (scored.prediction, scored.truth, scored.weights)
                testRows = (scored.table, scored.truth, scored.weights)
            }
            // The estimate runs in the time the refit left (the refit's estimate is a cautious bound).
            let estimate = reports.honestEstimate(
                leaderboard: leaderboard, finalModel: finalModel, refitSeconds: refitSeconds, remaining: remaining,
                secondsLeft: config.timeLimit - elapsed(), choiceSeconds: choiceSeconds)
            log(estimate.note)
            let insights = InsightsReport(
                jobName: config.jobName, task: setup.task, modelSummary: finalModel.summary(metric: setup.metric), decision: finalModel.decision,
                sources: reports.insightSources(leaderboard: leaderboard, finalModel: finalModel, test: testPredictions),
                reproduction: Reproduction(configuration: config, dataSHA256: setup.dataSHA256))
            let explanations = try reports.explain(
                artifact: artifact, finalModel: finalModel, test: testRows, threads: cores,
                deadline: deadline)
            for note in explanations.notes { log(note) }
            try reports.write(
                output: output, summary: summary, leaderboard: leaderboard, finalModel: finalModel, modelBytes: modelBytes, testMetrics: testMetrics,
                estimate: estimate, insights: insights, explanations: explanations)
            log("reports written (\(TimeSpan.describe(elapsed())) elapsed)")

            let interrupted = summary.reason == .interrupted
            try await lifecycle.end(interrupted ? .stopped : .completed, reason: summary.reason.description)
            // The kept scores serve only a resume, which a completed job does not need.
            if !interrupted { archive.removeAll() }
            return Outcome(
                leaderboard: leaderboard, finalModel: finalModel, estimate: estimate.value, modelBytes: modelBytes, reason: summary.reason,
                task: setup.task, metric: setup.metric,
                evaluation: setup.evaluation, droppedTargetRows: setup.droppedRows, testMetrics: testMetrics, seconds: elapsed())
        } catch {
            await lifecycle.fail(error)
            throw error
        }
    }

    /// Reads and checks the data, profiles it, and generates the candidates. `dataSHA256` is the
    /// data file's digest when the caller has just computed it (a worker checks it first).
    func prepare(cores: Int, dataSHA256 known: String? = nil) throws -> Setup {
        let config = configuration
        let read = try CSVReader(options: config.csvOptions).read(config.data)
        for warning in read.warnings { log("warning: \(config.data): \(warning)") }
        var (table, dropped) = try TargetCheck.usableRows(read.table, target: config.target, file: config.data)
        if dropped > 0 { log("warning: \(config.data): dropped \(dropped) rows whose target '\(config.target)' is missing") }
        var weights: SampleWeights?
        if let column = config.sampleWeight {
            let split = try SampleWeights.split(table, column: column, target: config.target, file: config.data)
            table = split.table
            weights = split.weights
            if let warning = split.weights.warning(file: config.data) { log("warning: " + warning) }
        }
        try TargetCheck.checkNotConstant(table, target: config.target, file: config.data)

        let exploration = try Exploration(
            table: table, source: URL(fileURLWithPath: config.data).lastPathComponent,
            profiler: Profiler(target: config.target, problemType: config.problemType, threads: cores, seed: config.seed))
        guard let task = exploration.profile.target?.problem.problemType else {
            throw AutoMLError.unusableTarget(
                file: config.data, column: config.target, reason: "has no problem type that automl can learn; choose one with --problem-type")
        }
        try TargetCheck.checkTarget(table, target: config.target, task: task, exploration: exploration, file: config.data)
        let (metric, objective) = try config.decisionPolicy(for: task)
        guard metric.applies(to: task) else {
            throw AutoMLError.invalidSetting(name: "--metric", reason: "\(metric.rawValue) does not apply to a \(task.rawValue) task")
        }
        let evaluation = EvaluationProtocol.choose(rows: table.rowCount)
        let evaluator: CandidateEvaluator
        do {
            evaluator = try CandidateEvaluator(
                table: table, target: config.target, task: task, metric: metric, objective: objective, evaluation: evaluation, seed: config.seed,
                weights: weights?.values)
        } catch let error as TabularError {
            throw AutoMLError.unusableTarget(
                file: config.data, column: config.target, reason: "cannot be split for \(evaluation): \(error.errorDescription ?? "\(error)")")
        }
        let targetProfile = exploration.profile.columns.first { $0.name == config.target }
        let candidates = try CandidateGenerator.candidates(
            plans: exploration.plans, task: task, rows: table.rowCount, columns: table.columnCount - 1, algorithms: config.algorithms,
            targetTransformReason: TargetTransform.reasonToOffer(targetProfile, task: task))
        let digest = try known ?? FileDigest.sha256(path: config.data)
        var replay: CandidateFile?
        if let path = config.candidate {
            let file = try CandidateFile.read(path)
            try file.check(dataSHA256: digest, seed: config.seed, candidates: candidates, path: path)
            replay = file
        }
        return Setup(
            table: table, droppedRows: dropped, weights: weights, exploration: exploration, task: task, metric: metric, objective: objective,
            evaluation: evaluation,
            evaluator: evaluator, candidates: candidates, dataSHA256: digest, replay: replay)
    }

    /// Tunes the candidates jointly for `time` seconds (or until interrupted or out of trials),
    /// every candidate's cheap default first, and ranks the completed trials. The search ends
    /// sooner when refitting the best pipeline so far (`refitSeconds` of its measured fit seconds,
    /// plus a second for choosing and writing) would not fit in the `reserve` kept after it: a best
    /// pipeline that cannot be refitted in time is no use.
    func tune(
        _ setup: Setup, time: Double, reserve: Double, threadsPerTrial: Int, archive: ScoreArchive, role: SearchRole,
        parallelism: Int, refitSeconds: @escaping @Sendable (Double) -> Double
    ) async throws -> (Tuner.Summary, Leaderboard) {
        let config = configuration
        let space = CandidateGenerator.jointSpace(setup.candidates)
        let resumed = try store.study(named: config.jobName) != nil
        let study: Study
        do {
            // Every process of the job holds its trials under its own name, so that workers on other
            // machines can join, and a silent one's trials go back to the others.
            study = try Study(
                name: config.jobName, space: space, direction: setup.metric.direction, seed: config.seed, sampler: BayesianSampler(), store: store,
                worker: JobOwner.current.workerName, requeueRunning: role.isOwner)
        } catch {
            guard case .studyMismatch(_, let detail) = error else { throw error }
            throw AutoMLError.notResumable(
                name: config.jobName, reason: "its stored trials have another \(detail) than this version generates from the data; start a new run")
        }
        let scores = ScoreBook(metric: setup.metric, refitSeconds: refitSeconds)
        if !role.isOwner {
            // A worker joins the search as it stands: the job's process queued the starting trials.
        } else if resumed {
            // The trials a killed run finished are kept: their scores were written as they ended.
            var missing = 0
            for trial in try await study.trials() where trial.status.isFinished {
                if trial.completedValue != nil {
                    guard let score = archive.read(trial.number) else {
                        missing += 1
                        continue
                    }
                    await scores.record(trial.number, score)
                }
                _ = await scores.finish(trial)
            }
            if missing > 0 {
                log(
                    "warning: \(missing) completed trial\(missing == 1 ? "'s" : "s'") scores are missing from \(store.location); \(missing == 1 ? "it is" : "they are") left out of the leaderboard"
                )
            }
        } else if let replay = setup.replay {
            try await study.enqueue(replay.jointAssignment)
        } else {
            for candidate in setup.candidates { try await study.enqueue(CandidateGenerator.initialAssignment(of: candidate)) }
            let columns = setup.table.columnCount - 1
            for candidate in setup.candidates {
                for assignment in CandidateGenerator.portfolioAssignments(
                    of: candidate, rows: setup.table.rowCount, columns: columns, task: setup.task)
                {
                    try await study.enqueue(assignment)
                }
            }
        }
        let replaySeed = setup.replay?.trialSeed
        let candidates = setup.candidates
        let evaluator = setup.evaluator
        let limit = TrialTimeLimit(tuningSeconds: role.trialLimitBasis ?? time)
        // The search's end, in seconds from its start: the tuner ends there, and a trial that
        // cannot finish before it is not started.
        let deadline: @Sendable () async -> Double
        switch role {
        case .owner:
            // Early enough to refit the best pipeline so far.
            deadline = { time + reserve - max(reserve, await scores.bestRefitSeconds + 1) }
        case .worker(_, let jobGoesOn):
            // A worker stops with the job: when its process has moved on to the final model.
            deadline = { await jobGoesOn() ? time : 0 }
        }
        let costs = TrialCosts(parallelism: parallelism)
        // What the trials already run cost (a resumed job's, or the ones other processes ran before
        // a worker joined), so the first proposals are judged as later ones are.
        let ranBefore = TrialCosts.history(of: try await study.trials()) { trial in
            let (id, hyperparameters) = CandidateGenerator.split(trial.assignment)
            guard let candidate = candidates.first(where: { $0.id == id }), let work = Self.relativeWork(of: candidate, hyperparameters)
            else { return nil }
            return (id, work)
        }
        for (candidate, work, seconds) in ranBefore { await costs.record(candidate: candidate, work: work, seconds: seconds) }
        let isReplay = setup.replay != nil
        let searchStarted = ContinuousClock.now
        let executor = ClosureExecutor { request, _ in
            let (id, hyperparameters) = CandidateGenerator.split(request.assignment)
            guard let candidate = candidates.first(where: { $0.id == id }) else {
                throw InternalFault("a trial asked for candidate '\(id)', which this job does not have")
            }
            let work = Self.relativeWork(of: candidate, hyperparameters)
            if !isReplay, let work {
                let left = await deadline() - (ContinuousClock.now - searchStarted).inSeconds
                try await costs.admit(predicted: costs.predictedSeconds(candidate: id, work: work), left: left, cap: limit.seconds)
            }
            let started = ContinuousClock.now
            let score: CandidateScore
            do {
                score = try await limit.run {
                    try await DedicatedThread.run {
                        try evaluator.score(candidate, hyperparameters: hyperparameters, seed: replaySeed ?? request.seed, threads: threadsPerTrial)
                    }
                }
            } catch let cutOff as TrialTimeLimit.Exceeded {
                // At least this long: what like trials are predicted from.
                if let work { await costs.record(candidate: id, work: work, seconds: (ContinuousClock.now - started).inSeconds) }
                throw cutOff
            }
            if let work { await costs.record(candidate: id, work: work, seconds: (ContinuousClock.now - started).inSeconds) }
            // On disk before the store records the trial completed: a kept trial always has its score.
            try archive.write(request.number, score)
            await scores.record(request.number, score)
            return score.mean
        }
        let metric = setup.metric
        let trialLog = self.trialLog
        let progress = self.progress
        guard time > 1 else {
            // A resumed job with no time left for tuning goes on to its final model with the trials it has.
            let trials = try await study.trials()
            let used = config.timeLimit - time - reserve
            log(
                "no time is left for tuning (\(TimeSpan.describe(used)) of \(TimeSpan.describe(config.timeLimit)) used); choosing among the \(trials.filter { $0.completedValue != nil }.count) completed trials"
            )
            let summary = Tuner.Summary(reason: .maxRuntime, trials: trials, best: try await study.bestTrial())
            return (summary, Leaderboard(metric: setup.metric, trials: trials, scores: await scores.all, candidates: setup.candidates))
        }
        var tuner = try Tuner(
            study: study, executor: executor,
            budget: try Budget(maxTrials: setup.replay != nil ? 1 : config.maxCandidates ?? 100_000, maxRuntime: time),
            parallelism: parallelism, interruption: interruption
        ) { trial in
            let (id, _) = CandidateGenerator.split(trial.assignment)
            let value = trial.value.map { "\(metric.rawValue)=\(NumberFormat.short($0))" } ?? trial.status.rawValue
            trialLog(
                "trial \(trial.number) \(id): \(value)" + (trial.error.map { " (\(TuningReport.firstLine($0)))" } ?? "")
                    + (trial.samplerFallback.map { " (drawn at random: \($0))" } ?? ""))
            progress(await scores.finish(trial))
            if case .owner(let lifecycle) = role { await lifecycle.beat() }
        }
        tuner.staleAfter = staleAfter
        tuner.releasesTrialsWhenInterrupted = !role.isOwner
        tuner.deadline = deadline
        let summary = try await tuner.run()
        // Trials other workers completed: their scores are in the store.
        let known = await scores.all
        for trial in summary.trials where trial.completedValue != nil && known[trial.number] == nil {
            guard let score = archive.read(trial.number) else { continue }
            await scores.record(trial.number, score)
        }
        return (summary, Leaderboard(metric: setup.metric, trials: summary.trials, scores: await scores.all, candidates: setup.candidates))
    }

    /// What a trial of `candidate` with `hyperparameters` does, in ``Estimator/relativeWork`` units
    /// (the target transform's own parameter set aside); nil when its learner does not say.
    static func relativeWork(of candidate: Candidate, _ hyperparameters: Assignment) -> Double? {
        Catalog.relativeWork(of: candidate.algorithm, assignment: TargetTransform.split(hyperparameters).1)
    }

    /// How a process takes part in a job's search.
    enum SearchRole: Sendable {
        /// The job's own process (new or resumed): it queues the starting trials, re-queues what a
        /// killed run left running, and keeps the job's heartbeat.
        case owner(JobLifecycle)
        /// `automl worker`: joins a search another process owns. `tuningSeconds` is the job's whole
        /// tuning time (a trial may run a quarter of it); `jobGoesOn` says whether the job is still
        /// searching.
        case worker(tuningSeconds: Double, jobGoesOn: @Sendable () async -> Bool)

        var isOwner: Bool {
            if case .owner = self { return true }
            return false
        }

        /// The tuning time a trial's limit is a quarter of; nil: this session's.
        var trialLimitBasis: Double? {
            if case .worker(let seconds, _) = self { return seconds }
            return nil
        }
    }

    /// The estimated seconds to refit a pipeline on all rows from the fit seconds its trial measured
    /// over all its folds: per fold, scaled to all rows (`CandidateEvaluator.refitScale`: ×1.25 for
    /// 5-fold CV or a 20% holdout, more when the search fits a sample), sped up by the extra threads
    /// the refit gets (at most ×2), with a 1.5× margin and 1 s for writing.
    static func refitSeconds(fitSeconds: Double, evaluator: CandidateEvaluator, threadsPerTrial: Int, cores: Int) -> Double {
        let speedup = min(2, Double(cores) / Double(max(1, threadsPerTrial)))
        return fitSeconds / Double(max(1, evaluator.folds.count)) * evaluator.refitScale / max(1, speedup) * 1.5 + 1
    }
}
