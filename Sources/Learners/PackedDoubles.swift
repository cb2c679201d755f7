import Foundation

/// Many numbers stored in a file (a model file, a run's kept trial scores) as the base64 of their IEEE-754 little-endian bytes: exact,
/// about half the size of decimal JSON, and decoded without parsing text (a k-NN model holds its
/// whole training matrix).
public struct PackedDoubles: Codable, Sendable, Equatable {
    public var values: [Double]

    public init(_ values: [Double]) {
        self.values = values
    }

    public init(from decoder: any Decoder) throws {
        let data = try decoder.singleValueContainer().decode(Data.self)
        guard data.count % 8 == 0 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "packed numbers are not a whole number of 8-byte values"))
        }
        values = [Double](repeating: 0, count: data.count / 8)
        values.withUnsafeMutableBytes { target in
            data.withUnsafeBytes { source in target.copyMemory(from: source) }
        }
        for i in values.indices { values[i] = Double(bitPattern: UInt64(littleEndian: values[i].bitPattern)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        let littleEndian = values.map { Double(bitPattern: $0.bitPattern.littleEndian) }
        try container.encode(littleEndian.withUnsafeBytes { Data($0) })
    }
}
