/// Length and vocabulary of a free-text column's non-missing values.
public struct TextStatistics: Codable, Sendable, Equatable {
    /// Characters per value.
    public var minimumLength: Int
    public var meanLength: Double
    public var medianLength: Double
    public var maximumLength: Int
    /// Words (runs of letters or digits) per value, on average.
    public var meanWords: Double
    /// The most common lowercased words over all values.
    public var topTokens: [ValueCount]
    /// Distinct lowercased words.
    public var vocabularySize: Int

    /// Statistics of a dictionary-encoded text column from its levels and per-level row counts.
    init(levels: [String], counts: [Int], tokenLimit: Int = 10) {
        var lengths: [(length: Int, count: Int)] = []
        var tokens: [String: Int] = [:]
        var rows = 0
        var totalLength = 0
        var totalWords = 0
        for (level, count) in zip(levels, counts) where count > 0 {
            let length = level.count
            lengths.append((length, count))
            rows += count
            totalLength += length * count
            let words = Self.tokens(of: level)
            totalWords += words.count * count
            for word in words { tokens[word, default: 0] += count }
        }
        lengths.sort { $0.length < $1.length }
        minimumLength = lengths.first?.length ?? 0
        maximumLength = lengths.last?.length ?? 0
        meanLength = rows == 0 ? 0 : Double(totalLength) / Double(rows)
        meanWords = rows == 0 ? 0 : Double(totalWords) / Double(rows)
        medianLength = Self.weightedMedian(lengths, total: rows)
        topTokens = ValueCount.top(tokens.map { ($0.key, $0.value) }, limit: tokenLimit)
        vocabularySize = tokens.count
    }

    /// Lowercased runs of letters and digits: the word units of text statistics and TF-IDF.
    public static func tokens(of text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    private static func weightedMedian(_ sorted: [(length: Int, count: Int)], total: Int) -> Double {
        guard total > 0 else { return 0 }
        func value(at rank: Int) -> Int {
            var seen = 0
            for entry in sorted {
                seen += entry.count
                if rank < seen { return entry.length }
            }
            return sorted.last?.length ?? 0
        }
        return total % 2 == 1 ? Double(value(at: total / 2)) : Double(value(at: total / 2 - 1) + value(at: total / 2)) / 2
    }
}
