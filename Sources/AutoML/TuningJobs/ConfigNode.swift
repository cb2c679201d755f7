import Foundation
import Yams

/// A node of a YAML or JSON job file with its key path and position, so every complaint about a
/// value names the file, line, column and key.
struct ConfigNode {
    let node: Node
    /// The key path from the root: `parameters[2].max`.
    let path: String
    let file: String

    /// Parses `text` (YAML, or JSON, which YAML reads too).
    /// - Throws: ``AutoMLError/syntax(file:detail:)``.
    static func parse(_ text: String, file: String) throws(AutoMLError) -> ConfigNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw .syntax(file: file, detail: "\(error)".trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard let node else { throw .syntax(file: file, detail: "the file is empty") }
        let root = ConfigNode(node: node, path: "", file: file)
        guard node.mapping != nil else { throw root.error("the file must be a mapping of keys to values") }
        return root
    }

    /// A complaint about this node.
    func error(_ reason: String) -> AutoMLError {
        .invalidJobFile(file: file, line: node.mark?.line, column: node.mark?.column, key: path.isEmpty ? "(top level)" : path, reason: reason)
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The keys of a mapping, in file order.
    var keys: [String] { node.mapping?.keys.compactMap(\.string) ?? [] }

    /// The value under `key`, nil when absent or null.
    func child(_ key: String) -> ConfigNode? {
        guard let value = node.mapping?[key] else { return nil }
        if value.null != nil { return nil }
        return ConfigNode(node: value, path: childPath(key), file: file)
    }

    /// The value under `key`.
    /// - Throws: when it is absent.
    func require(_ key: String, hint: String) throws(AutoMLError) -> ConfigNode {
        guard let value = child(key) else { throw error("'\(key)' is missing; \(hint)") }
        return value
    }

    /// Refuses keys outside `known` (a typo would otherwise be silently ignored).
    func rejectUnknownKeys(_ known: [String]) throws(AutoMLError) {
        guard let mapping = node.mapping else { return }
        for (key, _) in mapping {
            guard let name = key.string else { continue }
            if !known.contains(name) {
                let unknown = ConfigNode(node: key, path: childPath(name), file: file)
                let close = known.min { Self.editDistance($0, name) < Self.editDistance($1, name) }
                    .flatMap { Self.editDistance($0, name) <= 2 || Self.normalized($0) == Self.normalized(name) ? $0 : nil }
                throw unknown.error("unknown key" + (close.map { "; did you mean '\($0)'?" } ?? "; known keys: \(known.joined(separator: ", "))"))
            }
        }
    }

    /// A scalar's text.
    func string() throws(AutoMLError) -> String {
        guard let scalar = node.scalar else { throw error("expected a single value, found a \(node.sequence != nil ? "list" : "mapping")") }
        return scalar.string
    }

    func double() throws(AutoMLError) -> Double {
        let text = try string()
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else { throw error("expected a number, found '\(text)'") }
        return value
    }

    func integer() throws(AutoMLError) -> Int {
        let text = try string()
        if let value = Int(text.trimmingCharacters(in: .whitespaces)) { return value }
        if let value = Double(text), value == value.rounded(), abs(value) < 1e15 { return Int(value) }
        throw error("expected a whole number, found '\(text)'")
    }

    func positiveInteger() throws(AutoMLError) -> Int {
        let value = try integer()
        guard value >= 1 else { throw error("must be at least 1, found \(value)") }
        return value
    }

    /// A duration: `90s`, `10m`, `1h`, or seconds.
    func seconds() throws(AutoMLError) -> Double {
        let text = try string()
        guard let value = TimeSpan.seconds(text) else { throw error("expected \(TimeSpan.accepted), found '\(text)'") }
        return value
    }

    /// One of `choices`, matched without regard to case, `-` or `_`.
    func choice<T>(_ choices: [(String, T)]) throws(AutoMLError) -> T {
        let text = try string()
        let key = Self.normalized(text)
        guard let match = choices.first(where: { Self.normalized($0.0) == key }) else {
            throw error("'\(text)' is not one of \(choices.map(\.0).joined(separator: ", "))")
        }
        return match.1
    }

    /// Levenshtein distance, for "did you mean" on a misspelt key.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let (x, y) = (Array(a.lowercased()), Array(b.lowercased()))
        var previous = Array(0...y.count)
        for i in 1...max(1, x.count) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...max(1, y.count) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return x.isEmpty ? y.count : previous[y.count]
    }

    static func normalized(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
    }

    /// A list's items.
    func list() throws(AutoMLError) -> [ConfigNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { ConfigNode(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    func stringList() throws(AutoMLError) -> [String] {
        var values: [String] = []
        for item in try list() { values.append(try item.string()) }
        return values
    }

    /// A mapping of names to scalar values (numbers and booleans as written).
    func stringMap() throws(AutoMLError) -> [String: String] {
        guard node.mapping != nil else { throw error("expected a mapping of names to values") }
        var values: [String: String] = [:]
        for key in keys {
            guard let value = child(key) else { continue }
            values[key] = try value.string()
        }
        return values
    }
}
