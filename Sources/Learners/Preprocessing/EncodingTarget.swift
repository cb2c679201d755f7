import Tabular

/// The target as target encoding needs it: class indices or numbers, one per row.
public enum EncodingTarget: Sendable {
    /// Class index per row (-1 = missing) and the class names.
    case classes(indices: [Int], names: [String])
    /// The number per row (NaN = missing).
    case values([Double])

    /// The target in `column`, as classes or numbers according to `problemType`.
    public init(_ column: Column, problemType: ProblemType) {
        if problemType == .regression, column.isNumeric {
            self = .values(column.numbers)
            return
        }
        let texts = (0..<column.count).map { column.text(at: $0) }
        let names = Set(texts.compactMap { $0 }).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        self = .classes(indices: texts.map { $0.flatMap { index[$0] } ?? -1 }, names: names)
    }

    /// The same target on rows `rows`.
    public func selecting(rows: [Int]) -> EncodingTarget {
        switch self {
        case .classes(let indices, let names): .classes(indices: rows.map { indices[$0] }, names: names)
        case .values(let values): .values(rows.map { values[$0] })
        }
    }

    /// Numbers to average per label: the value, or one 0/1 indicator per class (binary: the
    /// second class only). Rows with a missing target are nil.
    var encodedOutputs: (names: [String], rows: [[Double]?]) {
        switch self {
        case .values(let values):
            return ([""], values.map { $0.isNaN ? nil : [$0] })
        case .classes(let indices, let names):
            let outputs = names.count == 2 ? [1] : Array(names.indices)
            let suffixes = names.count == 2 ? [""] : outputs.map { "=\(names[$0])" }
            let rows = indices.map { index -> [Double]? in
                guard index >= 0 else { return nil }
                return outputs.map { $0 == index ? 1 : 0 }
            }
            return (suffixes, rows)
        }
    }
}
