/// Joins one column's chunks, in file order, into contiguous storage.
enum ColumnAssembler {
    /// Concatenates numeric chunks.
    static func numbers(_ parts: [ChunkColumn]) -> (values: [Double], integral: Bool) {
        let total = parts.reduce(0) { $0 + $1.count }
        let values = [Double](unsafeUninitializedCapacity: total) { buffer, initialized in
            var offset = 0
            for part in parts {
                part.numbers.withUnsafeBufferPointer { source in
                    guard let base = source.baseAddress else { return }
                    (buffer.baseAddress! + offset).initialize(from: base, count: source.count)
                }
                offset += part.count
            }
            initialized = total
        }
        return (values, parts.allSatisfy(\.integral))
    }

    /// Merges the chunks' dictionaries (levels in order of first appearance in the file) and
    /// renumbers each chunk's codes.
    static func text(_ parts: [ChunkColumn]) -> (codes: [UInt32], levels: [String]) {
        var merged = ByteDictionary()
        let total = parts.reduce(0) { $0 + $1.count }
        var codes: [UInt32] = []
        codes.reserveCapacity(total)
        for part in parts {
            var mapping = [UInt32](repeating: 0, count: part.dictionary.count)
            for index in 0..<part.dictionary.count {
                let bytes = part.dictionary.level(index)
                mapping[index] = bytes.withUnsafeBufferPointer { buffer in
                    merged.intern(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
                }
            }
            for code in part.codes {
                codes.append(code == ChunkColumn.missingCode ? Column.missingCode : mapping[Int(code)])
            }
        }
        return (codes, (0..<merged.count).map { merged.string($0) })
    }
}
