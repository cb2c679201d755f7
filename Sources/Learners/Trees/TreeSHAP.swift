/// Exact SHAP values of one tree for one row: the polynomial-time algorithm of Lundberg, Erion and
/// Lee ("Consistent Individualized Feature Attribution for Tree Ensembles", 2018; Algorithm 2; and
/// Nature Machine Intelligence 2020), in its path-dependent form: the expectation over features not
/// in a coalition follows the training cover of each branch.
///
/// Each root-to-leaf path is walked once while a table of coalition-size weights is kept up to
/// date (`extend` when a feature joins the path, `unwind` to take one back out), so the cost is
/// O(leaves · depth²) per row instead of the 2^features of the definition. A feature met twice on
/// one path is first unwound, then extended with the product of its fractions.
///
/// This is a hot loop (a thousand rows of a 100-tree model walk tens of millions of path steps):
/// the path lives in one preallocated buffer reused for every row, with each recursion level
/// working on its own slice, instead of copying arrays per node. A class, so that the recursion
/// reads the tree while writing the buffer without an exclusivity conflict on one struct.
final class TreeSHAP {
    /// One element of the path: the feature that split (−1 for the root's placeholder), the share of
    /// cover that follows when the feature is not known (`zero`) or known (`one`: 1 if the row goes
    /// this way, else 0), and the weight of coalitions of this size.
    struct Element {
        var feature: Int32
        var zero: Double
        var one: Double
        var weight: Double
    }

    let tree: Tree
    /// Room for every recursion level's copy of the path: (depth + 2) levels of (depth + 2) elements.
    private let buffer: UnsafeMutablePointer<Element>
    private let capacity: Int
    private let stride: Int

    init(tree: Tree) {
        self.tree = tree
        let depth = Self.depth(tree)
        stride = depth + 2
        capacity = (depth + 2) * (depth + 3)
        buffer = .allocate(capacity: capacity)
        buffer.initialize(repeating: Element(feature: -1, zero: 0, one: 0, weight: 0), count: capacity)
    }

    deinit {
        buffer.deinitialize(count: capacity)
        buffer.deallocate()
    }

    /// Adds the tree's SHAP values for row `row` of column-major `features` into `phi` (one slot per
    /// feature), each leaf's output read through `leafValue` (a class distribution's entry, say).
    func accumulate(
        features: UnsafeBufferPointer<Double>, rowCount: Int, row: Int, into phi: UnsafeMutablePointer<Double>, leafValue: (Int) -> Double
    ) {
        recurse(
            node: 0, path: buffer, length: 0, zero: 1, one: 1, feature: -1,
            features: features, rowCount: rowCount, row: row, phi: phi, leafValue: leafValue)
    }

    /// Walks the subtree at `node`. The parent's path (`length` elements) is at `path`; this level
    /// copies it to the next slot (`path + stride`) and extends it there.
    private func recurse(
        node: Int, path parentPath: UnsafeMutablePointer<Element>, length parentLength: Int, zero: Double, one: Double, feature: Int32,
        features: UnsafeBufferPointer<Double>, rowCount: Int, row: Int, phi: UnsafeMutablePointer<Double>, leafValue: (Int) -> Double
    ) {
        let path = parentPath + stride
        path.update(from: parentPath, count: parentLength)
        var length = Self.extend(path, length: parentLength, zero: zero, one: one, feature: feature)
        let split = tree.feature[node]
        if split < 0 {
            let value = leafValue(node)
            // Element 0 is the root's placeholder; every other element is a feature on the path.
            for i in 1..<length {
                let weight = Self.unwoundSum(path, length: length, index: i)
                let element = path[i]
                phi[Int(element.feature)] += weight * (element.one - element.zero) * value
            }
            return
        }
        let x = features[Int(split) * rowCount + row]
        let goesLeft = x.isNaN ? tree.defaultLeft[node] : x <= tree.threshold[node]
        let (left, right) = (Int(tree.left[node]), Int(tree.right[node]))
        let (hot, cold) = goesLeft ? (left, right) : (right, left)
        let cover = tree.cover[node]
        var incomingZero = 1.0
        var incomingOne = 1.0
        // A feature already on the path: take it back out and carry its fractions forward.
        if let k = (1..<max(1, length)).first(where: { path[$0].feature == split }), length > 1 {
            incomingZero = path[k].zero
            incomingOne = path[k].one
            Self.unwind(path, length: length, index: k)
            length -= 1
        }
        let hotShare = cover > 0 ? tree.cover[hot] / cover : 0.5
        let coldShare = cover > 0 ? tree.cover[cold] / cover : 0.5
        if incomingZero * hotShare > 0 || incomingOne > 0 {
            recurse(
                node: hot, path: path, length: length, zero: incomingZero * hotShare, one: incomingOne, feature: split,
                features: features, rowCount: rowCount, row: row, phi: phi, leafValue: leafValue)
        }
        // A branch no training weight reached and the row does not take adds nothing (and its zero
        // fractions would divide by zero when unwound).
        guard incomingZero * coldShare > 0 else { return }
        recurse(
            node: cold, path: path, length: length, zero: incomingZero * coldShare, one: 0, feature: split,
            features: features, rowCount: rowCount, row: row, phi: phi, leafValue: leafValue)
    }

