import Foundation

/// The capturing groups of a regular expression, in the order their opening parentheses appear,
/// with their names: what the value and step groups are called.
struct CaptureGroups {
    private(set) var names: [String?] = []

    init(pattern: String) {
        let characters = Array(pattern)
        var index = 0
        var inClass = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                index += 2
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
            } else if character == "(" {
                let rest = characters[(index + 1)...]
                if rest.first != "?" {
                    names.append(nil)
                } else if let name = Self.groupName(Array(rest)) {
                    names.append(name)
                }
            }
            index += 1
        }
    }

    /// The name of a `(?<name>...)` group; nil for other `(?` constructs (lookarounds, flags).
    private static func groupName(_ rest: [Character]) -> String? {
        guard rest.count > 2, rest[1] == "<", rest[2] != "=", rest[2] != "!" else { return nil }
        let start = 2
        guard let end = rest[start...].firstIndex(of: ">") else { return nil }
        return String(rest[start..<end])
    }

    var count: Int { names.count }

    /// The 1-based index of the group named `name`.
    func index(named name: String) -> Int? {
        names.firstIndex { $0 == name }.map { $0 + 1 }
    }
}
