import Foundation
import Tabular

/// Hashed TF-IDF features of free text: the hashing trick (Weinberger et al. 2009) over word
/// n-grams, so the vocabulary never has to be stored.
///
/// Notation: for document d and bucket b, tf(d,b) = n-grams of d hashing to b / n-grams of d;
/// idf(b) = ln((1 + N) / (1 + df(b))) + 1 over the N training documents (the smoothed form used by
/// scikit-learn); each row is then scaled to unit L2 norm. Words are ``TextStatistics/tokens(of:)``.
enum HashedTfidf {
    /// The bucket of every n-gram (1…`maximumNgram` words) of `text`.
    static func buckets(of text: String, buckets: Int, maximumNgram: Int) -> [Int] {
        let words = TextStatistics.tokens(of: text)
        var result: [Int] = []
        for n in 1...max(1, maximumNgram) where words.count >= n {
            for start in 0...(words.count - n) {
                // FNV-1a over the words joined by a space: stable across runs and platforms,
                // unlike Swift's per-process seeded Hasher.
                var hash: UInt64 = 0xCBF2_9CE4_8422_2325
                for (k, word) in words[start..<(start + n)].enumerated() {
                    if k > 0 { hash = (hash ^ 0x20) &* 0x100_0000_01B3 }
                    for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
                }
                result.append(Int(hash % UInt64(buckets)))
            }
        }
        return result
    }

    /// Smoothed inverse document frequency per bucket over `values` (missing = empty document).
    static func inverseDocumentFrequency(_ values: [String?], buckets: Int, maximumNgram: Int) -> [Double] {
        var documentFrequency = [Int](repeating: 0, count: buckets)
        for value in values {
            guard let value else { continue }
            for bucket in Set(Self.buckets(of: value, buckets: buckets, maximumNgram: maximumNgram)) {
                documentFrequency[bucket] += 1
            }
        }
        let n = Double(values.count)
        return documentFrequency.map { log((1 + n) / (1 + Double($0))) + 1 }
    }

    /// `name_tfidf_0` … `name_tfidf_<buckets−1>`.
    static func features(name: String, values: [String?], buckets: Int, maximumNgram: Int, idf: [Double]) -> [Feature] {
        var columns = [[Double]](repeating: [Double](repeating: 0, count: values.count), count: buckets)
        for (row, value) in values.enumerated() {
            guard let value else { continue }
            let hashed = Self.buckets(of: value, buckets: buckets, maximumNgram: maximumNgram)
            guard !hashed.isEmpty else { continue }
            // Runs of equal buckets in ascending order: the sums below always add in the same
            // order, so a saved pipeline reproduces every bit (a Dictionary's order varies per instance).
            let sorted = hashed.sorted()
            var weights: [(bucket: Int, weight: Double)] = []
            var norm = 0.0
            var start = 0
            while start < sorted.count {
                var end = start + 1
                while end < sorted.count, sorted[end] == sorted[start] { end += 1 }
                let weight = Double(end - start) / Double(hashed.count) * idf[sorted[start]]
                weights.append((sorted[start], weight))
                norm += weight * weight
                start = end
            }
            norm = norm.squareRoot()
            for (bucket, weight) in weights { columns[bucket][row] = weight / norm }
        }
        return columns.enumerated().map { Feature(name: "\(name)_tfidf_\($0)", values: $1) }
    }
}
