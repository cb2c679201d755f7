import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// Runs each trial as the user's command, a subprocess in its own session (so the whole process
/// group can be signalled), and reads its metrics by regex from every line it prints.
///
/// The command gets `AUTOML_JOB` (the job's name) beside SageMaker's variables; its process group
/// is recorded in the store while it runs, and killed when the trial ends, however it ends. On
/// Linux the command also gets a parent-death signal (SIGKILL, through util-linux's `setpriv`), so
/// it dies with automl even on `kill -9`; what it started itself is found later by its process
/// group (``TrialProcess``).
///
/// A trial fails (with the reason and its last 20 log lines) when the command exits non-zero or is
/// killed by a signal, runs past the trial timeout, never prints the objective, or last prints it
/// as NaN or infinite. A trial the stopping rule stops, or one cancelled by the job, is ended with
/// SIGTERM to its process group and SIGKILL after the grace period.
public struct ScriptExecutor: TrialExecutor {
    public let command: TrainingCommand
    let executable: String
    let parser: MetricParser

    /// - Throws: what ``TrainingCommand/validate()`` throws: every check is made before a trial runs.
    public init(command: TrainingCommand) throws(TuningError) {
        self.command = command
        self.executable = try command.validate()
        self.parser = try MetricParser(command.metricDefinitions)
    }

