import ArgumentParser
import AutoML
import Foundation
import Learners
import Tabular

/// `automl predict`: batch predictions with a model an `automl run` saved.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict every row of a CSV file with a saved model (batch transform).",
        discussion: """
            Writes PRED.csv with the column `prediction` and, for classification, one \
            `probability_<class>` column per class, one row per input row in the same order. Columns \
            the model was not trained on are ignored; unseen categories and missing values are handled \
            as in training. A file that lacks training columns is refused with their names.
            """
    )

    @Option(help: "The model directory (DIR/model of an automl run).")
    var model: String

    @Option(help: "The CSV file to predict.")
    var input: String

    @Option(help: "Where to write the predictions (CSV).")
    var output: String

    @OptionGroup var csv: CSVInputOptions

    func run() throws {
        let artifact = try ModelArtifact.read(from: model)
        let options = try csv.csvOptions()
        let read = try CSVReader(options: options).read(input)
        for warning in read.warnings { FileHandle.standardError.write(Data("warning: \(input): \(warning)\n".utf8)) }
        let prediction = try artifact.predict(read.table, file: input, threads: options.threads)
        let text = PredictionCSV.render(prediction)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            throw InputError(message: "cannot write \(output): \(error.localizedDescription). Choose another --output.")
        }
        print("Wrote \(prediction.rowCount) predictions to \(output).")
    }
}

/// The predictions file: `prediction`, then `probability_<class>` per class.
enum PredictionCSV {
    static func render(_ prediction: Prediction) -> String {
        var lines: [String] = []
        let classes = prediction.classes
        lines.append(CSVWriter.record(["prediction"] + classes.map { "probability_\($0)" }))
        if classes.isEmpty {
            for value in prediction.values { lines.append(number(value)) }
        } else {
            let labels = prediction.labels ?? []
            for row in 0..<prediction.rowCount {
                let probabilities = classes.indices.map { number(prediction.probability(row: row, class: $0)) }
                lines.append(([CSVWriter.field(labels[row])] + probabilities).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : ""
    }
}
