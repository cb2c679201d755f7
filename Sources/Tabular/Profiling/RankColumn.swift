/// A numeric column's average ranks, for Spearman ρ (Pearson r of ranks): stored one per row, or
/// looked up row by row in a table of ranks per ``DecimalScale`` key.
///
/// The profiler keeps every numeric column's ranks until the Spearman matrix is done. A column
/// counted by ``CountedRanks`` with far fewer keys than rows keeps only its small table and reads
/// each row's rank through its value's key when the matrix asks for it. Measured reason: on the
/// 1M × 50 file, stored ranks were 200 MB of fresh memory, and on this virtual machine a fresh
/// page is slow to touch (400 MB took 1.5 s when the host had taken the memory back, 0.19 s when
/// it had not).
enum RankColumn: Sendable {
    /// A rank per row (NaN: missing), and the number of present values.
    case stored([Float], present: Int)
    /// The column's values, their scale, the rank of each key (``CountedRanks``) with NaN
    /// appended for a missing value, and the number of present values.
    case counted(values: [Double], scale: DecimalScale, ranks: [Float], present: Int)

    /// The rank of every row (NaN: missing).
    var materialized: [Float] {
        switch self {
        case .stored(let ranks, _): return ranks
        case .counted(let values, let scale, let table, _):
            return [Float](unsafeUninitializedCapacity: values.count) { buffer, initialized in
                if let base = buffer.baseAddress { Self.lookUp(values[...], scale: scale, ranks: table, into: base) }
                initialized = values.count
            }
        }
    }

    /// Writes the rank of each of `values` (a counted column's rows), read through its key.
    static func lookUp(_ values: ArraySlice<Double>, scale: DecimalScale, ranks: [Float], into output: UnsafeMutablePointer<Float>) {
        values.withUnsafeBufferPointer { values in
            ranks.withUnsafeBufferPointer { ranks in
                let missing = ranks.count - 1
                for (offset, x) in values.enumerated() {
                    output[offset] = ranks[x.isNaN ? missing : Int(scale.knownKey(x))]
                }
            }
        }
    }
}

extension RankColumn: PairwisePearson.Input {
    var count: Int {
        switch self {
        case .stored(let ranks, _): ranks.count
        case .counted(let values, _, _, _): values.count
        }
    }

    /// The mean of average ranks 1 ... n is (n + 1) / 2 whatever the ties: no pass over the ranks.
    var knownSummary: (mean: Double, present: Int)? {
        let present: Int
        switch self {
        case .stored(_, let count), .counted(_, _, _, let count): present = count
        }
        return (present > 0 ? Double(present + 1) / 2 : 0, present)
    }

    func withValues(_ rows: Range<Int>, _ body: (UnsafeBufferPointer<Float>) -> Void) {
        switch self {
        case .stored(let ranks, _):
            ranks.withValues(rows, body)
        case .counted(let values, let scale, let table, _):
            let output = UnsafeMutablePointer<Float>.allocate(capacity: max(1, rows.count))
            defer { output.deallocate() }
            Self.lookUp(values[rows], scale: scale, ranks: table, into: output)
            body(UnsafeBufferPointer(start: output, count: rows.count))
        }
    }
}
