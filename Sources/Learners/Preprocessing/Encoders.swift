/// The arithmetic of the label encoders, shared by fitting and applying.
enum Encoders {
    /// Name of the feature for rare and unseen labels.
    static let otherLabel = "(other)"

    /// One 0/1 feature per kept label (`name=label`), then `name=(other)` when `other`.
    /// Missing labels are all zeros; unseen labels go to `(other)` (or all zeros without it).
    static func oneHot(name: String, values: [String?], levels: LabelIndex, other: Bool) -> [Feature] {
        let width = levels.count + (other ? 1 : 0)
        var columns = [[Double]](repeating: [Double](repeating: 0, count: values.count), count: width)
        for (row, value) in values.enumerated() {
            guard let value else { continue }
            if let k = levels.position(of: value) { columns[k][row] = 1 } else if other { columns[levels.count][row] = 1 }
        }
        let names = levels.labels.map { "\(name)=\($0)" } + (other ? ["\(name)=\(otherLabel)"] : [])
        return zip(names, columns).map { Feature(name: $0, values: $1) }
    }

    /// The label's position in `levels`; -1 for missing and unseen labels.
    static func ordinal(name: String, values: [String?], levels: LabelIndex) -> Feature {
        Feature(name: name, values: values.map { value in value.flatMap { levels.position(of: $0) }.map(Double.init) ?? -1 })
    }

    /// `table[k]` for label `levels[k]`, `fallback` for missing and unseen labels; one feature per suffix.
    static func lookup(name: String, values: [String?], levels: LabelIndex, table: [[Double]], fallback: [Double], suffixes: [String]) -> [Feature] {
        var columns = [[Double]](repeating: [Double](repeating: 0, count: values.count), count: suffixes.count)
        for (row, value) in values.enumerated() {
            let entry = value.flatMap { levels.position(of: $0) }.map { table[$0] } ?? fallback
            for k in suffixes.indices { columns[k][row] = entry[k] }
        }
        return zip(suffixes, columns).map { Feature(name: name + $0, values: $1) }
    }

    /// Labels sorted for ordinal codes: numerically when all are numbers, else by text.
    static func sortedLevels(_ labels: Set<String>) -> [String] {
        let numbers = labels.map { ($0, Double($0)) }
        if numbers.allSatisfy({ $0.1 != nil }) {
            return numbers.sorted { ($0.1 ?? 0, $0.0) < ($1.1 ?? 0, $1.0) }.map(\.0)
        }
        return labels.sorted()
    }
}
