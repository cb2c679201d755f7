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

/// Runs `executable` with `arguments` as a real subprocess and waits for it.
public func runProcess(_ executable: String, _ arguments: [String], currentDirectory: String? = nil) throws -> ProcessOutcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Read both pipes to the end before waiting, so a chatty child never blocks on a full pipe.
    let group = DispatchGroup()
    nonisolated(unsafe) var errorData = Data()
    group.enter()
    DispatchQueue.global().async {
        errorData = error.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessOutcome(
        status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
        standardError: String(decoding: errorData, as: UTF8.self))
}

/// Starts `executable` with `arguments` without waiting for it; both output streams go to `log`
/// (created or emptied).
public func launchProcess(_ executable: String, _ arguments: [String], currentDirectory: URL, log: URL) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = currentDirectory
    FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    return process
}

/// Polls `condition` every 50 ms until it holds or `seconds` pass.
public func waitFor(_ seconds: Double, until condition: () -> Bool) {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition(), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
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
