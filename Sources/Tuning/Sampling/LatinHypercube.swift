import Tabular

/// A space-filling design: `count` points of [0, 1]^d such that each coordinate has exactly one
/// point in each of `count` equal slices (McKay, Beckman & Conover 1979). Of several random designs
/// the one whose closest pair lies farthest apart (maximin) is kept.
public enum LatinHypercube {
    /// The design for `seed`: row-major, `count × dimension`.
    /// - Complexity: O(tries · count² · dimension).
    public static func points(count: Int, dimension: Int, seed: UInt64, tries: Int = 16) -> [[Double]] {
        guard count > 0, dimension > 0 else { return [[Double]](repeating: [], count: max(count, 0)) }
        var generator = SeededGenerator(seed: seed)
        var best: [[Double]] = []
        var bestDistance = -1.0
        for _ in 0..<max(1, tries) {
            var design = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: count)
            for k in 0..<dimension {
                let slices = Array(0..<count).shuffled(using: &generator)
                for i in 0..<count {
                    design[i][k] = (Double(slices[i]) + Double.random(in: 0..<1, using: &generator)) / Double(count)
                }
            }
            let distance = closestPairDistance(design)
            if distance > bestDistance {
                bestDistance = distance
                best = design
            }
        }
        return best
    }

    static func closestPairDistance(_ points: [[Double]]) -> Double {
        var closest = Double.infinity
        for j in points.indices {
            for i in 0..<j {
                var s = 0.0
                for k in points[i].indices {
                    let diff = points[i][k] - points[j][k]
                    s += diff * diff
                }
                closest = min(closest, s)
            }
        }
        return closest
    }
}
