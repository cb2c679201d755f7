import Foundation

/// The body formats of `/invocations`, for requests (`Content-Type`) and responses (`Accept`).
public enum InvocationFormat: String, CaseIterable, Sendable {
    case csv = "text/csv"
    case json = "application/json"
    case jsonLines = "application/jsonlines"

    /// The request's format from its `Content-Type` (parameters such as `charset` ignored; a missing
    /// header is read as CSV, as SageMaker's own containers do).
    /// - Throws: ``InvocationError`` 415 naming the supported types.
    static func ofRequest(contentType: String?) throws(InvocationError) -> InvocationFormat {
        guard let contentType, let type = mediaType(contentType) else { return .csv }
        if let format = named(type) { return format }
        throw .unsupportedMediaType(
            "Content-Type '\(contentType)' is not supported; send \(allCases.map(\.rawValue).joined(separator: ", "))")
    }

    /// The response's format from `Accept`: the supported type with the highest quality, in the
    /// header's order on ties; a missing header or `*/*` gives `fallback`.
    /// - Throws: ``InvocationError`` 406 naming the supported types.
    static func ofResponse(accept: String?, fallback: InvocationFormat) throws(InvocationError) -> InvocationFormat {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return fallback }
        var best: (format: InvocationFormat, quality: Double)?
        for part in accept.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = pieces.first else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") { quality = Double(parameter.dropFirst(2)) ?? 0 }
            guard quality > 0 else { continue }
            let format: InvocationFormat?
            switch type {
            case "*/*": format = fallback
            case "text/*": format = .csv
            case "application/*": format = fallback == .csv ? .json : fallback
            default: format = named(type)
            }
            if let format, best.map({ quality > $0.quality }) ?? true { best = (format, quality) }
        }
        if let best { return best.format }
        throw .notAcceptable("Accept '\(accept)' names no type this server writes; accept \(allCases.map(\.rawValue).joined(separator: ", "))")
    }

    private static func mediaType(_ header: String) -> String? {
        let type = header.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type.isEmpty ? nil : type
    }

    private static func named(_ type: String) -> InvocationFormat? {
        switch type {
        case "text/csv", "application/csv": return .csv
        case "application/json": return .json
        case "application/jsonlines", "application/x-jsonlines", "application/jsonl", "application/x-ndjson": return .jsonLines
        default: return nil
        }
    }
}
