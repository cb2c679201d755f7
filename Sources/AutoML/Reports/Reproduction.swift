import Foundation

/// What every report of a run states so it can be reproduced: the automl version, the command as
/// typed and with every setting spelled out, the seed, the time limit, and the data's SHA-256.
public struct Reproduction: Codable, Sendable, Equatable {
    public var version: String
    /// The command as typed (empty when the job was not started from the command line).
    public var commandLine: [String]
    /// The same job with every setting given explicitly.
    public var equivalentCommand: [String]
    public var seed: UInt64
    public var timeLimit: Double
    public var parallel: Int
    public var dataFile: String
    public var dataSHA256: String

    public init(configuration: RunConfiguration, dataSHA256: String, version: String = AutoMLVersion.current) {
        self.version = version
        commandLine = configuration.commandLine ?? []
        equivalentCommand = configuration.equivalentCommand
        seed = configuration.seed
        timeLimit = configuration.timeLimit
        parallel = configuration.parallel
        dataFile = configuration.data
        self.dataSHA256 = dataSHA256
    }

    /// A command as a POSIX shell reads it: words with anything but safe characters single-quoted.
    public static func shellQuoted(_ words: [String]) -> String {
        words.map { word in
            let safe = !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:=,@%+".contains($0)) }
            return safe ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    /// One line for the top of a report.
    public var line: String {
        "automl \(MarkdownDocument.escape(version)), seed \(seed), time limit \(MarkdownDocument.escape(TimeSpan.describe(timeLimit))), "
            + "\(parallel) at once; data \(MarkdownDocument.code(dataFile)) SHA-256 \(MarkdownDocument.code(dataSHA256)). Reproduce: see `index.md`."
    }

    /// The section of `index.md`.
    func section(into document: inout MarkdownDocument) {
        document.heading(2, "Reproduce")
        var items = ["**automl version:** \(MarkdownDocument.escape(version))"]
        if !commandLine.isEmpty { items.append("**Command as typed:** " + MarkdownDocument.code(Self.shellQuoted(commandLine))) }
        items += [
            "**Every setting spelled out:** " + MarkdownDocument.code(Self.shellQuoted(equivalentCommand)),
            "**Seed:** \(seed); **time limit:** \(MarkdownDocument.escape(TimeSpan.describe(timeLimit))); **pipelines at once:** \(parallel)",
            "**Data:** \(MarkdownDocument.code(dataFile)), SHA-256 \(MarkdownDocument.code(dataSHA256)) (check with `sha256sum`)",
        ]
        document.bullets(items)
        document.paragraph(
            "With one pipeline at once (`--parallel 1`) and the same seed, data and version, the same trials run in the same order and the "
                + "leaderboard is the same, up to the timing columns, as long as the time limit is not what ends the search; with several at once, which trials "
                + "run depends on timing.")
    }
}
