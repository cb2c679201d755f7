import Dispatch
import Foundation
import TestSupport
import Testing

@testable import Tuning

/// A client that stops answering inside a transaction (its link cut, its machine gone) must not hold
/// its row locks past its own store timeout: the server ends its session, and the others go on.
@Suite(.enabled(if: PostgreSQLTestServer.url != nil, PostgreSQLTestServer.skipped))
struct PostgreSQLStalledClientTests {
    @Test func aClientStalledInATransactionLosesItsLocksAfterItsStoreTimeout() throws {
        let server = try PostgreSQLLocation(parsing: PostgreSQLTestServer.freshDatabase())
        let stalled = try PostgreSQLTrialStore(server: server, reconnectWindow: .seconds(1))
        let other = try PostgreSQLTrialStore(server: server, reconnectWindow: .seconds(60))
        _ = try stalled.openStudy(StudyRecord(name: "locks", space: TestFunctions.braninSpace, direction: .minimize, seed: 1))

        let locked = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        let stalledOutcome = LockedOutcome()
        let thread = Thread {
            // Takes the study row's lock, then says nothing more until the other client is through
            // (or for a minute), as a client whose link was cut.
            let outcome = Result {
                try stalled.transaction { session in
                    _ = try session.row("SELECT name FROM studies WHERE name = 'locks' FOR UPDATE")
                    locked.signal()
                    _ = released.wait(timeout: .now() + 60)
                }
            }
            stalledOutcome.set(outcome)
            locked.signal()
        }
        thread.start()
        locked.wait()

        // The same lock, wanted by another client: the server frees it by ending the stalled session.
        let name = try other.transaction { session in
            try session.row("SELECT name FROM studies WHERE name = 'locks' FOR UPDATE")?["name"].decode(String.self)
        }
        #expect(name == "locks")
        #expect(stalledOutcome.value == nil, "the other client got the lock while the stalled one still waited")
        released.signal()
        // Its COMMIT, sent just as the server ended its session, fails within its store timeout
        // (such a statement was seen to wait forever on the connection alone).
        #expect(locked.wait(timeout: .now() + 120) == .success, "the stalled client's COMMIT never came back")
        // The stalled client's transaction was not committed behind its back: it learns it failed.
        let outcome = try #require(stalledOutcome.value)
        #expect(throws: TuningError.self) { try outcome.get() }
    }
}

/// The stalled client's transaction's outcome, set on its thread and read on the test's.
private final class LockedOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<Void, any Error>?

    func set(_ outcome: Result<Void, any Error>) { lock.withLock { stored = outcome } }
    var value: Result<Void, any Error>? { lock.withLock { stored } }
}
