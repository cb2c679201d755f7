import Foundation
import TestSupport
import Testing
import Tuning

/// `--store postgresql://...` as users type it: a tuning job and an AutoML job recorded in a
/// real PostgreSQL database, listed by `automl jobs`, and the password shown nowhere.
@Suite(.processSlot, .enabled(if: PostgreSQLTestServer.url != nil, PostgreSQLTestServer.skipped))
struct PostgreSQLStoreCommandTests {
    let directory: TemporaryDirectory
    init() throws { directory = try TemporaryDirectory("automl-postgresql") }

    /// A fresh database's URL with a password in it (the test server trusts loopback, so the
    /// password is never needed: it is there to be hidden).
    func storeURL() throws -> String {
        try PostgreSQLTestServer.freshDatabase().replacingOccurrences(of: "@", with: ":hunter2@")
    }

    @Test func tuningAndAutoMLJobsLiveInPostgreSQLWithoutShowingThePassword() async throws {
        let store = try storeURL()
        let program = try directory.write(
            "bowl.sh", "#!/bin/sh\nawk -v x=\"$2\" 'BEGIN { printf \"loss=%.6f\\n\", (x - 0.3) * (x - 0.3) }'\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program)
        let tune = try await automl(
            "tune", "--range", "x:continuous:0:1", "--metric", "loss=loss=([0-9.]+)", "--objective", "loss", "--goal", "minimize",
            "--max-trials", "6", "--max-parallel", "2", "--job-name", "bowl", "--store", store, "--output", directory.path("bowl"), "--",
            program, in: directory)
        #expect(tune.status == 0, "\(tune.standardError)")
        let trials = try PostgreSQLTrialStore(server: PostgreSQLLocation(parsing: store)).trials(study: "bowl")
        #expect(trials.count == 6 && trials.allSatisfy { $0.status == .completed } && Set(trials.map(\.number)).count == 6)

        let run = try await automl(
            "run", Fixtures.sharedDataset("penguins_train"), "--target", "species", "--max-candidates", "2", "--parallel", "1",
            "--algorithms", "linear", "--job-name", "penguins", "--store", store, "--output", directory.path("penguins"), in: directory)
        #expect(run.status == 0, "\(run.standardError)")

        let list = try await automl("jobs", "--store", store, in: directory)
        #expect(list.status == 0 && list.standardOutput.contains("bowl") && list.standardOutput.contains("penguins"), "\(list.standardOutput)")
        let show = try await automl("jobs", "show", "bowl", "--store", store, in: directory)
        #expect(show.status == 0 && show.standardOutput.contains("## Best trial"), "\(show.standardOutput)")
        let missing = try await automl("jobs", "show", "nope", "--store", store, in: directory)
        #expect(missing.status == 2 && missing.standardError.contains("postgresql://") && missing.standardError.contains(":hunter2@") == false)

        // The password appears in no output and no file the jobs wrote.
        var texts = [tune, run, list, show, missing].flatMap { [$0.standardOutput, $0.standardError] }
        for folder in ["bowl", "penguins"] {
            let files = FileManager.default.enumerator(atPath: directory.path(folder))?.compactMap { $0 as? String } ?? []
            for file in files where [".md", ".json", ".csv", ".html"].contains(where: file.hasSuffix) {
                texts.append((try? String(contentsOfFile: directory.path("\(folder)/\(file)"), encoding: .utf8)) ?? "")
            }
        }
        #expect(texts.count > 10 && !texts.contains { $0.contains("hunter2") })
    }

    @Test func aBadStoreURLIsAClearErrorWithoutThePassword() async throws {
        let bad = try await automl("jobs", "--store", "postgresql://me:hunter2@127.0.0.1/", in: directory)
        #expect(bad.status == 2 && bad.standardError.contains("--store: ") && bad.standardError.contains("names no database"), "\(bad.standardError)")
        #expect(!bad.standardError.contains("hunter2"))
    }
}

/// A PostgreSQL store that cannot be reached: retried for `--store-timeout`, then a clear error
/// and exit 1 (no server needed: nothing listens on port 1).
@Suite struct UnreachableStoreTests {
    @Test func anUnreachableServerIsRetriedForTheStoreTimeoutThenNamed() async throws {
        let refused = try await runProcess(
            Fixtures.automlBinary, ["jobs", "--store", "postgresql://me:hunter2@127.0.0.1:1/jobs", "--store-timeout", "0.5s"])
        #expect(refused.status == 1, "\(refused.standardError)")
        #expect(refused.standardError.contains("postgresql://me@127.0.0.1:1/jobs"), "\(refused.standardError)")
        #expect(refused.standardError.contains("unreachable for 0.5 s (retried with back-off)"), "\(refused.standardError)")
        #expect(refused.standardError.contains("Check that the PostgreSQL server runs"), "\(refused.standardError)")
        #expect(!refused.standardError.contains("hunter2"))
    }

    @Test(arguments: ["0s", "soon", "-3s", "0.05s"]) func aStoreTimeoutThatIsNoDurationIsRefused(_ value: String) async throws {
        let refused = try await runProcess(
            Fixtures.automlBinary, ["jobs", "--store", "postgresql://me@127.0.0.1:1/jobs", "--store-timeout", value])
        #expect(refused.status == 2, "\(refused.standardError)")
        #expect(refused.standardError.contains("--store-timeout"), "\(refused.standardError)")
    }
}
