import Foundation
import Learners
import Tabular

/// Rows a reviewer should see with their own eyes, as SageMaker Autopilot's data report shows them:
/// a sample of rows, examples of duplicate rows, and the most anomalous rows by an isolation
/// forest on a row sample.
public struct RowSamples: Codable, Sendable, Equatable {
    /// One row: its 1-based number among the file's data rows and its values as read (nil: missing).
    public struct Row: Codable, Sendable, Equatable {
        public var number: Int
        public var values: [String?]
        /// The isolation forest's anomaly score (anomalous rows only).
        public var score: Double?
    }

    public var columns: [String]
    /// Up to 10 rows drawn at random (fixed seed), in file order.
    public var sample: [Row]
    /// Up to 3 groups of rows that repeat exactly.
    public var duplicates: [[Row]]
    /// The 10 rows with the highest anomaly scores among those scored, highest first.
    public var anomalies: [Row]
    /// How many rows the isolation forest scored (a sample of large files) and on which columns.
    public var anomalyRows: Int
    public var anomalyColumns: [String]

    /// The rows scored for anomalies at the most (evenly spaced beyond it).
    public static let anomalyRowLimit = 5_000

    public init(table: Table, duplicates: Table.DuplicateRows, target: String?, seed: UInt64) {
        columns = table.columnNames
        func row(_ index: Int, score: Double? = nil) -> Row {
            Row(number: index + 1, values: table.columns.map { $0.text(at: index) }, score: score)
        }
        var generator = SeededGenerator(seed: seed)
        var picks = Array(0..<table.rowCount)
        picks.shuffle(using: &generator)
        sample = picks.prefix(10).sorted().map { row($0) }
        self.duplicates = duplicates.examples.prefix(3).map { group in group.prefix(3).map { row($0) } }

        // Numbers as they are, labels by their share of rows; missing values at the median; the
        // target, identifiers and free text left out.
        let stride = max(1, table.rowCount / Self.anomalyRowLimit)
        let rows = Array(Swift.stride(from: 0, to: table.rowCount, by: stride))
        var features: [[Double]] = []
        var used: [String] = []
        for column in table.columns where column.name != target && column.type != .identifier && column.type != .text {
            var values: [Double]
            if column.isNumeric {
                let numbers = column.numbers
                values = rows.map { numbers[$0] }
            } else {
                var counts: [String: Int] = [:]
                for r in rows { if let text = column.text(at: r) { counts[text, default: 0] += 1 } }
                values = rows.map { r in column.text(at: r).flatMap { counts[$0] }.map { Double($0) / Double(rows.count) } ?? .nan }
            }
            let present = values.filter(\.isFinite).sorted()
            guard let first = present.first, let last = present.last, last > first else { continue }
            let median = present[present.count / 2]
            features.append(values.map { $0.isFinite ? $0 : median })
            used.append(column.name)
        }
        anomalyColumns = used
        anomalyRows = features.isEmpty ? 0 : rows.count
        if features.isEmpty || rows.count < 20 {
            anomalies = []
        } else {
            let scores = IsolationForest().scores(features: features, rows: rows.count, seed: seed)
            let top = scores.indices.sorted { (scores[$0], $1) > (scores[$1], $0) }.prefix(10)
            anomalies = top.map { row(rows[$0], score: scores[$0]) }
        }
    }
}
