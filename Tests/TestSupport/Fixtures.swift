import Foundation

/// Where the test suite finds things outside itself.
public enum Fixtures {
    /// The package's root directory.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/datasets/NAME.csv` beside the checkout (real public datasets; never copied here).
    public static func sharedDataset(_ name: String) -> String {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/datasets/\(name).csv").path
    }

    /// The `automl` executable built alongside the tests.
    public static var automlBinary: String { builtExecutable("automl") }

    /// An executable product built alongside the tests (`automl`, `tuning-probe`).
    public static func builtExecutable(_ name: String) -> String {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for directory in [besideTests, besideTests.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")] {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/\(name)").path
    }
}

/// The outcome of running a program to completion.
public struct ProcessOutcome: Sendable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

/// Runs `executable` with `arguments` as a real subprocess and waits for it without holding a
/// thread of Swift's cooperative pool: the pipes are drained on Dispatch threads and the exit
/// arrives through the termination handler (a test that blocked here starved the async tests
/// running beside it on a 2-core machine).
public func runProcess(_ executable: String, _ arguments: [String], currentDirectory: String? = nil) async throws -> ProcessOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    let exited = ProcessExit(process)
    try process.run()
    // Read both pipes to the end, so a chatty child never blocks on a full pipe.
    async let outputData = drained(output)
    async let errorData = drained(error)
    let (standardOutput, standardError) = await (outputData, errorData)
    await exited.wait()
    return ProcessOutcome(
        status: process.terminationStatus, standardOutput: String(decoding: standardOutput, as: UTF8.self),
        standardError: String(decoding: standardError, as: UTF8.self))
}

/// Everything `pipe` delivers until its writers close it, read on a Dispatch thread.
func drained(_ pipe: Pipe) async -> Data {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: pipe.fileHandleForReading.readDataToEndOfFile()) }
    }
}

/// A process's exit as an event to await: set up before the process runs.
public final class ProcessExit: @unchecked Sendable {
    // A lock, not an actor: the termination handler runs on a Foundation thread.
    private let lock = NSLock()
    private var exited = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(_ process: Process) {
        process.terminationHandler = { [self] _ in
            let resumed = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
                exited = true
                defer { waiters = [] }
                return waiters
            }
            for waiter in resumed { waiter.resume() }
        }
    }

    /// Returns once the process has exited.
    public func wait() async {
        await withCheckedContinuation { continuation in
            let done = lock.withLock { () -> Bool in
                if exited { return true }
                waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}

/// A process started by ``launchProcess(_:_:currentDirectory:log:)`` and its exit, to await.
public struct LaunchedProcess: Sendable {
    public let process: Process
    public let exit: ProcessExit

    public var processIdentifier: Int32 { process.processIdentifier }
    public var terminationStatus: Int32 { process.terminationStatus }

    /// Returns once the process has exited.
    public func waitUntilExit() async { await exit.wait() }
}

/// Starts `executable` with `arguments` without waiting for it; both output streams go to `log`
/// (created or emptied).
public func launchProcess(_ executable: String, _ arguments: [String], currentDirectory: URL, log: URL) throws -> LaunchedProcess {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = currentDirectory
    FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    process.standardOutput = handle
    process.standardError = handle
    let exit = ProcessExit(process)
    try process.run()
    return LaunchedProcess(process: process, exit: exit)
}

/// Checks `condition` every 50 ms until it holds or `seconds` pass.
///
/// Synchronous on purpose: it keeps its thread between checks, so the step that follows (a kill at
/// the moment a job reaches a state) runs at once instead of queueing behind other tests' work on
/// the shared executor. Tests holding a ``ProcessSlot`` are few, so few threads wait here.
public func waitFor(_ seconds: Double, until condition: () -> Bool) {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while !condition(), ContinuousClock.now < deadline { usleep(50_000) }
}

/// `leaderboard.csv` of a job folder without its two timing columns (fit seconds and predict
/// seconds, third and second from the end): what the same seed must reproduce.
public func leaderboardWithoutTimings(_ path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
        var cells = $0.split(separator: ",", omittingEmptySubsequences: false)
        cells.removeSubrange((cells.count - 3)..<(cells.count - 1))
        return cells.joined(separator: ",")
    }
}
