/// A value as text and how many rows hold it.
public struct ValueCount: Codable, Sendable, Equatable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }

    /// The `limit` most frequent entries of `counts` (ties broken by text, so order is stable).
    static func top(_ counts: [(String, Int)], limit: Int) -> [ValueCount] {
        counts.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .prefix(limit).map { ValueCount(value: $0.0, count: $0.1) }
    }
}
