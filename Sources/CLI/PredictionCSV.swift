import ArgumentParser
import AutoML
import Foundation
import Learners
import Tabular

/// The predictions file: `prediction`, then `probability_<class>` per class, then any extra columns.
enum PredictionCSV {
    /// - Parameter extra: more columns, one row of cells per prediction (already CSV fields).
    static func render(_ prediction: Prediction, extra: (header: [String], rows: [[String]])? = nil) -> String {
        var lines: [String] = []
        let classes = prediction.classes
        lines.append(CSVWriter.record(["prediction"] + classes.map { "probability_\($0)" } + (extra?.header ?? [])))
        let labels = prediction.labels ?? []
        for row in 0..<prediction.rowCount {
            var cells =
                classes.isEmpty
                ? [NumberFormat.exact(prediction.values[row])]
                : [CSVWriter.field(labels[row])] + classes.indices.map { NumberFormat.exact(prediction.probability(row: row, class: $0)) }
            if let extra, row < extra.rows.count { cells += extra.rows[row] }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The explanation columns: the base value, then the `top` input columns with the largest
    /// contributions (by magnitude) to the probability of the row's predicted class, or to the value.
    static func explanationColumns(
        prediction: Prediction, contributions: ModelArtifact.ColumnContributions, top: Int
    ) -> (header: [String], rows: [[String]]) {
        let k = min(top, contributions.columns.count)
        let header = ["explanation_base"] + (0..<k).flatMap { ["explanation_\($0 + 1)_column", "explanation_\($0 + 1)_value"] }
        let labels = prediction.isClassification ? prediction.classIndices : []
        let rows = (0..<contributions.rowCount).map { row -> [String] in
            let output = labels.isEmpty ? 0 : labels[row]
            let values = contributions.columns.indices.map { contributions.value(row: row, output: output, column: $0) }
            let order = values.indices.sorted { (abs(values[$0]), $1) > (abs(values[$1]), $0) }.prefix(k)
            var cells = [NumberFormat.exact(contributions.expected[output])]
            for c in order { cells += [CSVWriter.field(contributions.columns[c]), NumberFormat.exact(values[c])] }
            return cells
        }
        return (header, rows)
    }
}
