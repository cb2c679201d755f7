import Learners
import Tabular
import Testing

@testable import Serving

/// How `/invocations` reads request bodies, negotiates formats and writes answers, in process.
@Suite struct InvocationParsingTests {
    let columns = ["a", "b", "c"]

    /// The cells of `column` as text (empty when the table has no such column).
    func text(_ table: Table, _ column: String) -> [String?] {
        guard let values = try? table.column(named: column) else { return [] }
        return (0..<values.count).map { values.text(at: $0) }
    }

    @Test func csvIsReadWithItsHeaderOrInTrainingOrderWithoutOne() throws {
        let withHeader = try InvocationRows.table(Array("c,a,b,extra\nx,1,2.5,z\n".utf8), format: .csv, columns: columns)
        #expect(text(withHeader, "a") == ["1"] && text(withHeader, "c") == ["x"])
        let headerless = try InvocationRows.table(Array("1,2.5,x\n3,,y".utf8), format: .csv, columns: columns)
        #expect(headerless.rowCount == 2 && text(headerless, "c") == ["x", "y"] && text(headerless, "b")[1] == nil)
        #expect(
            throws: InvocationError.badRequest(
                "the first row has 4 fields and no header line; the model reads 3 columns in this order: a, b, c. "
                    + "Send the rows in that order, or start the body with a header line naming the columns")
        ) {
            try InvocationRows.table(Array("1,2,x,9\n".utf8), format: .csv, columns: columns)
        }
        let ragged = #expect(throws: InvocationError.self) { try InvocationRows.table(Array("1,2,x\n3,4\n".utf8), format: .csv, columns: columns) }
        #expect(ragged?.status == 400 && ragged?.message.contains(":3: expected 3 fields") == true, "\(String(describing: ragged))")
    }

    @Test func jsonInstancesAreObjectsArraysOrFeatures() throws {
        let body = #"{"instances": [{"a": 1, "b": 2.5, "c": "x"}, {"a": null, "b": true, "c": "y, \"quoted\""}]}"#
        let table = try InvocationRows.table(Array(body.utf8), format: .json, columns: columns)
        #expect(table.rowCount == 2 && text(table, "a") == ["1", nil] && text(table, "c") == ["x", #"y, "quoted""#])
        let arrays = try InvocationRows.table(Array(#"[[1, 2, "x"], {"features": [3, 4, "y"]}]"#.utf8), format: .json, columns: columns)
        #expect(text(arrays, "c") == ["x", "y"])
        let lines = try InvocationRows.table(Array("{\"a\":1,\"b\":2,\"c\":\"x\"}\n\n[3,4,\"y\"]\n".utf8), format: .jsonLines, columns: columns)
        #expect(lines.rowCount == 2 && text(lines, "a") == ["1", "3"])
    }

    @Test(arguments: [
        (InvocationFormat.json, "{\"instances\": [", "the request body is not valid JSON"),
        (.json, "{\"rows\": []}", "has no \"instances\" array"),
        (.json, "{\"instances\": []}", "holds no instances"),
        (.json, "{\"instances\": [{\"a\": 1}]}", "no instance has the columns 'b', 'c'"),
        (.json, "{\"instances\": [[1, 2]]}", "instance 1 has 2 values, but the model reads 3 columns in this order: a, b, c"),
        (.json, "{\"instances\": [{\"a\": [1], \"b\": 1, \"c\": 1}]}", "instance 1, column 'a': a value must be"),
        (.json, "{\"instances\": [5]}", "instance 1 is neither an object"),
        (.jsonLines, "[1,2,\"x\"]\n{oops", "line 2 of the request body is not valid JSON"),
        (.csv, " \n\t", "the request body is empty"),
    ])
    func badBodiesAreRefusedWithWhatAndWhere(format: InvocationFormat, body: String, message: String) {
        let error = #expect(throws: InvocationError.self) { try InvocationRows.table(Array(body.utf8), format: format, columns: columns) }
        #expect(error?.status == 400 && error?.message.contains(message) == true, "\(String(describing: error?.message))")
    }

    @Test func formatsAreNegotiated() throws {
        #expect(try InvocationFormat.ofRequest(contentType: nil) == .csv)
        #expect(try InvocationFormat.ofRequest(contentType: "application/json; charset=utf-8") == .json)
        #expect(try InvocationFormat.ofRequest(contentType: "application/jsonlines") == .jsonLines)
        #expect(throws: InvocationError.self) { try InvocationFormat.ofRequest(contentType: "application/xml") }
        #expect(throws: InvocationError.self) { try InvocationFormat.ofRequest(contentType: "text/plain") }
        #expect(try InvocationFormat.ofResponse(accept: nil, fallback: .json) == .json)
        #expect(try InvocationFormat.ofResponse(accept: "*/*", fallback: .csv) == .csv)
        #expect(try InvocationFormat.ofResponse(accept: "text/html, application/json;q=0.5, text/csv;q=0.9", fallback: .json) == .csv)
        let refused = #expect(throws: InvocationError.self) { try InvocationFormat.ofResponse(accept: "text/html", fallback: .csv) }
        #expect(refused?.status == 406)
    }

    @Test func answersCarryTheChosenKeysInEveryFormat() {
        let prediction = Prediction(classes: ["no", "yes"], probabilities: [0.75, 0.25, 0.25, 0.75])
        let keys: [InferenceOutputKey] = [.predictedLabel, .probability, .probabilities, .labels]
        #expect(InvocationResponse.render(prediction, keys: [.predictedLabel], format: .csv) == "no\nyes\n")
        #expect(
            InvocationResponse.render(prediction, keys: keys, format: .csv)
                == "no,0.75,\"[0.75, 0.25]\",\"['no', 'yes']\"\nyes,0.75,\"[0.25, 0.75]\",\"['no', 'yes']\"\n")
        #expect(
            InvocationResponse.render(prediction, keys: [.predictedLabel, .probability], format: .json)
                == #"{"predictions":[{"predicted_label":"no","probability":0.75},{"predicted_label":"yes","probability":0.75}]}"#)
        #expect(
            InvocationResponse.render(prediction, keys: [.labels], format: .jsonLines)
                == "{\"labels\":[\"no\",\"yes\"]}\n{\"labels\":[\"no\",\"yes\"]}\n")
        // A decision threshold labels the row; `probability` is that label's.
        let decided = Prediction(classes: ["no", "yes"], probabilities: [0.75, 0.25], threshold: 0.2)
        #expect(InvocationResponse.render(decided, keys: [.predictedLabel, .probability], format: .csv) == "yes,0.25\n")
        #expect(
            InvocationResponse.render(Prediction(regression: [1.5, -2]), keys: keys, format: .json)
                == #"{"predictions":[{"score":1.5},{"score":-2.0}]}"#)
    }

    @Test func outputKeysAreReadFromAList() throws {
        #expect(try InferenceOutputKey.list(" Predicted_Label , probabilities,predicted_label", source: "x") == [.predictedLabel, .probabilities])
        #expect(
            throws: InvocationError.configuration(
                "x: 'score' is not an output key; use one or more of predicted_label, probability, probabilities, labels")
        ) {
            try InferenceOutputKey.list("predicted_label,score", source: "x")
        }
        #expect(throws: InvocationError.self) { try InferenceOutputKey.list(" , ", source: "x") }
    }
}
