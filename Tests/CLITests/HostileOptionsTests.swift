import Foundation
import TestSupport
import Testing

/// Option values that once crashed the tool, escaped its folders or got the wrong exit code: each is
/// refused before anything runs, with exit 2 and a message naming the option, or ends with the
/// documented code.
@Suite(.serialized, .processSlot) struct HostileOptionsTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-hostile") }

    var store: String { directory.path("runs/automl.sqlite") }

    func data() throws -> String {
        try directory.write("good.csv", "x,y\n" + (0..<40).map { "\($0),\($0 % 2 == 0 ? "a" : "b")" }.joined(separator: "\n") + "\n")
    }

    func automl(_ arguments: [String]) async throws -> ProcessOutcome {
        try await runProcess(Fixtures.automlBinary, arguments, currentDirectory: directory.url.path)
    }

    /// A job file for `program` with one continuous parameter `parameter` and extra top-level lines.
    func jobFile(_ name: String, program: String, parameter: String, maxTrials: Int, extra: String = "") throws -> String {
        try directory.write(
            name,
            """
            command: [\(program)]
            objective: {metric: loss, goal: minimize}
            metrics: [{name: loss, regex: "loss=([0-9.]+)"}]
            max_trials: \(maxTrials)
            \(extra)
            parameters:
              - {name: "\(parameter)", type: continuous, min: 0, max: 1}
            """)
    }

    func script(_ name: String, _ body: String) throws -> String {
        let path = try directory.write(name, "#!/bin/sh\n" + body + "\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test(arguments: ["1e20s", "9999999999999999h", "5000000000000000000s", "-5s", "0s", "nan", "infs"])
    func hugeNegativeOrNonsenseTimeLimitsAreRefused(_ limit: String) async throws {
        let outcome = try await automl(["run", try data(), "--target", "y", "--time-limit", limit, "--job-name", "limit", "--store", store])
        #expect(outcome.status == 2, "\(limit): \(outcome.status) \(outcome.standardError)")
        #expect(outcome.standardError.contains("--time-limit takes a duration from 1ms to 100 years"), "\(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("runs/limit")))
    }

    @Test(arguments: ["--trial-timeout", "--max-runtime"])
    func hugeTuningDurationsAreRefused(_ flag: String) async throws {
        let program = try script("ok.sh", "echo loss=1")
        let outcome = try await automl([
            "tune", "--range", "x:continuous:0:1", "--metric", "loss=loss=([0-9.]+)", "--objective", "loss", "--goal", "minimize",
            "--max-trials", "1", flag, "1e20s", "--job-name", "huge", "--store", store, "--", program,
        ])
        #expect(outcome.status == 2, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("\(flag) takes a duration from 1ms to 100 years"), "\(outcome.standardError)")
    }

    @Test(arguments: ["../../../escape", "..", ".", "a\nb", "-dash", "sp ace", String(repeating: "n", count: 101)])
    func jobNamesThatAreNotOneSafeFolderAreRefused(_ name: String) async throws {
        let run = try await automl(["run", try data(), "--target", "y", "--time-limit", "10s", "--job-name", name, "--store", store])
        #expect(run.status == 2, "\(name.debugDescription): \(run.standardError)")
        #expect(run.standardError.contains("--job-name"), "\(run.standardError)")
        let program = try script("ok.sh", "echo loss=1")
        let tune = try await automl([
            "tune", "--range", "x:continuous:0:1", "--metric", "loss=loss=([0-9.]+)", "--objective", "loss", "--goal", "minimize",
            "--max-trials", "1", "--job-name", name, "--store", store, "--", program,
        ])
        #expect(tune.status == 2, "\(name.debugDescription): \(tune.standardError)")
        #expect(tune.standardError.contains("--job-name"), "\(tune.standardError)")
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path("")).filter { !["good.csv", "ok.sh", "runs"].contains($0) }
        #expect(left.isEmpty, "written: \(left)")
        #expect(!FileManager.default.fileExists(atPath: directory.url.deletingLastPathComponent().appendingPathComponent("escape").path))
    }

    @Test func outputsThatNameTheWrongKindOfThingAreRefused() async throws {
        let file = try directory.write("taken.txt", "not a folder\n")
        let run = try await automl([
            "run", try data(), "--target", "y", "--time-limit", "10s", "--job-name", "out", "--output", file, "--store", store,
        ])
        #expect(run.status == 2 && run.standardError.contains("--output: \(file) is a file; name a directory"), "\(run.standardError)")
        try FileManager.default.createDirectory(atPath: directory.path("folder"), withIntermediateDirectories: true)
        let predict = try await automl(["predict", "--model", directory.path("nowhere"), "--input", try data(), "--output", directory.path("folder")])
        #expect(
            predict.status == 2 && predict.standardError.contains("--output \(directory.path("folder")) is a directory"), "\(predict.standardError)")
        #expect(!predict.standardError.contains("NSCocoaErrorDomain"))
        let jobs = try await automl(["jobs", "--store", directory.path("folder")])
        #expect(jobs.status == 2 && jobs.standardError.contains("is a directory; --store names an SQLite file"), "\(jobs.standardError)")
    }

    @Test(arguments: [
        ("a b", "'a b' contains a space"), ("x=y", "'x=y' contains '='"), ("1st", "'1st' must start with a letter or '_'"), ("", "the name is empty"),
    ])
    func hyperparameterNamesThatCannotBeEnvironmentNamesAreRefused(_ name: String, _ message: String) async throws {
        let program = try script("ok.sh", "echo loss=1")
        let job = try jobFile("job.yaml", program: program, parameter: name, maxTrials: 1)
        let outcome = try await automl(["tune", "--config", job, "--job-name", "envname", "--store", store])
        #expect(outcome.status == 2, "\(name.debugDescription): \(outcome.status) \(outcome.standardError)")
        #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
        #expect(!outcome.standardOutput.contains("Tuning job envname:"), "refused before it starts")
        #expect(!FileManager.default.fileExists(atPath: directory.path("runs/envname/trials")))
    }

    @Test func aTuningJobEndedByConsecutiveFailuresExitsOne() async throws {
        let program = try script("fail.sh", "echo broken >&2; exit 3")
        let job = try jobFile("failing.yaml", program: program, parameter: "x", maxTrials: 10, extra: "max_consecutive_failures: 2")
        let outcome = try await automl(["tune", "--config", job, "--job-name", "failing", "--store", store])
        #expect(outcome.status == 1, "\(outcome.status) \(outcome.standardOutput) \(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Job failing failed"), "\(outcome.standardOutput)")
    }
}
