/// What a classification response carries per row, as Autopilot's inference containers name it
/// (`SAGEMAKER_INFERENCE_OUTPUT`): the label, the probability of that label, every class's
/// probability, and the labels in the order of those probabilities.
public enum InferenceOutputKey: String, CaseIterable, Sendable {
    case predictedLabel = "predicted_label"
    case probability
    case probabilities
    case labels

    /// Keys from a comma-separated list such as `predicted_label,probability` (case and spaces
    /// ignored), in the order given.
    /// - Throws: ``InvocationError`` naming the unknown key and the known ones, or an empty list.
    public static func list(_ text: String, source: String) throws(InvocationError) -> [InferenceOutputKey] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        guard !names.isEmpty else {
            throw .configuration("\(source) is empty; give one or more of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var keys: [InferenceOutputKey] = []
        for name in names {
            guard let key = InferenceOutputKey(rawValue: name) else {
                throw .configuration(
                    "\(source): '\(name)' is not an output key; use one or more of \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }
}
