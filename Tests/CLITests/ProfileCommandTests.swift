import Foundation
import Testing
import TestSupport

/// Runs the built `automl` binary as a real process.
func automl(_ arguments: String...) throws -> ProcessOutcome {
    try runProcess(Fixtures.automlBinary, arguments)
}

/// Writes `contents` to a real file called `name` and runs `automl profile` on it.
func profile(writing contents: String, as name: String) throws -> ProcessOutcome {
    let directory = try TemporaryDirectory()
    return try automl("profile", directory.write(name, contents))
}

@Suite struct ProfileCommandTests {
    @Test func helpListsCommandsAndOptions() throws {
        let root = try automl("--help")
        #expect(root.status == 0)
        #expect(root.standardOutput.contains("profile"))
        let profile = try automl("profile", "--help")
        #expect(profile.status == 0)
        for option in ["--target", "--delimiter", "--no-header", "--na-values", "--na-in-text", "--threads"] {
            #expect(profile.standardOutput.contains(option), "\(option)")
        }
    }

    @Test func profilesARealDataset() throws {
        let outcome = try automl("profile", Fixtures.sharedDataset("titanic"), "--target", "survived")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("891 rows × 11 columns"))
        #expect(outcome.standardOutput.contains("survived (target)"))
        #expect(outcome.standardOutput.contains("free text"))
    }

    @Test func readmeQuickStartProfilesTheBundledDataset() throws {
        let loans = Fixtures.packageRoot.appendingPathComponent("benchmarks-data/loans.csv").path
        let outcome = try automl("profile", loans, "--target", "defaulted")
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("2000 rows × 13 columns"))
        #expect(outcome.standardOutput.contains("defaulted (target)  boolean"))
        #expect(outcome.standardOutput.contains("loan_id             identifier"))
        #expect(outcome.standardOutput.contains("application_date    datetime"))
    }

    @Test func missingFileExitsWithTwoAndSaysSo() throws {
        let outcome = try automl("profile", "/nonexistent/data.csv")
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("error: /nonexistent/data.csv: no such file"))
    }

    @Test func raggedFileExitsWithTwoNamingTheLine() throws {
        let outcome = try profile(writing: "a,b\n1,2\n3\n", as: "bad.csv")
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("bad.csv:3: expected 2 fields"))
    }

    @Test func unknownTargetSuggestsClosestNames() throws {
        let outcome = try automl("profile", Fixtures.sharedDataset("titanic"), "--target", "Survived")
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("Did you mean 'survived'"))
    }

    @Test func badOptionsExitWithTwo() throws {
        let titanic = Fixtures.sharedDataset("titanic")
        let delimiter = try automl("profile", titanic, "--delimiter", "ab")
        #expect(delimiter.status == 2)
        #expect(delimiter.standardError.contains("cannot be a delimiter"))
        let policy = try automl("profile", titanic, "--na-in-text", "sometimes")
        #expect(policy.status == 2)
        #expect(policy.standardError.contains("--na-in-text must be one of auto, missing, category"))
        let threads = try automl("profile", titanic, "--threads", "0")
        #expect(threads.status == 2)
        let unknown = try automl("profile", titanic, "--frobnicate")
        #expect(unknown.status == 2)
        let missingArgument = try automl("profile")
        #expect(missingArgument.status == 2)
    }

    @Test func duplicateHeaderNamesWarnButSucceed() throws {
        let outcome = try profile(writing: "a,a\n1,2\n", as: "dup.csv")
        #expect(outcome.status == 0)
        #expect(outcome.standardError.contains("warning:"))
        #expect(outcome.standardError.contains("repeats the name 'a'; it is called 'a_2'"))
    }
}
