/// Guesses the delimiter of a CSV file from its first lines.
enum DelimiterSniffer {
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    /// Among `,` `;` tab `|`: the one that appears the same number of times (outside quotes) on every
    /// one of the first 20 lines, the most often; else the one most lines agree on; else `,`.
    static func sniff(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts: [[Int]] = []  // per line, per candidate
        var current = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var lineHasContent = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
                lineHasContent = true
                continue
            }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") {
                if lineHasContent { counts.append(current) }
                current = [Int](repeating: 0, count: candidates.count)
                lineHasContent = false
                if counts.count == 20 { break }
                continue
            }
            if byte != UInt8(ascii: "\r") { lineHasContent = true }
            if let index = candidates.firstIndex(of: byte) { current[index] += 1 }
        }
        if lineHasContent && counts.count < 20 && !inQuotes { counts.append(current) }
        guard !counts.isEmpty else { return candidates[0] }
        var best: (score: Int, agreement: Int, index: Int)? = nil
        for index in candidates.indices {
            let perLine = counts.map { $0[index] }
            var frequency: [Int: Int] = [:]
            for value in perLine where value > 0 { frequency[value, default: 0] += 1 }
            guard let (mode, agreement) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            let consistent = agreement == perLine.count
            let score = consistent ? 1_000_000 + mode : 0
            let candidate = (score, agreement, index)
            if let current = best {
                if (candidate.0, candidate.1) > (current.score, current.agreement) { best = candidate }
            } else {
                best = candidate
            }
        }
        return candidates[best?.index ?? 0]
    }
}
