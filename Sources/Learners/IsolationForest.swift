import Foundation
import Tabular

/// Isolation forest (Liu, Ting and Zhou, "Isolation Forest", ICDM 2008): anomalies are few and
/// different, so random axis-parallel cuts isolate them in fewer steps than ordinary rows. Each tree
/// cuts a random subsample (256 rows) on a random feature at a uniform point of its range until
/// every row is alone or the height limit ⌈log₂ 256⌉ is reached; a row's score is
/// 2^(−E[h(x)] / c(n)), with h the path length (plus c(size) for an unsplit leaf) and c(n) the
/// average path length of an unsuccessful binary-search-tree search. Scores near 1 are anomalies,
/// well below 0.5 ordinary rows.
public struct IsolationForest: Sendable {
    public var trees = 100
    public var sampleSize = 256

    public init() {}

    /// One tree, flat: node k cuts `feature[k]` at `threshold[k]` (values below go left), or is a
    /// leaf (`feature[k] < 0`) holding `size[k]` training rows.
    struct Tree {
        var feature: [Int] = []
        var threshold: [Double] = []
        var left: [Int] = []
        var right: [Int] = []
        var size: [Int] = []
    }

    /// The average path length of an unsuccessful search in a binary search tree of `n` rows.
    static func averagePathLength(_ n: Int) -> Double {
        guard n > 1 else { return 0 }
        if n == 2 { return 1 }
        let harmonic = Foundation.log(Double(n - 1)) + 0.5772156649015329
        return 2 * harmonic - 2 * Double(n - 1) / Double(n)
    }

    /// Anomaly scores (0…1) of the `rows` rows of column-major `features` (finite values; fill
    /// missing ones first), fitted on those same rows.
    public func scores(features: [[Double]], rows: Int, seed: UInt64) -> [Double] {
        guard rows > 1, !features.isEmpty else { return [Double](repeating: 0.5, count: rows) }
        var generator = SeededGenerator(seed: seed)
        let sample = min(sampleSize, rows)
        let heightLimit = Int(Foundation.log2(Double(sample)).rounded(.up))
        var forest: [Tree] = []
        for _ in 0..<trees {
            var indices = Array(0..<rows)
            indices.shuffle(using: &generator)
            forest.append(grow(Array(indices.prefix(sample)), features: features, heightLimit: heightLimit, generator: &generator))
        }
        let normalizer = Self.averagePathLength(sample)
        return (0..<rows).map { row in
            var total = 0.0
            for tree in forest {
                var node = 0
                var depth = 0
                while tree.feature[node] >= 0 {
                    node = features[tree.feature[node]][row] < tree.threshold[node] ? tree.left[node] : tree.right[node]
                    depth += 1
                }
                total += Double(depth) + Self.averagePathLength(tree.size[node])
            }
            return Foundation.pow(2, -(total / Double(forest.count)) / normalizer)
        }
    }

    private func grow(_ rows: [Int], features: [[Double]], heightLimit: Int, generator: inout SeededGenerator) -> Tree {
        var tree = Tree()
        func leaf(_ size: Int) -> Int {
            tree.feature.append(-1)
            tree.threshold.append(0)
            tree.left.append(-1)
            tree.right.append(-1)
            tree.size.append(size)
            return tree.feature.count - 1
        }
        func build(_ rows: [Int], depth: Int) -> Int {
            guard rows.count > 1, depth < heightLimit else { return leaf(rows.count) }
            // Features that still vary among these rows; a random one, cut at a uniform point.
            let candidates = features.indices.filter { j in
                let first = features[j][rows[0]]
                return rows.contains { features[j][$0] != first }
            }
            guard let feature = candidates.randomElement(using: &generator) else { return leaf(rows.count) }
            let values = rows.map { features[feature][$0] }
            let low = values.min() ?? 0
            let high = values.max() ?? 0
            let threshold = Double.random(in: low..<high, using: &generator)
            let node = leaf(rows.count)
            let (lower, upper) = (rows.filter { features[feature][$0] < threshold }, rows.filter { features[feature][$0] >= threshold })
            let l = build(lower, depth: depth + 1)
            let r = build(upper, depth: depth + 1)
            tree.feature[node] = feature
            tree.threshold[node] = threshold
            tree.left[node] = l
            tree.right[node] = r
            return node
        }
        _ = build(rows, depth: 0)
        return tree
    }
}
