import Foundation
import TestSupport
import Testing

/// Runs the built `automl` binary as a real process, in `directory` (a fresh temporary one by
/// default, so default output folders never land in the checkout).
func automl(_ arguments: String..., in directory: TemporaryDirectory? = nil) async throws -> ProcessOutcome {
    let place = try directory ?? TemporaryDirectory()
    return try await runProcess(Fixtures.automlBinary, arguments, currentDirectory: place.url.path)
}

/// Writes `contents` to a real file called `name` and runs `automl profile` on it.
func profile(writing contents: String, as name: String) async throws -> ProcessOutcome {
    let directory = try TemporaryDirectory()
    return try await automl("profile", directory.write(name, contents), in: directory)
}

@Suite(.processSlot) struct ProfileCommandTests {
    @Test func helpListsCommandsAndOptions() async throws {
        let root = try await automl("--help")
        #expect(root.status == 0)
        #expect(root.standardOutput.contains("profile"))
        let profile = try await automl("profile", "--help")
        #expect(profile.status == 0)
        for option in ["--target", "--output", "--problem-type", "--delimiter", "--no-header", "--na-values", "--na-in-text", "--threads"] {
            #expect(profile.standardOutput.contains(option), "\(option)")
        }
    }

    @Test func writesTheReportFiguresAndJSON() async throws {
        let directory = try TemporaryDirectory()
        let output = directory.url.appendingPathComponent("out").path
        let outcome = try await automl("profile", Fixtures.sharedDataset("titanic"), "--target", "survived", "--output", output)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("891 rows × 11 columns"))
        #expect(outcome.standardOutput.contains("target 'survived': binary"))
        #expect(outcome.standardOutput.contains("report: \(output)/exploration.md"))
        let files = FileManager.default
        #expect(files.fileExists(atPath: output + "/exploration.md"))
        #expect(files.fileExists(atPath: output + "/profile.json"))
        let figures = try files.contentsOfDirectory(atPath: output + "/figures")
        #expect(figures.contains("target-classes.svg"))
        #expect(figures.contains("correlation-pearson.svg"))
        #expect(figures.filter { $0.hasPrefix("column-") }.count >= 8)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/profile.json"))) as? [String: Any]
        #expect(json?["findings"] != nil && json?["plans"] != nil && json?["profile"] != nil)
    }

    @Test func defaultOutputIsBesideTheCurrentDirectory() async throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("sales.csv", "region,amount\nnorth,1\nsouth,2\nnorth,3\n")
        let outcome = try await automl("profile", file, in: directory)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("sales-profile/exploration.md").path))
    }

    @Test func problemTypeOverrideIsHonouredAndChecked() async throws {
        let wine = Fixtures.sharedDataset("wine_quality")
        let regression = try await automl("profile", wine, "--target", "quality", "--problem-type", "regression", "--output", "out")
        #expect(regression.status == 0, "\(regression.standardError)")
        #expect(regression.standardOutput.contains("target 'quality': regression (chosen with --problem-type"))
        let titanic = Fixtures.sharedDataset("titanic")
        let impossible = try await automl("profile", titanic, "--target", "sex", "--problem-type", "regression")
        #expect(impossible.status == 2)
        #expect(impossible.standardError.contains("The target 'sex' cannot be treated as regression: it holds categorical values"))
        let unknown = try await automl("profile", titanic, "--target", "sex", "--problem-type", "ranking")
        #expect(unknown.status == 2)
        #expect(
            unknown.standardError.contains(
                "The value 'ranking' is invalid for '--problem-type <problem-type>'. Please provide one of 'binary', 'multiclass' or 'regression'."),
            "\(unknown.standardError)")
        let noTarget = try await automl("profile", titanic, "--problem-type", "binary")
        #expect(noTarget.status == 2)
        #expect(noTarget.standardError.contains("--problem-type needs --target"))
    }

    @Test func outputThatIsAFileIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let blocker = try directory.write("taken", "not a directory")
        let outcome = try await automl("profile", Fixtures.sharedDataset("penguins"), "--output", blocker)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("is a file, not a directory"))
    }

    @Test func readmeQuickStartProfilesTheBundledDataset() async throws {
        let loans = Fixtures.packageRoot.appendingPathComponent("benchmarks-data/loans.csv").path
        let outcome = try await automl("profile", loans, "--target", "defaulted")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("2000 rows × 13 columns"))
        #expect(outcome.standardOutput.contains("target 'defaulted': binary"))
        #expect(outcome.standardOutput.contains("loan_id: identifier-like"))
    }

    @Test func missingFileExitsWithTwoAndSaysSo() async throws {
        let outcome = try await automl("profile", "/nonexistent/data.csv")
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("error: /nonexistent/data.csv: no such file"))
    }

    @Test func raggedFileExitsWithTwoNamingTheLine() async throws {
        let outcome = try await profile(writing: "a,b\n1,2\n3\n", as: "bad.csv")
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("bad.csv:3: expected 2 fields"))
    }

    @Test func unknownTargetSuggestsClosestNames() async throws {
        let outcome = try await automl("profile", Fixtures.sharedDataset("titanic"), "--target", "Survived")
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("Did you mean 'survived'"))
    }

    @Test func badOptionsExitWithTwo() async throws {
        let titanic = Fixtures.sharedDataset("titanic")
        let delimiter = try await automl("profile", titanic, "--delimiter", "ab")
        #expect(delimiter.status == 2)
        #expect(delimiter.standardError.contains("cannot be a delimiter"))
        let policy = try await automl("profile", titanic, "--na-in-text", "sometimes")
        #expect(policy.status == 2)
        #expect(
            policy.standardError.contains(
                "The value 'sometimes' is invalid for '--na-in-text <na-in-text>'. Please provide one of 'auto', 'missing' or 'category'."),
            "\(policy.standardError)")
        let threads = try await automl("profile", titanic, "--threads", "0")
        #expect(threads.status == 2)
        let unknown = try await automl("profile", titanic, "--frobnicate")
        #expect(unknown.status == 2)
        let missingArgument = try await automl("profile")
        #expect(missingArgument.status == 2)
    }

    @Test func duplicateHeaderNamesWarnButSucceed() async throws {
        let outcome = try await profile(writing: "a,a\n1,2\n", as: "dup.csv")
        #expect(outcome.status == 0)
        #expect(outcome.standardError.contains("warning:"))
        #expect(outcome.standardError.contains("repeats the name 'a'; it is called 'a_2'"))
    }
}
