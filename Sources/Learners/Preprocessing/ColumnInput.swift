import Tabular

/// How a column entered its recipe, so it can be read the same way from any later file.
public enum ColumnInput: Codable, Sendable, Equatable {
    /// Integer or real numbers.
    case numbers
    /// A boolean with its false and true labels as written.
    case boolean(labels: [String])
    /// Dates or date-times in a layout.
    case dateTime(format: DateTimeFormat)
    /// Labels (categorical, text, identifier).
    case labels

    /// The kind a training column enters as.
    init(_ column: Column) {
        switch column.type {
        case .boolean: self = .boolean(labels: column.booleanLabels ?? ["0", "1"])
        case .datetime: self = .dateTime(format: column.dateTime?.format ?? .isoDate)
        case .integer, .real: self = .numbers
        case .identifier: self = column.isNumeric ? .numbers : .labels
        case .categorical, .text: self = .labels
        }
    }

    /// `column` read as this kind, whatever type its own file gave it (a prediction file may type
    /// a column differently: a few rows of 1/2/3 read as integers, a stray word makes numbers labels).
    func read(_ column: Column) -> FeatureState {
        switch self {
        case .labels:
            return .labels(name: column.name, (0..<column.count).map { column.text(at: $0) }, extras: [])
        case .numbers:
            if column.isNumeric, column.booleanLabels == nil, column.dateTime == nil {
                return .features([Feature(name: column.name, values: column.numbers)], extras: [])
            }
            return .features([Feature(name: column.name, values: (0..<column.count).map { Self.number(column.text(at: $0)) })], extras: [])
        case .boolean(let labels):
            let values = (0..<column.count).map { row -> Double in
                guard let text = column.text(at: row) else { return .nan }
                if text == labels[1] || text.lowercased() == labels[1].lowercased() { return 1 }
                if text == labels[0] || text.lowercased() == labels[0].lowercased() { return 0 }
                return Self.number(text)
            }
            return .features([Feature(name: column.name, values: values)], extras: [])
        case .dateTime(let format):
            if column.type == .datetime { return .features([Feature(name: column.name, values: column.numbers)], extras: []) }
            let values = (0..<column.count).map { row -> Double in
                guard let text = column.text(at: row) else { return .nan }
                return DateTimeParser.parse(text, format: format)?.seconds ?? .nan
            }
            return .features([Feature(name: column.name, values: values)], extras: [])
        }
    }

    private static func number(_ text: String?) -> Double {
        guard let text, let value = Double(text), value.isFinite else { return .nan }
        return value
    }
}
