/// Cuts the stream of bytes after the header into chunks that end at record boundaries.
struct ChunkSplitter {
    struct Chunk: Sendable {
        var bytes: [UInt8]
        /// Offset of the first byte in the file.
        var fileOffset: Int
        /// The last chunk: the file ends with it.
        var isFinal: Bool
    }

    private let source: FileSource
    private let chunkSize: Int
    private let delimiter: UInt8
    /// Bytes read but not yet handed out; they start at a record boundary.
    private var carry: [UInt8]
    private var carryOffset: Int
    private var endOfFile = false
    /// Cut by the tokenizer's exact rules instead of quote parity (after parity guessed wrong).
    private(set) var precise = false

    init(source: FileSource, chunkSize: Int, delimiter: UInt8, carry: [UInt8], carryOffset: Int, endOfFile: Bool) {
        self.source = source
        self.chunkSize = chunkSize
        self.delimiter = delimiter
        self.carry = carry
        self.carryOffset = carryOffset
        self.endOfFile = endOfFile
    }

    /// The next chunk, or nil when every byte has been handed out.
    mutating func next() throws(TabularError) -> Chunk? {
        while true {
            if endOfFile {
                guard !carry.isEmpty else { return nil }
                let chunk = Chunk(bytes: carry, fileOffset: carryOffset, isFinal: true)
                carry = []
                return chunk
            }
            if carry.count >= chunkSize, let cut = boundary() {
                return split(at: cut)
            }
            let before = carry.count
            carry = try source.read(chunkSize, after: carry)
            if carry.count - before < chunkSize {
                endOfFile = true
                continue
            }
            if let cut = boundary() { return split(at: cut) }
            // No record ends in this much text: under parity that means a stray quote is likely.
            if !precise && carry.count > 4 * chunkSize { precise = true }
        }
    }

    /// Returns chunks whose cut was wrong to the front of the stream and cuts exactly from now on.
    mutating func putBack(_ chunks: [Chunk]) {
        guard let first = chunks.first else { return }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chunks.reduce(carry.count) { $0 + $1.bytes.count })
        for chunk in chunks { bytes.append(contentsOf: chunk.bytes) }
        bytes.append(contentsOf: carry)
        carry = bytes
        carryOffset = first.fileOffset
        if chunks.contains(where: \.isFinal) { endOfFile = true }
        precise = true
    }

    private func boundary() -> Int? {
        carry.withUnsafeBufferPointer { buffer in
            precise ? RecordBoundary.precise(buffer, delimiter: delimiter) : RecordBoundary.byQuoteParity(buffer)
        }
    }

    private mutating func split(at cut: Int) -> Chunk {
        let tail = Array(carry[cut...])
        carry.removeSubrange(cut...)
        let chunk = Chunk(bytes: carry, fileOffset: carryOffset, isFinal: false)
        carryOffset += cut
        carry = tail
        return chunk
    }
}
