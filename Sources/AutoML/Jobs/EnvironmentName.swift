/// What a hyperparameter, channel or environment variable name may be: it becomes (part of) an
/// environment variable of every trial (`SM_HP_<NAME>`, `SM_CHANNEL_<NAME>`).
public enum EnvironmentName {
    /// What is wrong with `name`, nil when it is usable: a letter or '_' first, then letters,
    /// digits, '_', '-' or '.'.
    public static func problem(_ name: String) -> String? {
        guard let first = name.unicodeScalars.first else { return "it is empty" }
        guard first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first) else {
            return "'\(name)' must start with a letter or '_' (it becomes an environment variable name)"
        }
        if let bad = name.unicodeScalars.first(where: {
            !(("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0))
        }) {
            let shown =
                bad == " "
                ? "a space" : (bad.properties.generalCategory == .control ? "U+\(String(bad.value, radix: 16, uppercase: true))" : "'\(bad)'")
            return
                "'\(name.debugDescription.dropFirst().dropLast())' contains \(shown); use letters, digits, '_', '-' and '.' (it becomes an environment variable name)"
        }
        return nil
    }
}