    public func execute(_ request: TrialRequest, reporter: TrialReporter) async throws -> Double {
        let workspace = TrialWorkspace(command: command, request: request)
        do {
            try workspace.prepare()
        } catch {
            throw TuningError.scriptFailed(
                reason: "could not be given its directory \(workspace.directory): \(error.localizedDescription)", lastLines: [])
        }
        let output = try TrialOutput(
            parser: parser, objective: command.objectiveMetric, reporter: reporter,
            standardOutputLog: workspace.standardOutputLog, standardErrorLog: workspace.standardErrorLog)
        let grace = Duration.saturating(seconds: command.terminationGracePeriod)
        let teardown: [TeardownStep] = [
            .gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: grace),
            .send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1)),
        ]
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = teardown
        let ending = EndingFlag()
        let processGroup = GroupFlag()
        // However the trial ends, nothing it started outlives it.
        defer { if let leader = processGroup.value { Self.killLeftovers(group: leader, job: request.study) } }
        let timeout = command.trialTimeout
        let start = ContinuousClock.now

        let result: ExecutionResult<Void, SequenceOutput, SequenceOutput>
        do {
            let launch = Self.launch(executable, workspace.arguments)
            // Started from a thread that never exits: the parent-death signal follows the thread.
            result = try await withTaskExecutorPreference(TrialSpawnThread.shared) {
                try await Subprocess.run(
                    .path(FilePath(launch.executable)),
                    arguments: Arguments(launch.arguments),
                    environment: .inherit.updating(Self.environmentUpdate(workspace.environment)),
                    workingDirectory: FilePath(command.workingDirectory),
                    platformOptions: options,
                    input: .none,
                    output: .sequence,
                    error: .sequence
                ) { execution in
                    let leader = execution.processIdentifier.value
                    processGroup.set(leader)
                    try await reporter.processStarted(group: leader)
                    return try await withThrowingTaskGroup(of: Bool.self) { group in
                        group.addTask {
                            for try await buffer in execution.standardOutput {
                                try await output.consume(buffer.withUnsafeBytes { Array($0) }, from: .standardOutput)
                            }
                            try await output.finish(.standardOutput)
                            return true
                        }
                        group.addTask {
                            for try await buffer in execution.standardError {
                                try await output.consume(buffer.withUnsafeBytes { Array($0) }, from: .standardError)
                            }
                            try await output.finish(.standardError)
                            return true
                        }
                        group.addTask {
                            // The watchdog: ends the process group on timeout, early stop or cancellation.
                            while true {
                                try? await Task.sleep(for: .milliseconds(50))
                                if await output.streamsEnded == 2 { return false }
                                if ProcessTable.startTicks(of: leader) == nil {
                                    // The command has exited but something it started holds its output
                                    // open: the trial is over, so its process group goes.
                                    Self.killLeftovers(group: leader, job: request.study)
                                }
                                var reason: Ending?
                                if Task.isCancelled {
                                    reason = .cancelled
                                } else if await output.stopRequested {
                                    reason = .stoppedEarly
                                } else if let timeout, ContinuousClock.now - start > .saturating(seconds: timeout) {
                                    reason = .timedOut
                                }
                                if let reason {
                                    // The group cancels this watchdog once both streams have ended: a
                                    // command that ended on its own is not cut off.
                                    if reason == .cancelled, await output.streamsEnded == 2 { return false }
                                    ending.set(reason)
                                    await execution.teardown(using: teardown)
                                    return false
                                }
                            }
                        }
                        var readers = 0
                        while readers < 2, let isReader = try await group.next() {
                            if isReader { readers += 1 }
                        }
                        group.cancelAll()
                    }
                }
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as TuningError {
            throw error
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw TuningError.scriptFailed(reason: "could not be run: \(error)", lastLines: await output.lastLines)
        }
        await output.writeMetrics(to: workspace.metricsFile)
        let lastLines = await output.lastLines
        switch ending.value {
        case .cancelled?:
            throw CancellationError()
        case .timedOut?:
            throw TuningError.scriptFailed(
                reason: "ran longer than the trial timeout of \(Self.seconds(timeout ?? 0)) and was killed", lastLines: lastLines)
        case .stoppedEarly?:
            if let value = await output.latestFiniteObjective { return value }
            throw TuningError.scriptFailed(reason: "was stopped early before it printed a finite objective", lastLines: lastLines)
        case nil:
            break
        }
        if Task.isCancelled { throw CancellationError() }
        switch result.terminationStatus {
        case .exited(0):
            break
        case .exited(let code):
            throw TuningError.scriptFailed(reason: "exited with status \(code)", lastLines: lastLines)
        case .signaled(let signal):
            throw TuningError.scriptFailed(reason: "was killed by signal \(signal)\(Self.signalName(signal))", lastLines: lastLines)
        }
        guard let value = await output.objectiveValue else {
            let regex = command.metricDefinitions.first { $0.name == command.objectiveMetric }?.regex ?? ""
            throw TuningError.scriptFailed(
                reason: "finished without printing the objective metric '\(command.objectiveMetric)' (no output line matched \(regex))",
                lastLines: lastLines)
        }
        guard value.isFinite else {
            throw TuningError.scriptFailed(
                reason: "printed the objective metric '\(command.objectiveMetric)' as \(value), not a finite number", lastLines: lastLines)
        }
        return value
    }

    /// Kills (SIGKILL) what is left of a trial's process group: only while a process of the group
    /// still carries the job's name in its environment, so a recycled group id is never signalled.
    /// `util-linux`'s `setpriv`, which sets the parent-death signal and then runs the command in its
    /// own place (same process, so the same process group).
    static let parentDeathWrapper: String? = {
        #if os(Linux)
            return ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
        #else
            return nil
        #endif
    }()

    /// The program and arguments that start `executable`: under `setpriv --pdeathsig KILL` where it
    /// exists (the command dies with automl), else as it is.
    static func launch(_ executable: String, _ arguments: [String]) -> (executable: String, arguments: [String]) {
        guard let wrapper = parentDeathWrapper else { return (executable, arguments) }
        return (wrapper, ["--pdeathsig", "KILL", "--", executable] + arguments)
    }

    static func killLeftovers(group: Int32, job: String) {
        TrialProcess(host: .current, processGroup: group).killIfLeftBehind(job: job)
    }

    static func environmentUpdate(_ variables: [String: String]) -> [Environment.Key: String?] {
        var update: [Environment.Key: String?] = [:]
        for (name, value) in variables { update[Environment.Key(stringLiteral: name)] = value }
        return update
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int64(value)) s" : "\(value) s"
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: " (SIGKILL; out of memory?)"
        case SIGTERM: " (SIGTERM)"
        case SIGSEGV: " (SIGSEGV, a crash)"
        case SIGABRT: " (SIGABRT, an abort)"
        case SIGINT: " (SIGINT)"
        default: ""
        }
    }
}

extension ScriptExecutor {
    /// Why the watchdog ended a trial.
    private enum Ending: Sendable {
        case timedOut
        case stoppedEarly
        case cancelled
    }

    /// The process group a trial's command leads, once it has started.
    private final class GroupFlag: @unchecked Sendable {
        // A lock, not an actor: set once when the command starts, read in a `defer`.
        private let lock = NSLock()
        private var stored: Int32?

        func set(_ value: Int32) { lock.withLock { stored = value } }

        var value: Int32? { lock.withLock { stored } }
    }

    /// The first reason the watchdog gave for ending a trial.
    private final class EndingFlag: @unchecked Sendable {
        // A lock, not an actor: set once by the watchdog, read once after the process is gone.
        private let lock = NSLock()
        private var stored: Ending?

        func set(_ value: Ending) {
            lock.withLock { if stored == nil { stored = value } }
        }

        var value: Ending? { lock.withLock { stored } }
    }
}
