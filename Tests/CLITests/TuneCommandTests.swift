import Foundation
import TestSupport
import Testing
import Tuning

/// `automl tune` and `automl jobs` as users run them: the real binary, real scripts, a real store.
@Suite(.processSlot) struct TuneCommandTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-tune") }

    var store: String { directory.path("runs/automl.sqlite") }

    /// An executable shell script in the temporary directory.
    func script(_ name: String, _ body: String) throws -> String {
        let path = try directory.write(name, "#!/bin/sh\n" + body + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// A script that sleeps `seconds`, then prints a loss with its minimum at x = 0.3.
    func slowBowl(_ seconds: Double) throws -> String {
        try script(
            "bowl.sh",
            """
            sleep \(seconds)
            awk -v x="$2" 'BEGIN { printf "loss=%.6f\\n", (x - 0.3) * (x - 0.3) }'
            """)
    }

    func flagsJob(_ program: String, name: String, trials: Int, parallel: Int = 1) -> [String] {
        [
            "tune", "--range", "x:continuous:0:1", "--metric", "loss=loss=([0-9.]+)", "--objective", "loss", "--goal", "minimize",
            "--max-trials", "\(trials)", "--max-parallel", "\(parallel)", "--job-name", name, "--store", store, "--", program,
        ]
    }

    /// Starts `automl` without waiting for it; its output goes to automl.log.
    func launch(_ arguments: [String]) throws -> LaunchedProcess {
        try launchProcess(Fixtures.automlBinary, arguments, currentDirectory: directory.url, log: directory.url.appendingPathComponent("automl.log"))
    }

    /// Finished trials of `job` in the store (none while it does not exist yet).
    func finished(_ job: String) -> [Trial] {
        ((try? SQLiteTrialStore(path: store).trials(study: job)) ?? []).filter { $0.status.isFinished }
    }

    @Test func theShellExampleRunsAndReportsItsJob() async throws {
        let job = Fixtures.packageRoot.appendingPathComponent("examples/shell/job.yaml").path
        let output = directory.path("shell")
        let run = try await automl("tune", "--config", job, "--store", store, "--output", output, "--max-trials", "8", in: directory)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Job shell-bowl completed: the maximum number of trials finished."))
        let trials = try SQLiteTrialStore(path: store).trials(study: "shell-bowl")
        #expect(trials.count == 8 && trials.allSatisfy { $0.status.isFinished })
        #expect(trials.contains { $0.intermediateValues.count == 5 }, "every epoch's loss is an intermediate value")
        let report = try String(contentsOfFile: output + "/tuning.md", encoding: .utf8)
        for section in [
            "# Tuning job shell-bowl", "## Best trial", "## Convergence", "## Parameter importance", "## Trials", "| optimizer |",
            "## Caveats", "## Failed and stopped trials", "## Reproduce", "**Command as typed:** `automl tune --config ",
            "**Seed:** 3; **trials:** 8, 2 at once", "**Training command:** `./train.sh`",
        ] {
            #expect(report.contains(section), "\(section)\n\(report)")
        }
        for figure in ["convergence", "importance", "parameter-rate", "parameter-width", "parameter-optimizer"] {
            let svg = try String(contentsOfFile: "\(output)/figures/\(figure).svg", encoding: .utf8)
            #expect(svg.hasPrefix("<?xml") && svg.contains("</svg>"), "\(figure)")
        }
        let list = try await automl("jobs", "--store", store, in: directory)
        #expect(list.status == 0)
        #expect(list.standardOutput.contains("shell-bowl") && list.standardOutput.contains("8/8"))
        let show = try await automl("jobs", "show", "shell-bowl", "--store", store, in: directory)
        #expect(show.status == 0)
        #expect(show.standardOutput.contains("## Best trial"))
        let missing = try await automl("jobs", "show", "no-such-job", "--store", store, in: directory)
        #expect(missing.status == 2 && missing.standardError.contains("There is no job named 'no-such-job'"))
    }

    @Test func aJSONJobFileRunsWithHyperbandStoppingTrialsAtItsRungs() async throws {
        let program = try script(
            "epochs.sh",
            """
            i=1; while [ $i -le 9 ]; do awk -v x="$2" -v i=$i 'BEGIN { printf "step %d loss=%.6f\\n", i, (x - 0.3) * (x - 0.3) + 1 / i }'; i=$((i+1)); sleep 0.1; done
            """)
        let job = try directory.write(
            "job.json",
            """
            {"name": "bands", "command": ["\(program)"],
             "parameters": [{"name": "x", "type": "continuous", "min": 0, "max": 1}],
             "objective": {"metric": "loss", "goal": "minimize"},
             "metrics": [{"name": "loss", "regex": "step (?<step>\\\\d+) loss=(?<value>[0-9.]+)"}],
             "strategy": "hyperband", "hyperband": {"min_resource": 1, "max_resource": 9},
             "max_trials": 12, "max_parallel": 2, "seed": 5}
            """)
        let run = try await automl("tune", "--config", job, "--store", store, in: directory)
        #expect(run.status == 0, "\(run.standardError)")
        let trials = try SQLiteTrialStore(path: store).trials(study: "bands")
        #expect(trials.count == 12)
        let stopped = trials.filter { $0.status == .stopped }
        #expect(!stopped.isEmpty, "Hyperband stopped no trial")
        let report = try String(contentsOfFile: directory.path("runs/bands/tuning.md"), encoding: .utf8)
        #expect(report.contains("were stopped early") && report.contains("| stopped |"), "\(report)")
        #expect(stopped.allSatisfy { $0.intermediateValues.count < 9 }, "a stopped trial is killed before its last step")
        #expect(trials.contains { $0.status == .completed && $0.intermediateValues.count == 9 })
    }

    @Test func helpDocumentsEveryKeyOfTheJobFile() async throws {
        let help = try await automl("tune", "--help")
        #expect(help.status == 0)
        for key in [
            "name:", "command:", "working_directory:", "environment:", "parameters:", "static_hyperparameters:", "objective:",
            "metrics:", "strategy:", "max_trials:", "max_parallel:", "trial_timeout:", "max_runtime:", "early_stopping:",
            "warm_start:", "channels:", "seed:", "max_consecutive_failures:", "target_value:", "no_improvement_trials:",
            "termination_grace_period:", "grid_resolution:", "hyperband:", "scaling:", "--sagemaker-config", "--resume",
        ] {
            #expect(help.standardOutput.contains(key), "\(key)")
        }
    }

    @Test func badJobsAreRefusedBeforeAnythingRuns() async throws {
        func refused(_ arguments: [String], _ message: String) async throws {
            let outcome = try await runProcess(Fixtures.automlBinary, arguments, currentDirectory: directory.url.path)
            #expect(outcome.status == 2, "\(arguments): \(outcome.standardError)")
            #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
        }
        let program = try slowBowl(0)
        try await refused(flagsJob("no-such-training-program", name: "a", trials: 2), "The training command 'no-such-training-program' cannot be run")
        var noGroup = flagsJob(program, name: "b", trials: 2)
        noGroup[4] = "loss=loss=[0-9.]+"
        try await refused(noGroup, "has no capture group")
        var badRange = flagsJob(program, name: "c", trials: 2)
        badRange[2] = "x:continuous:1:0"
        try await refused(badRange, "MAX (0) must be greater than MIN (1)")
        var wrongObjective = flagsJob(program, name: "d", trials: 2)
        wrongObjective[6] = "accuracy"
        try await refused(wrongObjective, "'accuracy' is not among the metric definitions (defined: loss)")
        let yaml = try directory.write(
            "job.yaml",
            """
            command: [./bowl.sh]
            parameters:
              - {name: x, type: continous, min: 0, max: 1}
            objective: {metric: loss, goal: minimize}
            metrics: [{name: loss, regex: "loss=([0-9.]+)"}]
            """)
        try await refused(
            ["tune", "--config", yaml, "--store", store],
            "job.yaml:3:21: 'parameters[0].type': 'continous' is not one of continuous, integer, categorical")
        let logYAML = try directory.write(
            "log.yaml",
            """
            command: [./bowl.sh]
            parameters:
              - {name: x, type: continuous, min: 0, max: 1, scaling: logarithmic}
            objective: {metric: loss, goal: minimize}
            metrics: [{name: loss, regex: "loss=([0-9.]+)"}]
            """)
        try await refused(
            ["tune", "--config", logYAML, "--store", store], "log.yaml:3:38: 'parameters[0].min': logarithmic scaling needs a positive min")
        #expect(try SQLiteTrialStore(path: store).jobs().isEmpty, "a refused job leaves nothing in the store")
        try await refused(["tune", "--resume", "ghost", "--store", store], "There is no job named 'ghost'")
    }

    @Test func aJobKilledWithSIGKILLResumesWithoutLosingTrials() async throws {
        let program = try slowBowl(0.3)
        let arguments = flagsJob(program, name: "killed", trials: 10, parallel: 2)
        let process = try launch(arguments)
        // Kill while a trial is running (between trials there would be nothing to re-run).
        waitFor(60) {
            let trials = (try? SQLiteTrialStore(path: store).trials(study: "killed")) ?? []
            return trials.filter { $0.status.isFinished }.count >= 3 && trials.contains { $0.status == .running }
        }
        kill(process.processIdentifier, SIGKILL)
        await process.waitUntilExit()
        let before = finished("killed")
        #expect(
            before.count >= 3 && before.count < 10,
            "\(before.count) finished before the kill; log: \((try? String(contentsOfFile: directory.path("automl.log"), encoding: .utf8)) ?? "")")
        let again = try await runProcess(
            Fixtures.automlBinary, ["tune", "--resume", "killed", "--store", store], currentDirectory: directory.url.path)
        #expect(again.status == 0, "\(again.standardError)")
        let trials = try SQLiteTrialStore(path: store).trials(study: "killed")
        #expect(trials.filter { $0.status == .completed }.count == 10)
        #expect(trials.count == 10, "the budget is honoured")
        for trial in before {
            let now = try #require(trials.first { $0.number == trial.number })
            #expect(now.value == trial.value && now.assignment == trial.assignment, "finished trial \(trial.number) kept")
        }
        #expect(trials.contains { $0.attempts > 1 }, "the trials running at the kill were run again")
        let job = try #require(try SQLiteTrialStore(path: store).job(named: "killed"))
        #expect(job.status == .completed)
    }

    @Test func aKilledJobsTrialProcessesAreKilledWhenTheStoreIsNextLookedAt() async throws {
        // Trials that would run for an hour, each with a background child: after kill -9 of automl
        // the children are orphans until `automl jobs` finds the dead job.
        let program = try script(
            "long.sh",
            """
            sleep 3737 > /dev/null 2>&1 &
            sleep 3600
            echo "loss=0.5"
            """)
        let process = try launch(flagsJob(program, name: "orphans", trials: 4, parallel: 2))
        waitFor(60) {
            let trials = (try? SQLiteTrialStore(path: store).trials(study: "orphans")) ?? []
            return trials.filter { $0.process != nil }.count == 2 && Self.processes(mentioning: "sleep 3737").count == 2
        }
        #expect(Self.processes(mentioning: "sleep 3737").count == 2, "both trials started: \(Self.processes(mentioning: "long.sh"))")
        kill(process.processIdentifier, SIGKILL)
        await process.waitUntilExit()
        // The parent-death signal ends each trial's command with automl; what the commands started
        // in the background is left until the store is next looked at.
        waitFor(10) { Self.processes(mentioning: program).isEmpty }
        #expect(Self.processes(mentioning: program).isEmpty, "the trials' commands died with automl: \(Self.processes(mentioning: program))")
        #expect(Self.processes(mentioning: "sleep 3737").count == 2, "their background children outlive kill -9")
        let jobs = try await runProcess(Fixtures.automlBinary, ["jobs", "--store", store], currentDirectory: directory.url.path)
        #expect(jobs.status == 0 && jobs.standardOutput.contains("Stopped"), "\(jobs.standardOutput)")
        waitFor(10) { Self.processes(mentioning: program).isEmpty && Self.processes(mentioning: "sleep 3737").isEmpty }
        #expect(Self.processes(mentioning: program).isEmpty, "trial processes left: \(Self.processes(mentioning: program))")
        #expect(Self.processes(mentioning: "sleep 3737").isEmpty, "background children left")
        let job = try #require(try SQLiteTrialStore(path: store).job(named: "orphans"))
        #expect(
            job.status == .stopped && job.reason.contains("the processes its 2 running trials left were killed")
                && job.reason.contains("automl tune --resume orphans"), "\(job.reason)")
    }

    @Test func aSecondSignalKillsTrialsThatIgnoreTheFirstAndRecordsTheJobStopped() async throws {
        // Trials that ignore SIGTERM, with an hour's grace: only the second Ctrl-C ends them.
        let program = try script(
            "stubborn.sh",
            """
            trap '' TERM INT
            while true; do sleep 1; done
            """)
        let yaml = try directory.write(
            "stubborn.yaml",
            """
            name: stubborn
            command: [\(program)]
            parameters:
              - {name: x, type: continuous, min: 0, max: 1}
            objective: {metric: loss, goal: minimize}
            metrics: [{name: loss, regex: "loss=([0-9.]+)"}]
            max_trials: 2
            max_parallel: 2
            termination_grace_period: 1h
            """)
        let process = try launch(["tune", "--config", yaml, "--store", store])
        waitFor(60) { ((try? SQLiteTrialStore(path: store).trials(study: "stubborn")) ?? []).filter { $0.process != nil }.count == 2 }
        kill(process.processIdentifier, SIGINT)
        waitFor(30) { ((try? String(contentsOfFile: directory.path("automl.log"), encoding: .utf8)) ?? "").contains("interrupted") }
        #expect(!Self.processes(mentioning: program).isEmpty, "the trials outlive the first signal")
        kill(process.processIdentifier, SIGINT)
        await process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        waitFor(10) { Self.processes(mentioning: program).isEmpty }
        #expect(Self.processes(mentioning: program).isEmpty, "trial processes left: \(Self.processes(mentioning: program))")
        let job = try #require(try SQLiteTrialStore(path: store).job(named: "stubborn"))
        #expect(job.status == .stopped && job.reason.contains("second signal"), "\(job.reason)")
    }

    /// Processes whose command line mentions `text` (trial scripts left behind).
    static func processes(mentioning text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(text) ? "\(pid): \(line)" : nil
        }
    }

    @Test(.serialized, arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalStopsCleanlyAndTheJobResumes(_ signalNumber: Int32, _ status: Int32) async throws {
        let program = try slowBowl(0.5)
        let process = try launch(flagsJob(program, name: "interrupted", trials: 6))
        waitFor(30) { finished("interrupted").count >= 2 }
        kill(process.processIdentifier, signalNumber)
        await process.waitUntilExit()
        #expect(process.terminationStatus == status)
        waitFor(10) { Self.processes(mentioning: program).isEmpty }
        #expect(Self.processes(mentioning: program).isEmpty, "trial processes left: \(Self.processes(mentioning: program))")
        let output = directory.path("runs/interrupted")
        #expect(FileManager.default.fileExists(atPath: output + "/tuning.md"), "the report is written on Ctrl-C")
        let stopped = try #require(try SQLiteTrialStore(path: store).job(named: "interrupted"))
        #expect(stopped.status == .stopped)
        let kept = finished("interrupted").count
        #expect(kept >= 2 && kept < 6)
        let resumed = try await automl("tune", "--resume", "interrupted", "--store", store, in: directory)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let trials = try SQLiteTrialStore(path: store).trials(study: "interrupted")
        #expect(trials.count == 6 && trials.allSatisfy { $0.status == .completed })
    }

    /// A Python interpreter with scikit-learn: the benchmark venv's, else python3 on PATH.
    static let sklearnPython: String? = {
        let candidates = [Fixtures.packageRoot.appendingPathComponent("benchmarks-data/.venv/bin/python").path, "/usr/bin/env"]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            let arguments = candidate.hasSuffix("env") ? ["python3", "-c", "import sklearn"] : ["-c", "import sklearn"]
            // Synchronous on purpose: a test trait needs the answer before any test runs.
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: candidate)
            probe.arguments = arguments
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { continue }
            probe.waitUntilExit()
            if probe.terminationStatus == 0 {
                return candidate.hasSuffix("env") ? "python3" : candidate
            }
        }
        return nil
    }()

    @Test(.enabled(if: sklearnPython != nil, "scikit-learn is not installed for python3; pip install scikit-learn to run the Python example"))
    func theScikitLearnExampleRunsInScriptMode() async throws {
        let python = try #require(Self.sklearnPython)
        let job = Fixtures.packageRoot.appendingPathComponent("examples/sklearn-script-mode/job.yaml").path
        let run = try await automl(
            "tune", "--config", job, "--store", store, "--output", directory.path("sk"), "--max-trials", "3",
            "--", python, "train.py", in: directory)
        #expect(run.status == 0, "\(run.standardError)")
        let trials = try SQLiteTrialStore(path: store).trials(study: "sklearn-churn")
        #expect(trials.count == 3 && trials.allSatisfy { $0.status == .completed && ($0.value ?? 0) > 0.8 }, "\(trials.map(\.error))")
        #expect(FileManager.default.fileExists(atPath: directory.path("sk/trials/trial-0/model/model.pkl")))
    }
}
