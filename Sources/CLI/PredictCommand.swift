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
            as in training. A file that lacks training columns is refused with their names. With \
            --explain K, each row also gets the K input columns that moved its prediction most \
            (TreeSHAP of the model's tree members, per input column): `explanation_base` (the expected \
            output they start from), then `explanation_<i>_column` and `explanation_<i>_value`.
            """
    )

    @Option(help: "The model directory (DIR/model of an automl run).")
    var model: String

    @Option(help: "The CSV file to predict.")
    var input: String

    @Option(help: "Where to write the predictions (CSV).")
    var output: String

    @Option(
        help:
            "Add the K input columns with the largest contributions to each row's prediction (the probability of the predicted class, or the value).")
    var explain: Int?

    @OptionGroup var csv: CSVInputOptions

    func validate() throws {
        if let explain, explain < 1 { throw ValidationError("--explain must be at least 1 (got \(explain)).") }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue {
            throw InputError(
                message:
                    "--output \(output) is a directory; name the CSV file to write, e.g. \((output as NSString).appendingPathComponent("predictions.csv"))"
            )
        }
        let artifact = try ModelArtifact.read(from: model)
        let options = try csv.csvOptions()
        let read = try CSVReader(options: options).read(input)
        for warning in read.warnings { FileHandle.standardError.write(Data("warning: \(input): \(warning)\n".utf8)) }
        for (column, count, example) in artifact.textInNumericColumns(read.table) {
            FileHandle.standardError.write(
                Data(
                    "warning: \(input): column '\(column)' was numeric in training, but \(count) \(count == 1 ? "value is not a number" : "values are not numbers") (e.g. '\(example)'); \(count == 1 ? "it is" : "they are") read as missing\n"
                        .utf8))
        }
        let prediction = try artifact.predict(read.table, file: input, threads: options.threads)
        var explanations: (header: [String], rows: [[String]])?
        if let explain {
            guard let contributions = try artifact.columnContributions(read.table, file: input, threads: options.threads) else {
                throw InputError(
                    message:
                        "--explain: the model in \(model) has no tree member (gbdt, random_forest, extra_trees) to explain; predict without --explain."
                )
            }
            if contributions.explainedWeight < 0.999 {
                FileHandle.standardError.write(
                    Data("warning: --explain covers the tree members only (\(contributions.leftOut.joined(separator: ", ")) left out)\n".utf8))
            }
            explanations = PredictionCSV.explanationColumns(prediction: prediction, contributions: contributions, top: explain)
        }
        let text = PredictionCSV.render(prediction, extra: explanations)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            throw InputError(message: "cannot write \(output): \(error.localizedDescription). Choose another --output.")
        }
        print("Wrote \(prediction.rowCount) predictions to \(output).")
    }
}
