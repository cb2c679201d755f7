import Foundation

/// A tree in a model file: each node array as the base64 of its little-endian bytes. A 500-tree
/// forest of deep trees took ~10 s to write as 94 MB of decimal JSON arrays; packed, its arrays are
/// copied, not formatted. Files written with plain JSON arrays (before packing) still read.
extension Tree {
    private enum CodingKeys: String, CodingKey {
        case feature, threshold, left, right, defaultLeft, value, gain
        case packed
    }

    /// The packed form: every array of the tree, byte for byte.
    private struct Packed: Codable {
        var feature: Data
        var threshold: PackedDoubles
        var left: Data
        var right: Data
        var defaultLeft: Data
        var value: PackedDoubles
        var gain: PackedDoubles
        /// Absent in files written before covers were kept.
        var cover: PackedDoubles?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let packed = try container.decodeIfPresent(Packed.self, forKey: .packed) else {
            feature = try container.decode([Int32].self, forKey: .feature)
            threshold = try container.decode([Double].self, forKey: .threshold)
            left = try container.decode([Int32].self, forKey: .left)
            right = try container.decode([Int32].self, forKey: .right)
            defaultLeft = try container.decode([Bool].self, forKey: .defaultLeft)
            value = try container.decode([Double].self, forKey: .value)
            gain = try container.decode([Double].self, forKey: .gain)
            return
        }
        feature = try Self.integers(packed.feature, decoder)
        left = try Self.integers(packed.left, decoder)
        right = try Self.integers(packed.right, decoder)
        defaultLeft = packed.defaultLeft.map { $0 != 0 }
        threshold = packed.threshold.values
        value = packed.value.values
        gain = packed.gain.values
        cover = packed.cover?.values ?? []
        let count = feature.count
        guard cover.isEmpty || cover.count == count else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a tree's covers differ in length from its nodes"))
        }
        guard [threshold.count, left.count, right.count, defaultLeft.count, value.count, gain.count].allSatisfy({ $0 == count }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a tree's node arrays differ in length"))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let packed = Packed(
            feature: Self.bytes(feature), threshold: PackedDoubles(threshold), left: Self.bytes(left), right: Self.bytes(right),
            defaultLeft: Data(defaultLeft.map { $0 ? 1 : 0 }), value: PackedDoubles(value), gain: PackedDoubles(gain),
            cover: cover.isEmpty ? nil : PackedDoubles(cover))
        try container.encode(packed, forKey: .packed)
    }

    private static func bytes(_ values: [Int32]) -> Data {
        values.map(\.littleEndian).withUnsafeBytes { Data($0) }
    }

    private static func integers(_ data: Data, _ decoder: any Decoder) throws -> [Int32] {
        guard data.count % 4 == 0 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "packed node indices are not a whole number of 4-byte values"))
        }
        var values = [Int32](repeating: 0, count: data.count / 4)
        values.withUnsafeMutableBytes { target in data.withUnsafeBytes { source in target.copyMemory(from: source) } }
        return values.map { Int32(littleEndian: $0) }
    }
}
