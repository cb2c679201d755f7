import ArgumentParser
import AutoML
import Foundation
import LinearAlgebra
import Tabular

/// `automl profile`: explores a CSV file and writes the exploration report, its figures and
/// `profile.json`.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Explore a CSV file: types, missing values, distributions, duplicates, correlations, alerts and preprocessing plans.",
        discussion: """
            Writes DIR/exploration.md (Markdown), DIR/figures/*.svg and DIR/profile.json (the same facts \
            for machines), and prints a short summary. Exit status 2 means the file or the options need \
            fixing; the message says where.
            """
    )

    @Argument(help: "The CSV file to profile.")
    var file: String

    @Option(help: "The column to predict: adds the problem type, class balance, feature associations and leakage checks.")
    var target: String?

    @Option(name: .customLong("problem-type"), help: "The task; inferred from the target when omitted.")
    var problemType: ProblemType?

    @Option(help: "Directory for the report (default: <file name>-profile in the current directory).")
    var output: String?

    @OptionGroup var csv: CSVInputOptions

    func run() throws {
        // The profiler runs its BLAS products on its own threads, one product per thread, so
        // OpenBLAS needs no workers of its own (setting the count starts them; end them again).
        BLASThreads.set(1)
        BLASThreads.stopIdleWorkers()
        let started = Date()
        let options = try csv.csvOptions()
        let read = try CSVReader(options: options).read(file)
        for warning in read.warnings {
            FileHandle.standardError.write(Data("warning: \(file): \(warning)\n".utf8))
        }
        let profiler = Profiler(target: target, problemType: problemType, threads: options.threads)
        let source = URL(fileURLWithPath: file).lastPathComponent
        let exploration = try Exploration(table: read.table, source: source, profiler: profiler)
        let directory = try outputDirectory(source: source)
        let report: URL
        do {
            report = try ExplorationReport(exploration).write(to: directory)
        } catch {
            throw InputError(
                message: "cannot write the report into \(directory.path): \(error.localizedDescription). Choose another directory with --output.")
        }
        let seconds = Date().timeIntervalSince(started)
        print(ProfileSummary.render(exploration, file: file, seconds: seconds, report: report.path))
    }

    func validate() throws {
        if problemType != nil, target == nil { throw ValidationError("--problem-type needs --target: name the column to predict.") }
    }

    private func outputDirectory(source: String) throws -> URL {
        let path = output ?? (source as NSString).deletingPathExtension + "-profile"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw InputError(message: "--output \(path) is a file, not a directory. Choose a directory path.")
        }
        return URL(fileURLWithPath: path)
    }
}
