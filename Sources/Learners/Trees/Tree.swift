/// One regression tree, stored flat: node k splits on `feature[k]` at `threshold[k]` (value ≤
/// threshold goes left, a missing value goes where `defaultLeft[k]` says), or is a leaf
/// (`feature[k] == -1`) whose output is `value[k]`. Node 0 is the root. `cover[k]` is how much
/// training weight reached node k (the hessian sum for boosted trees, the row weight for forests),
/// which TreeSHAP needs; trees read from files written before it was kept have no covers.
struct Tree: Codable, Sendable, Equatable {
    var feature: [Int32] = []
    var threshold: [Double] = []
    var left: [Int32] = []
    var right: [Int32] = []
    var defaultLeft: [Bool] = []
    var value: [Double] = []
    /// The split's gain (0 for leaves), for feature importance.
    var gain: [Double] = []
    /// Training weight that reached each node (empty in trees from older model files).
    var cover: [Double] = []

    /// Adds a leaf reached by `cover` training weight and returns its index.
    mutating func addLeaf(_ output: Double, cover weight: Double) -> Int {
        cover.append(weight)
        feature.append(-1)
        threshold.append(0)
        left.append(-1)
        right.append(-1)
        defaultLeft.append(false)
        value.append(output)
        gain.append(0)
        return feature.count - 1
    }

    /// Turns leaf `node` into a split with children `leftChild` and `rightChild`.
    mutating func split(_ node: Int, feature f: Int, threshold t: Double, defaultLeft d: Bool, gain g: Double, leftChild: Int, rightChild: Int) {
        feature[node] = Int32(f)
        threshold[node] = t
        defaultLeft[node] = d
        gain[node] = g
        left[node] = Int32(leftChild)
        right[node] = Int32(rightChild)
        value[node] = 0
    }

    var nodeCount: Int { feature.count }
    /// Whether every node has its cover (trees from older model files have none).
    var hasCovers: Bool { cover.count == feature.count && !feature.isEmpty }
    var leafCount: Int { feature.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }

    /// The output for row `i` of `features` (column-major, `rowCount` rows).
    @inline(__always)
    func output(_ features: UnsafeBufferPointer<Double>, rowCount: Int, row i: Int) -> Double {
        value[leaf(features, rowCount: rowCount, row: i)]
    }

    /// The leaf that row `i` of `features` (column-major, `rowCount` rows) falls in.
    @inline(__always)
    func leaf(_ features: UnsafeBufferPointer<Double>, rowCount: Int, row i: Int) -> Int {
        var node = 0
        while feature[node] >= 0 {
            let x = features[Int(feature[node]) * rowCount + i]
            let goLeft = x.isNaN ? defaultLeft[node] : x <= threshold[node]
            node = Int(goLeft ? left[node] : right[node])
        }
        return node
    }
}
