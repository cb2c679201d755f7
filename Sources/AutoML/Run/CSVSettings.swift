import Foundation
import Tabular

/// How a job's CSV files are read (`--delimiter`, `--no-header`, `--na-values`, `--na-in-text`,
/// `--threads`), stored with the job so that a resume reads them the same way.
public struct CSVSettings: Codable, Sendable, Equatable {
    /// The field delimiter's byte; nil to sniff it.
    public var delimiter: UInt8?
    public var hasHeader: Bool
    public var missingMarkers: [String]
    public var markerPolicy: MissingMarkerPolicy
    /// Parsing threads; nil for every core of the machine that reads.
    public var threads: Int?

    public init(
        delimiter: UInt8? = nil, hasHeader: Bool = true, missingMarkers: [String] = CSVOptions.defaultMissingMarkers,
        markerPolicy: MissingMarkerPolicy = .automatic, threads: Int? = nil
    ) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.missingMarkers = missingMarkers
        self.markerPolicy = markerPolicy
        self.threads = threads
    }

    /// The settings of `options` (its threads kept only when `keepThreads`).
    public init(_ options: CSVOptions, keepThreads: Bool) {
        self.init(
            delimiter: options.delimiter, hasHeader: options.hasHeader, missingMarkers: options.missingMarkers, markerPolicy: options.markerPolicy,
            threads: keepThreads ? options.threads : nil)
    }

    /// The reader's options.
    public var options: CSVOptions {
        var options = CSVOptions(delimiter: delimiter, hasHeader: hasHeader, missingMarkers: missingMarkers, markerPolicy: markerPolicy)
        if let threads { options.threads = max(1, threads) }
        return options
    }
}