    /// Appends an element and updates the coalition weights: every existing size either grows by
    /// the new feature (weight × `one`) or not (weight × `zero`). Returns the new length.
    private static func extend(_ path: UnsafeMutablePointer<Element>, length l: Int, zero: Double, one: Double, feature: Int32) -> Int {
        path[l] = Element(feature: feature, zero: zero, one: one, weight: l == 0 ? 1 : 0)
        let scale = 1 / Double(l + 1)
        var i = l - 1
        while i >= 0 {
            path[i + 1].weight += one * path[i].weight * Double(i + 1) * scale
            path[i].weight = zero * path[i].weight * Double(l - i) * scale
            i -= 1
        }
        return l + 1
    }

    /// Removes element `index`, undoing its `extend` on the weights, in place.
    private static func unwind(_ path: UnsafeMutablePointer<Element>, length l: Int, index: Int) {
        let one = path[index].one
        let zero = path[index].zero
        var next = path[l - 1].weight
        var j = l - 2
        while j >= 0 {
            if one != 0 {
                let kept = path[j].weight
                path[j].weight = next * Double(l) / (Double(j + 1) * one)
                next = kept - path[j].weight * zero * Double(l - j - 1) / Double(l)
            } else {
                path[j].weight = path[j].weight * Double(l) / (zero * Double(l - j - 1))
            }
            j -= 1
        }
        for k in index..<(l - 1) {
            path[k].feature = path[k + 1].feature
            path[k].zero = path[k + 1].zero
            path[k].one = path[k + 1].one
        }
    }

    /// The total weight of the path with element `index` unwound, without changing the path.
    private static func unwoundSum(_ path: UnsafeMutablePointer<Element>, length l: Int, index: Int) -> Double {
        let one = path[index].one
        let zero = path[index].zero
        var next = path[l - 1].weight
        var total = 0.0
        var j = l - 2
        while j >= 0 {
            if one != 0 {
                let weight = next * Double(l) / (Double(j + 1) * one)
                total += weight
                next = path[j].weight - weight * zero * Double(l - j - 1) / Double(l)
            } else {
                total += path[j].weight * Double(l) / (zero * Double(l - j - 1))
            }
            j -= 1
        }
        return total
    }

    /// The number of splits on the longest root-to-leaf path.
    static func depth(_ tree: Tree) -> Int {
        guard !tree.feature.isEmpty else { return 0 }
        var deepest = 0
        var stack = [(0, 0)]
        while let (node, depth) = stack.popLast() {
            if tree.feature[node] < 0 {
                deepest = max(deepest, depth)
            } else {
                stack.append((Int(tree.left[node]), depth + 1))
                stack.append((Int(tree.right[node]), depth + 1))
            }
        }
        return deepest
    }
}
