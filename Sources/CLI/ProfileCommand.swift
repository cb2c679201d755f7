import ArgumentParser
import Foundation
import Tabular

/// `automl profile`: reads a CSV file and describes its columns.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Read a CSV file and show each column's inferred type, missing values and distinct values.",
        discussion: "Every type comes with the reason it was chosen. Exit status 2 means the file or the options need fixing; the message says where."
    )

    @Argument(help: "The CSV file to profile.")
    var file: String

    @Option(help: "The column to predict; checked to exist.")
    var target: String?

    @OptionGroup var csv: CSVInputOptions

    func run() throws {
        let started = Date()
        let output = try CSVReader(options: csv.csvOptions()).read(file)
        let seconds = Date().timeIntervalSince(started)
        for warning in output.warnings {
            FileHandle.standardError.write(Data("warning: \(file): \(warning)\n".utf8))
        }
        let table = output.table
        if let target { _ = try table.column(named: target) }
        print(ColumnSummary.render(table, file: file, delimiter: output.delimiter, seconds: seconds, target: target))
    }
}
