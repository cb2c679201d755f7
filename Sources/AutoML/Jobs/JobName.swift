/// What a job's name may be. A name is the store's key for the job and, by default, its folder
/// under `runs/`, so it must be one safe path component: 1 to ``maximumLength`` ASCII letters,
/// digits, '-', '_' or '.', not starting with '.' or '-' (no `.`, `..`, hidden folders or names
/// read as options).
public enum JobName {
    public static let maximumLength = 100

    /// What is wrong with `name` as a job name, nil when it is usable.
    public static func problem(_ name: String) -> String? {
        guard !name.isEmpty else { return "it is empty" }
        guard name.count <= maximumLength else { return "it has \(name.count) characters; at most \(maximumLength) are allowed" }
        if let bad = name.unicodeScalars.first(where: { !isSafe($0) }) {
            let shown = bad.properties.generalCategory == .control || bad == " " ? "U+\(String(bad.value, radix: 16, uppercase: true))" : "'\(bad)'"
            return "it contains \(shown); use only letters a-z and A-Z, digits, '-', '_' and '.' (it names a folder)"
        }
        if name.hasPrefix(".") || name.hasPrefix("-") { return "it starts with '\(name.first!)'; start it with a letter or a digit" }
        return nil
    }

    /// A usable name made from `text` (a file name): unsafe characters become '-', and a name that
    /// would start badly gets a `job-` prefix.
    public static func sanitized(_ text: String) -> String {
        var name = String(String.UnicodeScalarView(text.unicodeScalars.map { isSafe($0) ? $0 : "-" }))
        if name.isEmpty || name.hasPrefix(".") || name.hasPrefix("-") { name = "job-" + name }
        return String(name.prefix(maximumLength))
    }

    private static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": true
        default: false
        }
    }
}
