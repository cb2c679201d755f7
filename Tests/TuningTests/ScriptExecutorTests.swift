import Foundation
import TestSupport
import Testing
import Tuning

/// The script executor with real subprocesses (`/bin/sh` scripts written to a temporary directory)
/// and a real SQLite store.
@Suite(.processSlot) struct ScriptExecutorTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("script-executor") }

    static let space = SearchSpace([
        Parameter("lr", .continuous(lower: 0.001, upper: 1, scaling: .logarithmic), initial: .real(0.1)),
        Parameter("depth", .integer(lower: 1, upper: 8, scaling: .linear), initial: .integer(3)),
    ])
    static let loss = MetricDefinition(name: "loss", regex: #"loss=([-+0-9.eE]+|nan|inf)"#)

    /// A shell script in the temporary directory, executable.
    func script(_ name: String, _ body: String) throws -> String {
        let path = try directory.write(name, "#!/bin/sh\n" + body + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    func command(
        _ program: String, metrics: [MetricDefinition] = [loss], timeout: Double? = nil, grace: Double = 1,
        statics: [String: String] = [:], channels: [String: String] = [:]
    ) -> TrainingCommand {
        TrainingCommand(
            arguments: [program], workingDirectory: directory.url.path, staticHyperparameters: statics, channels: channels,
            metricDefinitions: metrics, objectiveMetric: "loss", trialTimeout: timeout, terminationGracePeriod: grace,
            outputDirectory: directory.path("job"))
    }

    func study(_ name: String = "job", space: SearchSpace = space, stoppingRule: (any StoppingRule)? = nil) throws -> Study {
        let store = try SQLiteTrialStore(path: directory.path("store.sqlite"))
        return try Study(
            name: name, space: space, direction: .minimize, seed: 7, sampler: RandomSampler(),
            stoppingRule: stoppingRule, store: store)
    }

    /// Runs one trial of `command` with `assignment` through a tuner and returns it finished.
    func runOne(
        _ command: TrainingCommand, _ assignment: Assignment = Assignment(["lr": .real(0.1), "depth": .integer(3)]),
        space: SearchSpace = space, stoppingRule: (any StoppingRule)? = nil
    ) async throws -> Trial {
        let study = try study(UUID().uuidString, space: space, stoppingRule: stoppingRule)
        try await study.enqueue(assignment)
        let tuner = try Tuner(study: study, executor: try ScriptExecutor(command: command), budget: try Budget(maxTrials: 1))
        let summary = try await tuner.run()
        return try #require(summary.trials.first)
    }

    @Test func hyperparametersArriveAsArgumentsEnvironmentAndJSON() async throws {
        let program = try script(
            "train.sh",
            """
            printf '%s\\n' "$@" > args.txt
            env | grep -E '^(SM_|AUTOML_)' | sort > env.txt
            cp "$SM_INPUT_CONFIG_DIR/hyperparameters.json" hps.json
            echo "epoch 1 loss=0.9"
            echo "epoch 1 grad_norm=2.5" >&2
            echo "epoch 2 loss=0.5"
            echo "done; loss=0.25 accuracy=0.8"
            """)
        let data = try directory.write("train.csv", "a,b\n1,2\n")
        let metrics = [
            Self.loss, MetricDefinition(name: "accuracy", regex: #"accuracy=([0-9.]+)"#),
            MetricDefinition(name: "grad_norm", regex: #"grad_norm=([0-9.]+)"#),
        ]
        let trial = try await runOne(command(program, metrics: metrics, statics: ["epochs": "10", "optimizer": "adam"], channels: ["train": data]))
        #expect(trial.status == .completed)
        #expect(trial.value == 0.25)
        #expect(trial.intermediateValues.map(\.value).sorted() == [0.25, 0.5, 0.9])
        let args = try String(contentsOfFile: directory.path("args.txt"), encoding: .utf8)
        #expect(args == "--depth\n3\n--epochs\n10\n--lr\n0.1\n--optimizer\nadam\n")
        let env = try String(contentsOfFile: directory.path("env.txt"), encoding: .utf8)
        let trialDirectory = TrialWorkspace.directory(for: trial.number, in: directory.path("job"))
        for expected in [
            "SM_HP_LR=0.1", "SM_HP_DEPTH=3", "SM_HP_EPOCHS=10", "SM_HP_OPTIMIZER=adam",
            #"SM_HPS={"depth":3,"epochs":10,"lr":0.1,"optimizer":"adam"}"#,
            "SM_MODEL_DIR=\(trialDirectory)/model", "SM_OUTPUT_DATA_DIR=\(trialDirectory)/output/data",
            "SM_CHANNEL_TRAIN=\(data)", #"SM_CHANNELS=["train"]"#, "SM_NUM_CPUS=1", "AUTOML_TRIAL_NUMBER=0",
        ] {
            #expect(env.contains(expected + "\n"), "missing \(expected) in:\n\(env)")
        }
        let json = try String(contentsOfFile: directory.path("hps.json"), encoding: .utf8)
        #expect(json == #"{"depth":"3","epochs":"10","lr":"0.1","optimizer":"adam"}"#)
        let stdout = try String(contentsOfFile: "\(trialDirectory)/stdout.log", encoding: .utf8)
        #expect(stdout == "epoch 1 loss=0.9\nepoch 2 loss=0.5\ndone; loss=0.25 accuracy=0.8\n")
        let stderr = try String(contentsOfFile: "\(trialDirectory)/stderr.log", encoding: .utf8)
        #expect(stderr == "epoch 1 grad_norm=2.5\n")
        let final = try String(contentsOfFile: "\(trialDirectory)/metrics.json", encoding: .utf8)
        #expect(final == #"{"accuracy":0.8,"grad_norm":2.5,"loss":0.25}"#, "metrics from both streams")
    }

    @Test func aValueWithSpacesQuotesAndSemicolonsIsOneLiteralArgument() async throws {
        let tricky = #"a b "c" 'd'; rm -rf / $(echo x) `y` \ z"#
        let space = SearchSpace([Parameter("label", .categorical([tricky, "plain"]), initial: .label("plain"))])
        let program = try script(
            "echo.sh",
            """
            printf '%s' "$2" > value.txt
            printf '%s' "$SM_HP_LABEL" > env-value.txt
            echo "loss=1"
            """)
        let trial = try await runOne(command(program), Assignment(["label": .label(tricky)]), space: space)
        #expect(trial.status == .completed)
        #expect(try String(contentsOfFile: directory.path("value.txt"), encoding: .utf8) == tricky)
        #expect(try String(contentsOfFile: directory.path("env-value.txt"), encoding: .utf8) == tricky)
    }

    @Test func aCrashFailsTheTrialWithItsStatusAndLastLines() async throws {
        let program = try script(
            "crash.sh",
            """
            i=1; while [ $i -le 30 ]; do echo "line $i"; i=$((i+1)); done
            echo "Traceback: out of cheese" >&2
            exit 3
            """)
        let trial = try await runOne(command(program))
        #expect(trial.status == .failed)
        let error = try #require(trial.error)
        #expect(error.contains("exited with status 3"))
        #expect(error.contains("Traceback: out of cheese"))
        #expect(error.contains("line 30") && !error.contains("line 10\n"))
        #expect(error.components(separatedBy: "\n  | ").count - 1 == 20)
    }

    @Test func aHangPastTheTimeoutIsKilledWithItsWholeProcessGroup() async throws {
        let program = try script(
            "hang.sh",
            """
            sleep 300 &
            echo $! > child.pid
            echo "loss=0.5"
            sleep 300
            """)
        let trial = try await runOne(command(program, timeout: 1, grace: 0.5))
        #expect(trial.status == .failed)
        #expect(trial.error?.contains("ran longer than the trial timeout of 1 s") == true)
        let child = try #require(
            Int32(try String(contentsOfFile: directory.path("child.pid"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        // The kill is sent before the trial ends; give the kernel up to 5 s to reap the child.
        let deadline = ContinuousClock.now + .seconds(5)
        while Self.isAlive(child), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!Self.isAlive(child), "the script's background child \(child) survived")
    }

    /// Live processes whose command line contains `text`.
    static func processes(mentioning text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard isAlive(pid), let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(text)
        }
    }

    @Test(arguments: [false, true])
    func aTrialThatExitsTakesItsBackgroundChildrenWithIt(_ childHoldsOutput: Bool) async throws {
        // A unique duration names the child in the process table; one child keeps the trial's
        // stdout open (the trial must still end when its command does), the other does not.
        let seconds = childHoldsOutput ? 2929 : 2828
        let program = try script(
            "leaves-child-\(seconds).sh",
            """
            sleep \(seconds) \(childHoldsOutput ? "" : "> /dev/null 2>&1") &
            echo "loss=0.5"
            """)
        let started = ContinuousClock.now
        let trial = try await runOne(command(program, timeout: 60))
        #expect(trial.status == .completed && trial.value == 0.5, "\(trial.error ?? "")")
        #expect(ContinuousClock.now - started < .seconds(30), "the trial ended with its command, not at its timeout")
        let deadline = ContinuousClock.now + .seconds(5)
        while !Self.processes(mentioning: "sleep \(seconds)").isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(Self.processes(mentioning: "sleep \(seconds)").isEmpty, "the trial's background child survived it")
    }

    @Test func aRunningTrialsProcessGroupIsRecordedWithTheJobInItsEnvironment() async throws {
        let program = try script(
            "group.sh",
            """
            ps -o pgid= -p $$ | tr -d ' ' > group.txt
            printf '%s' "$AUTOML_JOB" > job.txt
            echo "loss=0.5"
            """)
        let store = try SQLiteTrialStore(path: directory.path("store.sqlite"))
        let study = try Study(name: "grouped", space: Self.space, direction: .minimize, seed: 7, sampler: RandomSampler(), store: store)
        let tuner = try Tuner(study: study, executor: try ScriptExecutor(command: command(program)), budget: try Budget(maxTrials: 1))
        _ = try await tuner.run()
        let recorded = try #require(try store.trials(study: "grouped").first?.process)
        #expect(recorded.host == .current)
        let written = try String(contentsOfFile: directory.path("group.txt"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect("\(recorded.processGroup)" == written)
        #expect(try String(contentsOfFile: directory.path("job.txt"), encoding: .utf8) == "grouped")
    }

    /// Whether `pid` is a live process (a zombie awaiting its reaper counts as dead).
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
        return state != "Z" && state != "X"
    }

    @Test func aScriptThatNeverPrintsTheObjectiveOrPrintsNaNFails() async throws {
        let silent = try script("silent.sh", "echo 'training...'; echo 'accuracy=0.9'")
        let trial = try await runOne(command(silent))
        #expect(trial.status == .failed)
        #expect(trial.error?.contains("without printing the objective metric 'loss'") == true)
        #expect(trial.error?.contains("accuracy=0.9") == true)

        let nan = try script("nan.sh", "echo 'loss=0.4'; echo 'loss=nan'")
        let nanTrial = try await runOne(command(nan))
        #expect(nanTrial.status == .failed)
        #expect(nanTrial.error?.contains("as nan, not a finite number") == true, "\(nanTrial.error ?? "")")
    }

    @Test func tenMegabytesOfOutputAndUnicodeAreLoggedWithoutBlocking() async throws {
        let program = try script(
            "chatty.sh",
            """
            yes 'noise: the quick brown fox jumps over the lazy dog 0123456789' | head -c 10485760
            echo
            echo "précision ✓ 日本語 loss=0.125" >&2
            """)
        let trial = try await runOne(command(program, timeout: 60))
        #expect(trial.status == .completed)
        #expect(trial.value == 0.125)
        let trialDirectory = TrialWorkspace.directory(for: trial.number, in: directory.path("job"))
        let size = try FileManager.default.attributesOfItem(atPath: "\(trialDirectory)/stdout.log")[.size] as? Int
        #expect(size == 10_485_761)
        let stderr = try String(contentsOfFile: "\(trialDirectory)/stderr.log", encoding: .utf8)
        #expect(stderr == "précision ✓ 日本語 loss=0.125\n")
    }

    /// Stops every trial at its third report.
    struct StopAtThirdStep: StoppingRule {
        var name: String { "third step" }
        func shouldStop(_ trial: Trial, among trials: [Trial], direction: Direction) -> Bool {
            trial.intermediateValues.count >= 3
        }
    }

    @Test func anEarlyStoppedTrialIsKilledAndKeepsItsLatestValue() async throws {
        let program = try script(
            "epochs.sh",
            """
            trap 'echo terminated > terminated.txt; exit 143' TERM
            i=1; while [ $i -le 100 ]; do echo "epoch $i loss=$((100 - i))"; i=$((i+1)); sleep 0.5; done
            """)
        let trial = try await runOne(command(program, grace: 2), stoppingRule: StopAtThirdStep())
        #expect(trial.status == .stopped)
        let value = try #require(trial.value)
        #expect(value <= 97 && value > 0, "the latest loss printed before the kill, not the end of the run")
        #expect(trial.intermediateValues.count >= 3 && trial.intermediateValues.count < 100)
        #expect(FileManager.default.fileExists(atPath: directory.path("terminated.txt")), "SIGTERM reached the script first")
    }

    @Test func trialsRunInParallelAndEachHasItsOwnDirectory() async throws {
        // Each trial records when it started and ended; with 2 at once, some intervals overlap.
        let program = try script(
            "slow.sh",
            """
            date +%s.%N > "$SM_OUTPUT_DATA_DIR/start"
            sleep 1
            date +%s.%N > "$SM_OUTPUT_DATA_DIR/end"
            echo "loss=$(echo "$SM_HP_DEPTH" | tr -d '\\n')"
            """)
        let study = try study()
        let tuner = try Tuner(study: study, executor: try ScriptExecutor(command: command(program)), budget: try Budget(maxTrials: 4), parallelism: 2)
        let summary = try await tuner.run()
        #expect(summary.trials.count == 4 && summary.trials.allSatisfy { $0.status == .completed })
        var intervals: [(Double, Double)] = []
        for trial in summary.trials {
            #expect(trial.value == trial.assignment["depth"]?.number)
            let data = TrialWorkspace.directory(for: trial.number, in: directory.path("job")) + "/output/data/"
            let start = try #require(
                Double(try String(contentsOfFile: data + "start", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            let end = try #require(Double(try String(contentsOfFile: data + "end", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            intervals.append((start, end))
        }
        let overlapping = intervals.indices.contains { i in
            intervals.indices.contains { j in i != j && intervals[i].0 < intervals[j].1 && intervals[j].0 < intervals[i].1 }
        }
        #expect(overlapping, "no two trials ran at the same time: \(intervals)")
    }

    @Test func consecutiveFailuresEndTheJobWithTheReason() async throws {
        let program = try script("broken.sh", "echo 'ImportError: no module named sklearn' >&2; exit 1")
        let study = try study()
        let budget = try Budget(maxTrials: 20, maxConsecutiveFailures: 3)
        let summary = try await Tuner(study: study, executor: try ScriptExecutor(command: command(program)), budget: budget).run()
        #expect(summary.trials.count == 3)
        guard case .consecutiveFailures(let count, let lastError) = summary.reason else {
            Issue.record("ended because \(summary.reason)")
            return
        }
        #expect(count == 3 && lastError.contains("ImportError"))
    }

    @Test func badDefinitionsAreRejectedBeforeAnythingRuns() throws {
        let program = try script("ok.sh", "echo loss=1")
        func rejection(_ command: TrainingCommand) -> TuningError? {
            do {
                _ = try ScriptExecutor(command: command)
                return nil
            } catch { return error }
        }
        var missing = command(program)
        missing.arguments = ["no-such-program-anywhere"]
        #expect(rejection(missing).map { if case .commandNotFound = $0 { true } else { false } } == true)
        var notExecutable = command(program)
        notExecutable.arguments = [try directory.write("plain.py", "print(1)")]
        #expect(rejection(notExecutable)?.localizedDescription.contains("is not executable") == true)
        let noGroup = rejection(command(program, metrics: [MetricDefinition(name: "loss", regex: "loss=[0-9.]+")]))
        #expect(noGroup?.localizedDescription.contains("has no capture group") == true)
        let broken = rejection(command(program, metrics: [MetricDefinition(name: "loss", regex: "loss=([0-9.]+")]))
        #expect(broken?.localizedDescription.contains("does not compile") == true)
        let otherObjective = rejection(command(program, metrics: [MetricDefinition(name: "accuracy", regex: "acc=([0-9.]+)")]))
        #expect(otherObjective?.localizedDescription.contains("'loss' is not among the metric definitions (defined: accuracy)") == true)
        let stepOnly = rejection(command(program, metrics: [MetricDefinition(name: "loss", regex: #"epoch (?<step>\d+)"#)]))
        #expect(stepOnly?.localizedDescription.contains("only capture group is the step") == true)
    }

    @Test func aNamedStepGroupGivesTheStep() throws {
        let parser = try MetricParser([MetricDefinition(name: "loss", regex: #"epoch (?P<step>\d+) .*loss: (?<value>[0-9.]+)"#)])
        let matches = parser.matches(in: "epoch 12 train loss: 0.75")
        #expect(matches == [MetricMatch(metric: "loss", step: 12, value: 0.75, text: "0.75")])
        let plain = try MetricParser([MetricDefinition(name: "auc", regex: #"validation-auc:(\S+)"#)])
        #expect(plain.matches(in: "[3] validation-auc:0.91 [4] validation-auc:inf").map(\.value) == [0.91, .infinity])
    }
}
