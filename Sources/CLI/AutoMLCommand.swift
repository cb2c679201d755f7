import ArgumentParser
import AutoML
import Foundation
import LinearAlgebra
import Tabular
import Tuning

/// The `automl` command: parses arguments, runs a subcommand, and maps failures to exit codes
/// (0 success, 2 bad usage or bad input, 1 internal failure).
@main
struct AutoMLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "automl",
        abstract: "AutoML on one machine: profile a CSV, tune models, report, predict.",
        discussion: """
            Every command reads CSV files (RFC 4180; delimiter sniffed among , ; tab |; UTF-8 with or \
            without BOM). Run `automl <command> --help` for a command's options.
            """,
        version: AutoMLVersion.current,
        subcommands: [
            RunCommand.self, ProfileCommand.self, PredictCommand.self, TuneCommand.self, JobsCommand.self, ReportCommand.self, ServeCommand.self,
            WorkerCommand.self,
        ]
    )

    static func main() async {
        MemoryReuse.apply()
        BLASThreads.stopIdleWorkers()
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = (error as? LocalizedError)?.errorDescription ?? fullMessage(for: error)
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            Foundation.exit(Self.status(for: error, parserCode: code))
        }
    }

    /// Bad input and bad usage exit with 2, anything else with 1.
    static func status(for error: Error, parserCode: ExitCode) -> Int32 {
        if error is TabularError || error is InputError || error is AutoMLError { return 2 }
        if let tuning = error as? TuningError {
            if case .storeFailure = tuning { return 1 }
            return 2
        }
        if parserCode == .validationFailure { return 2 }
        return parserCode == .failure ? 1 : parserCode.rawValue
    }
}
