import Foundation
import Tabular

/// The rows of one `/invocations` request as a table, read by the same CSV reader `automl predict`
/// uses: a CSV body as it is (with its header, or without one in the training column order), and
/// JSON or JSON Lines instances rewritten as CSV with the training columns as header.
enum InvocationRows {
    /// The name requests stand under in error messages.
    static let sourceName = "request body"

    /// CSV bodies are comma-separated (SageMaker's `text/csv`); nothing is sniffed from a few rows.
    static let delimiter = UInt8(ascii: ",")

    /// One decoder for every JSON body and line.
    private static let decoder = JSONDecoder()

    /// - Parameter columns: the model's input columns, in training order.
    /// - Throws: ``InvocationError`` 400 saying what is wrong and where.
    static func table(_ body: [UInt8], format: InvocationFormat, columns: [String]) throws(InvocationError) -> Table {
        guard body.contains(where: { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) }) else {
            throw .badRequest("the request body is empty; send one or more rows as \(format.rawValue)")
        }
        let csv: [UInt8]
        let name: String
        switch format {
        case .csv:
            // The first record as the reader splits it: a header when it names every training
            // column. Unreadable (an open quote), it is left for the reader to name the fault.
            let first = CSVReader.firstRecord(of: body, delimiter: delimiter)
            if let first, !columns.isEmpty, Set(first).isSuperset(of: columns) {
                (csv, name) = (body, sourceName)
            } else {
                if let found = first?.count, found != columns.count {
                    throw .badRequest(
                        "the first row has \(found) fields and no header line; the model reads \(columns.count) columns in this order: "
                            + columns.joined(separator: ", ")
                            + ". Send the rows in that order, or start the body with a header line naming the columns")
                }
                csv = Array((CSVWriter.record(columns) + "\n").utf8) + body
                name = "\(sourceName) (read without a header: line 2 is its first row)"
            }
        case .json:
            csv = try rewritten(jsonInstances(body), columns: columns)
            name = sourceName
        case .jsonLines:
            csv = try rewritten(jsonLines(body), columns: columns)
            name = sourceName
        }
        var options = CSVOptions()
        options.delimiter = delimiter
        options.threads = 1
        do {
            return try CSVReader(options: options).read(bytes: csv, name: name).table
        } catch {
            throw .badRequest(error.localizedDescription)
        }
    }

    /// One instance: values by column name, or values in training column order.
    enum Instance {
        case named([String: JSONValue])
        case ordered([JSONValue])
    }

    private static func decode(_ bytes: some Collection<UInt8>) throws -> JSONValue {
        try decoder.decode(JSONValue.self, from: Data(bytes))
    }

    /// `{"instances": [...]}` or a bare array of instances.
    static func jsonInstances(_ body: [UInt8]) throws(InvocationError) -> [Instance] {
        let value: JSONValue
        do {
            value = try decode(body)
        } catch {
            throw .badRequest("the request body is not valid JSON (\(reason(error))); send {\"instances\": [{\"column\": value, ...}, ...]}")
        }
        let list: [JSONValue]
        switch value {
        case .object(let object):
            guard case .array(let instances)? = object["instances"] else {
                throw .badRequest("the JSON body has no \"instances\" array; send {\"instances\": [{\"column\": value, ...}, ...]}")
            }
            list = instances
        case .array(let array): list = array
        default: throw .badRequest("the JSON body is neither an object with \"instances\" nor an array of instances")
        }
        var instances: [Instance] = []
        for (index, item) in list.enumerated() {
            instances.append(try instance(item, where: "instance \(index + 1)"))
        }
        return instances
    }

    /// One JSON object or array per non-empty line.
    static func jsonLines(_ body: [UInt8]) throws(InvocationError) -> [Instance] {
        var instances: [Instance] = []
        for (index, line) in body.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { !($0 == 32 || $0 == 9 || $0 == 13) }) else { continue }
            let value: JSONValue
            do {
                value = try decode(line)
            } catch {
                throw .badRequest("line \(index + 1) of the request body is not valid JSON (\(reason(error)))")
            }
            instances.append(try instance(value, where: "line \(index + 1)"))
        }
        return instances
    }

    private static func instance(_ value: JSONValue, where place: String) throws(InvocationError) -> Instance {
        switch value {
        case .object(let object):
            // SageMaker's own JSON shape for one row: {"features": [...]}.
            if object.count == 1, case .array(let features)? = object["features"] { return .ordered(features) }
            return .named(object)
        case .array(let array): return .ordered(array)
        default: break
        }
        throw .badRequest("\(place) is neither an object of column values nor an array of values in training column order")
    }

    /// Instances as CSV with the training columns as header; a column no instance names is refused.
    static func rewritten(_ instances: [Instance], columns: [String]) throws(InvocationError) -> [UInt8] {
        guard !instances.isEmpty else { throw .badRequest("the request holds no instances; send at least one row") }
        var named = Set<String>()
        for case .named(let object) in instances { named.formUnion(object.keys) }
        let anyNamed = instances.contains { if case .named = $0 { true } else { false } }
        if anyNamed {
            let absent = columns.filter { !named.contains($0) }
            if !absent.isEmpty {
                throw .badRequest(
                    "no instance has the column\(absent.count == 1 ? "" : "s") \(absent.map { "'\($0)'" }.joined(separator: ", ")), which the model was trained on; "
                        + "give every training column (null for a missing value)")
            }
        }
        var text = CSVWriter.record(columns) + "\n"
        for (index, instance) in instances.enumerated() {
            let values: [JSONValue?]
            switch instance {
            case .named(let object): values = columns.map { object[$0] }
            case .ordered(let array):
                guard array.count == columns.count else {
                    throw .badRequest(
                        "instance \(index + 1) has \(array.count) values, but the model reads \(columns.count) columns in this order: \(columns.joined(separator: ", "))"
                    )
                }
                values = array
            }
            var cells: [String] = []
            for (column, value) in zip(columns, values) {
                cells.append(try cell(value, column: column, instance: index + 1))
            }
            text += cells.joined(separator: ",") + "\n"
        }
        return Array(text.utf8)
    }

    /// A JSON value as a CSV field: numbers and booleans as text, strings quoted when needed, null
    /// (or absent) as a missing value.
    private static func cell(_ value: JSONValue?, column: String, instance: Int) throws(InvocationError) -> String {
        switch value {
        case nil, .null?: return ""
        case .bool(let flag)?: return flag ? "true" : "false"
        case .number(let number)?:
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        case .string(let text)?: return CSVWriter.field(text)
        case .array?, .object?:
            throw .badRequest("instance \(instance), column '\(column)': a value must be a number, a string, true, false or null")
        }
    }

    private static func reason(_ error: any Error) -> String {
        let described = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return described ?? error.localizedDescription
    }
}
