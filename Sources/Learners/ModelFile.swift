import Foundation

/// A fitted model as a versioned JSON document: `{"format_version": 1, "algorithm": "gbdt",
/// "model": {...}}`. The algorithm name picks the type that reads the model back.
public enum ModelFile {
    /// The format this automl writes and the newest it reads.
    public static let formatVersion = 1

    /// Infinite thresholds (a split sending every value left) and NaNs are written as strings.
    private static let nonFinite = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    private struct Header: Decodable {
        var formatVersion: Int
        var algorithm: String
        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version"
            case algorithm
        }
    }

    private struct Envelope<Model: Codable>: Codable {
        var formatVersion: Int
        var algorithm: String
        var model: Model
        enum CodingKeys: String, CodingKey {
            case formatVersion = "format_version"
            case algorithm, model
        }
    }

    /// `model`, fitted by the algorithm named `algorithm`, as JSON.
    public static func encode(_ model: any Predictor, algorithm: String) throws -> Data {
        try encodeOpened(model, algorithm: algorithm)
    }

    private static func encodeOpened<M: Predictor>(_ model: M, algorithm: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = nonFinite
        return try encoder.encode(Envelope(formatVersion: formatVersion, algorithm: algorithm, model: model))
    }

    /// The model in `data` (read from `path`, named in errors).
    /// - Throws: ``LearnersError/unsupportedVersion(found:supported:)`` for a newer format,
    ///   ``LearnersError/unknownAlgorithm(name:known:)``, or
    ///   ``LearnersError/unreadableModel(path:reason:)`` for anything else.
    public static func decode(_ data: Data, path: String) throws(LearnersError) -> (algorithm: String, model: any Predictor) {
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw .unreadableModel(path: path, reason: "not an automl model file (\(Self.describe(error)))")
        }
        guard header.formatVersion <= formatVersion else { throw .unsupportedVersion(found: header.formatVersion, supported: formatVersion) }
        let type = try Catalog.estimator(named: header.algorithm)
        do {
            return (header.algorithm, try decodeOpened(type, data))
        } catch {
            throw .unreadableModel(path: path, reason: Self.describe(error))
        }
    }

    private static func decodeOpened<E: Estimator>(_ type: E.Type, _ data: Data) throws -> any Predictor {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(Envelope<E.Model>.self, from: data).model
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context), DecodingError.dataCorrupted(let context):
            return "\(context.debugDescription) at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default:
            return error.localizedDescription
        }
    }
}
