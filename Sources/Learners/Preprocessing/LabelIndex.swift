/// The labels an encoder learned, in output order, with each label's position found in constant
/// time. Saved as the plain list of labels; the lookup table is built once when the list is made
/// or read, not on every table the step is applied to (a one-row prediction would otherwise hash
/// every training label to encode a single value).
public struct LabelIndex: Codable, Sendable, Equatable {
    public let labels: [String]
    private let positions: [String: Int]

    public init(_ labels: [String]) {
        self.labels = labels
        positions = Dictionary(labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([String].self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(labels)
    }

    public static func == (lhs: LabelIndex, rhs: LabelIndex) -> Bool { lhs.labels == rhs.labels }

    public var count: Int { labels.count }

    /// The label's position in ``labels``; nil for a label the encoder never saw.
    @inline(__always)
    public func position(of label: String) -> Int? { positions[label] }
}
