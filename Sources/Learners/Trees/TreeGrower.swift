import Tabular

/// Grows one tree on binned features from per-row gradients and hessians.
///
/// Nodes are expanded depth-wise (level by level, XGBoost's `depthwise`) or best-first by gain
/// (`lossguide`, LightGBM's leaf-wise growth), within `maxDepth` (0: unlimited) and `maxLeaves`
/// (0: unlimited). Each node owns a contiguous range of a row-index array; a split partitions the
/// range stably (rows stay ascending, so reading their bins stays close to sequential). Only the
/// smaller child's histogram is built; the larger's is the parent's minus it.
struct TreeGrower {
    var rules: SplitFinder.Rules
    var maxDepth: Int
    var maxLeaves: Int
    var lossGuided: Bool
    /// Shrinkage applied to leaf weights.
    var eta: Double

    /// A grown tree, each leaf with its range of the row array, and per-feature gain and split counts.
    struct Grown {
        var tree: Tree
        var leaves: [(node: Int, rows: Range<Int>)]
    }

    private struct Candidate {
        var node: Int
        var rows: Range<Int>
        var depth: Int
        var histogram: UnsafeMutablePointer<SIMD2<Double>>
        var split: SplitFinder.Split
        var order: Int
    }

    /// Grows a tree on `rows` (reordered in place), using `features` only. `bins` are row-major
    /// (histograms read a row's features together), `columnBins` the same bins column-major
    /// (partitions read one feature over a node's rows). `scratch` and `decisions` are work space
    /// at least as long as `rows`.
    func grow(
        bins: UnsafePointer<UInt8>, columnBins: UnsafePointer<UInt8>, rowCount: Int, binner: Binner, gradients: UnsafePointer<SIMD2<Double>>,
        rows: UnsafeMutableBufferPointer<Int32>, scratch: UnsafeMutableBufferPointer<Int32>,
        decisions: UnsafeMutableBufferPointer<UInt8>, features: [Int], builder: HistogramBuilder, pool: HistogramPool
    ) -> Grown {
        let p = builder.columns
        let binCounts = (0..<p).map { binner.binCount($0) }
        var tree = Tree()
        var leaves: [(node: Int, rows: Range<Int>)] = []
        var total = SIMD2<Double>.zero
        for r in rows { total += gradients[Int(r)] }
        let root = tree.addLeaf(eta * SplitFinder.leafWeight(total, rules), cover: total.y)
        var frontier: [Candidate] = []
        var order = 0

        /// Queues `node` for expansion if it may split and has a split worth making; else it stays a leaf.
        func consider(node: Int, range: Range<Int>, depth: Int, sums: SIMD2<Double>, histogram: UnsafeMutablePointer<SIMD2<Double>>) {
            if maxDepth == 0 || depth < maxDepth,
                let split = SplitFinder.best(histogram: histogram, total: sums, features: features, binCounts: binCounts, rules: rules)
            {
                frontier.append(Candidate(node: node, rows: range, depth: depth, histogram: histogram, split: split, order: order))
                order += 1
            } else {
                pool.give(histogram)
                leaves.append((node, range))
            }
        }

        let rootHistogram = pool.take()
        builder.build(into: rootHistogram, bins: bins, gradients: gradients, rows: UnsafeBufferPointer(rows))
        consider(node: root, range: 0..<rows.count, depth: 0, sums: total, histogram: rootHistogram)
        var leafCount = 1
        while !frontier.isEmpty {
            if maxLeaves > 0, leafCount >= maxLeaves { break }
            let pick = lossGuided ? Self.bestGain(frontier) : 0
            let candidate = frontier.remove(at: pick)
            let split = candidate.split
            let middle = Self.partition(
                rows: rows, scratch: scratch, decisions: decisions, range: candidate.rows,
                column: columnBins + split.feature * rowCount, bin: split.bin, defaultLeft: split.defaultLeft, threads: builder.threads)
            let leftNode = tree.addLeaf(eta * SplitFinder.leafWeight(split.left, rules), cover: split.left.y)
            let rightNode = tree.addLeaf(eta * SplitFinder.leafWeight(split.right, rules), cover: split.right.y)
            let threshold = split.bin < binner.cuts[split.feature].count ? binner.cuts[split.feature][split.bin] : Double.infinity
            tree.split(
                candidate.node, feature: split.feature, threshold: threshold, defaultLeft: split.defaultLeft,
                gain: split.gain, leftChild: leftNode, rightChild: rightNode)
            leafCount += 1
            let leftRows = candidate.rows.lowerBound..<middle
            let rightRows = middle..<candidate.rows.upperBound
            let depth = candidate.depth + 1
            if maxDepth > 0, depth >= maxDepth {
                pool.give(candidate.histogram)
                leaves.append((leftNode, leftRows))
                leaves.append((rightNode, rightRows))
                continue
            }
            // Build the smaller child; the parent's buffer becomes the larger child's.
            let leftIsSmaller = leftRows.count <= rightRows.count
            let small = pool.take()
            let smallRows = leftIsSmaller ? leftRows : rightRows
            builder.build(into: small, bins: bins, gradients: gradients, rows: UnsafeBufferPointer(rebasing: rows[smallRows]))
            let large = candidate.histogram
            HistogramKernel.subtract(large, small, into: large, count: builder.slotCount)
            let (leftHistogram, rightHistogram) = leftIsSmaller ? (small, large) : (large, small)
            consider(node: leftNode, range: leftRows, depth: depth, sums: split.left, histogram: leftHistogram)
            consider(node: rightNode, range: rightRows, depth: depth, sums: split.right, histogram: rightHistogram)
        }
        for candidate in frontier {
            pool.give(candidate.histogram)
            leaves.append((candidate.node, candidate.rows))
        }
        return Grown(tree: tree, leaves: leaves)
    }

