import AutoML
import Foundation
import Learners
import Tabular

/// A prediction written as an `/invocations` response: per row the chosen keys of a
/// classification (``InferenceOutputKey``), or the value of a regression (`score`).
///
/// CSV is Autopilot's: one line per row, no header, the keys in the order chosen, `probabilities`
/// and `labels` as bracketed lists in one quoted field. JSON is `{"predictions": [{...}, ...]}` and
/// JSON Lines one such object per line. Numbers are written as `automl predict` writes them, so
/// the same row gives the same digits.
enum InvocationResponse {
    static func render(_ prediction: Prediction, keys: [InferenceOutputKey], format: InvocationFormat) -> String {
        let labels = prediction.isClassification ? prediction.classIndices : []
        let rows = (0..<prediction.rowCount).map { fields(prediction, row: $0, label: labels.isEmpty ? 0 : labels[$0], keys: keys) }
        switch format {
        case .csv:
            return rows.map { row in row.map(\.csv).joined(separator: ",") }.joined(separator: "\n") + "\n"
        case .json:
            return "{\"predictions\":[" + rows.map(object).joined(separator: ",") + "]}"
        case .jsonLines:
            return rows.map(object).joined(separator: "\n") + "\n"
        }
    }

    /// One output field: its key and its value written for CSV and for JSON.
    struct Field {
        var key: String
        var csv: String
        var json: String
    }

    /// - Parameter label: the row's predicted class index (ignored for regression).
    static func fields(_ prediction: Prediction, row: Int, label: Int, keys: [InferenceOutputKey]) -> [Field] {
        guard prediction.isClassification else {
            let value = NumberFormat.exact(prediction.values[row])
            return [Field(key: "score", csv: value, json: value.isEmpty ? "null" : value)]
        }
        let classes = prediction.classes
        return keys.map { key in
            switch key {
            case .predictedLabel:
                return Field(key: key.rawValue, csv: CSVWriter.field(classes[label]), json: string(classes[label]))
            case .probability:
                let value = NumberFormat.exact(prediction.probability(row: row, class: label))
                return Field(key: key.rawValue, csv: value, json: value.isEmpty ? "null" : value)
            case .probabilities:
                let values = classes.indices.map { NumberFormat.exact(prediction.probability(row: row, class: $0)) }
                return Field(
                    key: key.rawValue, csv: CSVWriter.field("[" + values.joined(separator: ", ") + "]"),
                    json: "[" + values.map { $0.isEmpty ? "null" : $0 }.joined(separator: ",") + "]")
            case .labels:
                return Field(
                    key: key.rawValue, csv: CSVWriter.field("[" + classes.map { "'\($0)'" }.joined(separator: ", ") + "]"),
                    json: "[" + classes.map(string).joined(separator: ",") + "]")
            }
        }
    }

    private static func object(_ fields: [Field]) -> String {
        "{" + fields.map { string($0.key) + ":" + $0.json }.joined(separator: ",") + "}"
    }

    /// `text` as a JSON string literal.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20: out += String(format: "\\u%04x", s.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
