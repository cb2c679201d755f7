import AutoML
import Foundation
import Tabular

/// One fuzz input run through one parser: the CSV reader (with options drawn from the input's first
/// byte) or the job-file readers (automl YAML and SageMaker JSON). Bad input must come back as a typed
/// error; anything else (a trap, a hang, a sanitizer report) is a finding.
enum FuzzEntry {
    /// What the fuzzer drives, from `AUTOML_FUZZ_TARGET` (`csv`, the default, or `job`).
    enum Target: String {
        case csv, job
    }

    static let target = Target(rawValue: ProcessInfo.processInfo.environment["AUTOML_FUZZ_TARGET"] ?? "csv") ?? .csv

    /// A scratch file per process: the readers take paths, as users give them.
    static let scratch: String = {
        let directory = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(directory)/automl-fuzz-\(getpid())"
    }()

    /// Writes the scratch file; failing to is a fault of the machine, not a finding.
    static func writeScratch(_ bytes: ArraySlice<UInt8>) {
        guard FileManager.default.createFile(atPath: scratch, contents: Data(bytes)) else {
            fatalError("automl-fuzz: cannot write the scratch file \(scratch)")
        }
    }

    /// Runs `bytes` through the target; returns a line describing the typed error, or nil on success.
    @discardableResult
    static func exercise(_ bytes: [UInt8], target: Target = target) -> String? {
        switch target {
        case .csv: return csv(bytes)
        case .job: return job(bytes)
        }
    }

    /// The first byte picks the options (header, delimiter, chunk size, threads, missing-marker policy), so
    /// that the fuzzer explores chunk boundaries and both parsing paths; the rest is the file.
    static func csv(_ bytes: [UInt8]) -> String? {
        let control = bytes.first ?? 0
        let body = bytes.dropFirst()
        var options = CSVOptions()
        options.hasHeader = control & 1 == 0
        options.delimiter = [nil, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")][Int(control >> 1) & 3]
        options.chunkSize = [1 << 16, 7, 64, 333][Int(control >> 3) & 3]
        options.threads = control & 0x20 == 0 ? 1 : 2
        options.markerPolicy = [.automatic, .missing, .category, .automatic][Int(control >> 6) & 3]
        writeScratch(body)
        defer { unlink(scratch) }
        do {
            let output = try CSVReader(options: options).read(scratch)
            // Touch every cell through the public accessors, as profiling and training do.
            for column in output.table.columns {
                for row in 0..<output.table.rowCount { _ = column.text(at: row) }
            }
            return nil
        } catch {
            return error.localizedDescription
        }
    }

    /// The first byte picks the reader: even for the automl YAML job file, odd for SageMaker JSON.
    static func job(_ bytes: [UInt8]) -> String? {
        let control = bytes.first ?? 0
        writeScratch(bytes.dropFirst())
        defer { unlink(scratch) }
        do {
            if control & 1 == 0 {
                _ = try TuningJobFile.read(path: scratch, outputRoot: "/nonexistent-fuzz-output")
            } else {
                _ = try SageMakerTuningJob.read(
                    path: scratch, command: ["true"], workingDirectory: "/", channels: ["train": "/tmp", "validation": "/tmp", "test": "/tmp"],
                    outputRoot: "/nonexistent-fuzz-output",
                    defaultName: "fuzz")
            }
            return nil
        } catch {
            return error.localizedDescription
        }
    }
}