    private static func bestGain(_ frontier: [Candidate]) -> Int {
        var best = 0
        for k in 1..<frontier.count where frontier[k].split.gain > frontier[best].split.gain { best = k }
        return best
    }

    /// Reorders `rows[range]` so rows going left come first, each side in its old order; returns
    /// where the right side starts. Large ranges are split among `threads`: each share counts its
    /// left rows, then writes both sides at offsets from those counts (measured: the serial loop
    /// was 12% of a 1M-row fit, all of it on one core). `column` is the split feature's bins,
    /// one byte per row: read from the row-major bins instead, every row cost a cache line, and
    /// partitioning was 19% of a 1M × 50 fit (perf).
    private static func partition(
        rows: UnsafeMutableBufferPointer<Int32>, scratch: UnsafeMutableBufferPointer<Int32>,
        decisions: UnsafeMutableBufferPointer<UInt8>, range: Range<Int>,
        column: UnsafePointer<UInt8>, bin: Int, defaultLeft: Bool, threads: Int
    ) -> Int {
        let test = SplitTest(column: column, bin: bin, defaultLeft: defaultLeft)
        let goesLeft = test.goesLeft
        let shares = range.count >= 65_536 ? max(1, threads) : 1
        if shares == 1 { return stablePartition(rows, scratch: scratch, range: range, goesLeft: goesLeft) }
        let size = (range.count + shares - 1) / shares
        let bounds = (0..<shares).map { c in
            (range.lowerBound + min(range.count, c * size))..<(range.lowerBound + min(range.count, (c + 1) * size))
        }
        // Pass 1 reads each row's bin once and keeps the decision, so pass 2 need not read it again.
        let shared = UncheckedSendable((rows, scratch, decisions))
        let lefts = ParallelLoop.map(shares, threads: shares) { c -> Int in
            let (rows, _, decisions) = shared.value
            var count = 0
            for k in bounds[c] {
                let left = test.goesLeft(rows[k])
                decisions[k] = left ? 1 : 0
                count += left ? 1 : 0
            }
            return count
        }
        let totalLeft = lefts.reduce(0, +)
        ParallelLoop.forEach(shares, threads: shares) { c in
            let (rows, scratch, decisions) = shared.value
            var left = range.lowerBound + lefts[..<c].reduce(0, +)
            var right = range.lowerBound + totalLeft + (bounds[..<c].reduce(0) { $0 + $1.count } - lefts[..<c].reduce(0, +))
            for k in bounds[c] {
                let row = rows[k]
                if decisions[k] != 0 {
                    scratch[left] = row
                    left += 1
                } else {
                    scratch[right] = row
                    right += 1
                }
            }
        }
        for k in range { rows[k] = scratch[k] }
        return range.lowerBound + totalLeft
    }
}

extension TreeGrower {
    /// Which side of a split a row goes to, from its bin in the split feature's `column`.
    private struct SplitTest: @unchecked Sendable {
        let column: UnsafePointer<UInt8>
        let bin: Int
        let defaultLeft: Bool

        @inline(__always)
        func goesLeft(_ row: Int32) -> Bool {
            let b = column[Int(row)]
            return b == Binner.missingBin ? defaultLeft : Int(b) <= bin
        }
    }
}
