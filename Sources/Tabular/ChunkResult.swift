/// What parsing one chunk produced: per-column values, or where and why it stopped.
struct ChunkResult: Sendable {
    enum Outcome: Sendable, Equatable {
        case complete
        /// The chunk ended inside a quoted field that opened on this local line (0-based).
        case openQuote(line: Int)
        /// A record with the wrong number of fields, starting on this local line.
        case ragged(line: Int, found: Int, excerpt: String)
        /// Invalid UTF-8 at this byte offset within the chunk, on this local line.
        case invalidUTF8(offset: Int, line: Int)
    }

    var columns: [ChunkColumn]
    var rows = 0
    /// Newlines consumed (the chunk's number of physical lines when complete).
    var newlines = 0
    var outcome: Outcome = .complete
}
