import ArgumentParser
import Tabular

/// Options that control how a CSV file is read, shared by every command that reads one.
struct CSVInputOptions: ParsableArguments {
    @Option(help: "Field delimiter: ',', ';', '|' or 'tab'. Sniffed from the first lines when omitted.")
    var delimiter: String?

    @Flag(name: .customLong("no-header"), help: "The first row is data; columns are named column_1, column_2, ...")
    var noHeader = false

    @Option(
        name: .customLong("na-values"),
        help: ArgumentHelp(
            "Comma-separated words read as missing, besides the empty field.",
            discussion: "Default: \(CSVOptions.defaultMissingMarkers.joined(separator: ",")). Pass \"\" to treat only empty fields as missing."))
    var naValues: String?

    @Option(
        name: .customLong("na-in-text"),
        help: ArgumentHelp(
            "What a missing-value word means in a text column.",
            discussion: "auto: a category when the file leaves other missing values empty (Ames Housing writes NA for \"none\"), else missing."))
    var naInText: MissingMarkerPolicy = .automatic

    @Option(help: "Threads that parse the file (default: all cores).")
    var threads: Int?

    /// The reader options these flags describe.
    func csvOptions() throws -> CSVOptions {
        var options = CSVOptions()
        if let delimiter { options.delimiter = try CSVOptions.delimiter(from: delimiter) }
        options.hasHeader = !noHeader
        if let naValues {
            options.missingMarkers = naValues.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
        }
        options.markerPolicy = naInText
        if let threads {
            guard threads >= 1 else { throw InputError(message: "--threads must be at least 1 (got \(threads)).") }
            options.threads = threads
        }
        return options
    }
}
