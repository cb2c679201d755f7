import Foundation

/// The JSON text the stores keep in their text columns (search spaces, assignments, process
/// records, owners): keys sorted, so equal values are equal text.
enum StoreJSON {
    /// - Throws: ``TuningError/storeFailure(path:message:)`` naming `location`.
    static func encode(_ value: some Encodable, location: String) throws(TuningError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .storeFailure(path: location, message: "could not encode \(type(of: value)): \(error)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
