// Reads one CSV file once with automl's CSVReader and prints one JSON line:
// {"tool": "automl", "seconds": ..., "rows": ..., "columns": ..., "baseline_rss_mb": ..., "peak_rss_mb": ...}
// The driver (benchmarks-data/ingest_benchmark.py) runs it in a fresh process per repetition, like
// the peers, so peak memory is the read's own.
import Foundation
import Tabular

func maxResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: IngestBenchmark FILE.csv [THREADS]\n".utf8))
    exit(2)
}
var options = CSVOptions()
if arguments.count >= 3, let threads = Int(arguments[2]) { options.threads = threads }
let baseline = maxResidentMegabytes()
let start = DispatchTime.now().uptimeNanoseconds
do {
    let table = try CSVReader(options: options).read(arguments[1]).table
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let peak = maxResidentMegabytes()
    let typeCounts = Dictionary(grouping: table.columns, by: \.type.rawValue).mapValues(\.count)
    let types = typeCounts.keys.sorted().map { "\"\($0)\": \(typeCounts[$0] ?? 0)" }.joined(separator: ", ")
    print(
        "{\"tool\": \"automl\", \"seconds\": \(seconds), \"rows\": \(table.rowCount), \"columns\": \(table.columnCount), \"baseline_rss_mb\": \(baseline), \"peak_rss_mb\": \(peak), \"types\": {\(types)}}"
    )
} catch {
    FileHandle.standardError.write(Data("error: \(error.localizedDescription)\n".utf8))
    exit(2)
}
