import Tabular

/// Grows one fully randomized-feature decision tree, depth first, the way scikit-learn's random
/// forests and extra trees do (Breiman 2001; Geurts, Ernst & Wehenkel 2006).
///
/// At each node, features are drawn without replacement until `featuresPerSplit` non-constant ones
/// have been tried. Random forests find each feature's best threshold on its bins; extra trees
/// draw one threshold uniformly between the node's smallest and largest value. Splits are scored
/// by the weighted impurity decrease: Gini for classes, squared error for values. Both reduce to
/// the same score, Σ_k S_k² / W per side (S_k = class weights, or S = Σ w·y for a value), so one
/// search serves both tasks. Missing values go to whichever side scores better.
///
/// Sums per node are kept in "channels": classification has one per class then a row count;
/// regression has Σ w·y, Σ w, then a row count.
struct ForestTreeGrower {
    /// Raw features, column-major (`rowCount` rows).
    let values: UnsafePointer<Double>
    /// Bins, column-major, for best-threshold search; nil for random thresholds (extra trees).
    let bins: UnsafePointer<UInt8>?
    let cuts: [[Double]]
    let rowCount: Int
    let featureCount: Int
    /// Classes (0: regression).
    let classes: Int
    /// Class index per row (classification).
    let labels: UnsafePointer<Int32>
    /// Target per row (regression).
    let targets: UnsafePointer<Double>
    let featuresPerSplit: Int
    let minSamplesLeaf: Int
    let minSamplesSplit: Int
    /// 0: unlimited.
    let maxDepth: Int

    var channels: Int { classes > 0 ? classes + 1 : 3 }

    /// A grown tree and, for classification, each node's class distribution (`classes` per node).
    struct Grown {
        var tree: Tree
        var distributions: [Double]
    }

    private struct Pending {
        var node: Int
        var range: Range<Int>
        var depth: Int
        /// Offset of its sums in the pending-sums stack.
        var sums: Int
    }

    /// The best split found so far at a node.
    private struct Best {
        var feature = -1
        var threshold = 0.0
        var defaultLeft = false
        var improvement = 0.0
    }

    /// Grows a tree on `rows` (reordered in place) with per-row `weights`.
    func grow(rows: UnsafeMutableBufferPointer<Int32>, weights: UnsafePointer<Double>, generator: inout SeededGenerator) -> Grown {
        let c = channels
        let scratch = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, rows.count))
        let histogram = UnsafeMutablePointer<Double>.allocate(capacity: 256 * c)
        histogram.initialize(repeating: 0, count: 256 * c)
        let work = UnsafeMutablePointer<Double>.allocate(capacity: 4 * c)
        let occupied = UnsafeMutablePointer<Int>.allocate(capacity: 256)
        defer {
            scratch.deallocate()
            histogram.deallocate()
            work.deallocate()
            occupied.deallocate()
        }
        let left = work
        let bestLeft = work + c
        let missing = work + 2 * c
        let right = work + 3 * c
        var order = Array(0..<featureCount)
        var tree = Tree()
        var distributions: [Double] = []
        var pendingSums: [Double] = []
        var stack: [Pending] = []

        let root = tree.addLeaf(0, cover: 0)
        pendingSums.append(contentsOf: repeatElement(0, count: c))
        pendingSums.withUnsafeMutableBufferPointer { sums in
            for k in 0..<rows.count { add(row: Int(rows[k]), weight: weights, to: sums.baseAddress.unsafelyUnwrapped) }
        }
        stack.append(Pending(node: root, range: 0..<rows.count, depth: 0, sums: 0))
        var total = [Double](repeating: 0, count: c)

        while let pending = stack.popLast() {
            for k in 0..<c { total[k] = pendingSums[pending.sums + k] }
            pendingSums.removeLast(pendingSums.count - pending.sums)
            setLeafOutput(&tree, &distributions, node: pending.node, sums: total)
            let count = Int(total[c - 1])
            if count < minSamplesSplit || count < 2 * minSamplesLeaf || (maxDepth > 0 && pending.depth >= maxDepth) || isPure(total) {
                continue
            }
            var best = Best()
            total.withUnsafeBufferPointer { total in
                let totalPointer = total.baseAddress.unsafelyUnwrapped
                let parent = score(totalPointer)
                var tried = 0
                var visited = 0
                while visited < featureCount, tried < featuresPerSplit {
                    let pick = visited + Int.random(in: 0..<(featureCount - visited), using: &generator)
                    order.swapAt(visited, pick)
                    let j = order[visited]
                    visited += 1
                    let informative: Bool
                    if let bins {
                        informative = bestThreshold(
                            feature: j, bins: bins + j * rowCount, rows: rows, range: pending.range, weights: weights,
                            histogram: histogram, occupied: occupied, total: totalPointer, parent: parent, left: left, missing: missing,
                            right: right, best: &best, bestLeft: bestLeft)
                    } else {
                        informative = randomThreshold(
                            feature: j, rows: rows, range: pending.range, weights: weights, total: totalPointer, parent: parent,
                            left: left, missing: missing, right: right, best: &best, bestLeft: bestLeft, generator: &generator)
                    }
                    if informative { tried += 1 }
                }
            }
            guard best.feature >= 0 else { continue }
            let middle = partition(
                rows: rows, scratch: scratch, range: pending.range, feature: best.feature, threshold: best.threshold, defaultLeft: best.defaultLeft)
            let leftNode = tree.addLeaf(0, cover: 0)
            let rightNode = tree.addLeaf(0, cover: 0)
            tree.split(
                pending.node, feature: best.feature, threshold: best.threshold, defaultLeft: best.defaultLeft,
                gain: best.improvement, leftChild: leftNode, rightChild: rightNode)
            // Right first, so the left child is grown next (depth first, left to right).
            let rightOffset = pendingSums.count
            for k in 0..<c { pendingSums.append(total[k] - bestLeft[k]) }
            stack.append(Pending(node: rightNode, range: middle..<pending.range.upperBound, depth: pending.depth + 1, sums: rightOffset))
            let leftOffset = pendingSums.count
            for k in 0..<c { pendingSums.append(bestLeft[k]) }
            stack.append(Pending(node: leftNode, range: pending.range.lowerBound..<middle, depth: pending.depth + 1, sums: leftOffset))
        }
        return Grown(tree: tree, distributions: distributions)
    }

    // MARK: - Sums and scores

    /// Adds row `r`'s contribution to the channel sums `sums`.
    @inline(__always)
    private func add(row r: Int, weight weights: UnsafePointer<Double>, to sums: UnsafeMutablePointer<Double>) {
        let w = weights[r]
        if classes > 0 {
            sums[Int(labels[r])] += w
            sums[classes] += 1
        } else {
            sums[0] += w * targets[r]
            sums[1] += w
            sums[2] += 1
        }
    }

    /// Σ_k S_k² / W: the weighted impurity decrease is the children's score minus the parent's.
    @inline(__always)
    private func score(_ sums: UnsafePointer<Double>) -> Double {
        if classes > 0 {
            var squares = 0.0
            var weight = 0.0
            for k in 0..<classes {
                squares += sums[k] * sums[k]
                weight += sums[k]
            }
            return weight > 0 ? squares / weight : 0
        }
        return sums[1] > 0 ? sums[0] * sums[0] / sums[1] : 0
    }

    /// The weight of a side's sums.
    @inline(__always)
    private func weight(_ sums: UnsafePointer<Double>) -> Double {
        if classes > 0 {
            var weight = 0.0
            for k in 0..<classes { weight += sums[k] }
            return weight
        }
        return sums[1]
    }

    private func isPure(_ sums: [Double]) -> Bool {
        guard classes > 0 else { return false }
        var present = 0
        for k in 0..<classes where sums[k] > 0 { present += 1 }
        return present <= 1
    }

    private func setLeafOutput(_ tree: inout Tree, _ distributions: inout [Double], node: Int, sums: [Double]) {
        sums.withUnsafeBufferPointer { tree.cover[node] = weight($0.baseAddress.unsafelyUnwrapped) }
        if classes > 0 {
            var weight = 0.0
            for k in 0..<classes { weight += sums[k] }
            if distributions.count < (node + 1) * classes {
                distributions.append(contentsOf: repeatElement(0, count: (node + 1) * classes - distributions.count))
            }
            for k in 0..<classes { distributions[node * classes + k] = weight > 0 ? sums[k] / weight : 1 / Double(classes) }
        } else {
            tree.value[node] = sums[1] > 0 ? sums[0] / sums[1] : 0
        }
    }

    /// Scores the split with left sums `left` (right = total − left); records it in `best` when it
    /// is allowed (both sides hold `minSamplesLeaf` rows and some weight) and better.
    @inline(__always)
    private func consider(
        left: UnsafePointer<Double>, total: UnsafePointer<Double>, right: UnsafeMutablePointer<Double>, parent: Double,
        feature: Int, threshold: Double, defaultLeft: Bool, best: inout Best, bestLeft: UnsafeMutablePointer<Double>
    ) {
        let c = channels
        for k in 0..<c { right[k] = total[k] - left[k] }
        let minimum = Double(minSamplesLeaf)
        guard left[c - 1] >= minimum, right[c - 1] >= minimum, weight(left) > 0, weight(right) > 0 else { return }
        let improvement = score(left) + score(right) - parent
        guard improvement > best.improvement, improvement > 1e-10 * abs(parent) else { return }
        best = Best(feature: feature, threshold: threshold, defaultLeft: defaultLeft, improvement: improvement)
        for k in 0..<c { bestLeft[k] = left[k] }
    }

    // MARK: - Split search

    /// Random forests: the best bin boundary of feature `j` over the node's rows. Returns false
    /// when the feature is constant there.
    private func bestThreshold(
        feature j: Int, bins column: UnsafePointer<UInt8>, rows: UnsafeMutableBufferPointer<Int32>, range: Range<Int>,
        weights: UnsafePointer<Double>, histogram: UnsafeMutablePointer<Double>, occupied: UnsafeMutablePointer<Int>,
        total: UnsafePointer<Double>, parent: Double,
        left: UnsafeMutablePointer<Double>, missing: UnsafeMutablePointer<Double>, right: UnsafeMutablePointer<Double>,
        best: inout Best, bestLeft: UnsafeMutablePointer<Double>
    ) -> Bool {
        let c = channels
        // Only touched bins are read and cleared again, so small nodes do not pay for 256 bins.
        var touched: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for k in range {
            let r = Int(rows[k])
            let b = Int(column[r])
            add(row: r, weight: weights, to: histogram + b * c)
            let bit = UInt64(1) << UInt64(b & 63)
            switch b >> 6 {
            case 0: touched.0 |= bit
            case 1: touched.1 |= bit
            case 2: touched.2 |= bit
            default: touched.3 |= bit
            }
        }
        let missingBin = Int(Binner.missingBin)
        let hasMissing = touched.3 & (UInt64(1) << 63) != 0
        touched.3 &= ~(UInt64(1) << 63)
        var occupiedCount = 0
        for word in 0..<4 {
            var remaining = word == 0 ? touched.0 : word == 1 ? touched.1 : word == 2 ? touched.2 : touched.3
            while remaining != 0 {
                occupied[occupiedCount] = word * 64 + remaining.trailingZeroBitCount
                occupiedCount += 1
                remaining &= remaining - 1
            }
        }
        defer {
            for index in 0..<occupiedCount { (histogram + occupied[index] * c).update(repeating: 0, count: c) }
            if hasMissing { (histogram + missingBin * c).update(repeating: 0, count: c) }
        }
        guard occupiedCount > 1 || (occupiedCount == 1 && hasMissing) else { return false }
        for k in 0..<c { missing[k] = hasMissing ? histogram[missingBin * c + k] : 0 }
        for k in 0..<c { left[k] = 0 }
        let cuts = self.cuts[j]
        for index in 0..<occupiedCount {
            let b = occupied[index]
            for k in 0..<c { left[k] += histogram[b * c + k] }
            if index + 1 < occupiedCount {
                // Halfway between this bin's upper cut and the next occupied bin's lower cut.
                let next = occupied[index + 1]
                let threshold = (cuts[b] + cuts[next - 1]) / 2
                consider(
                    left: left, total: total, right: right, parent: parent, feature: j, threshold: threshold, defaultLeft: false, best: &best,
                    bestLeft: bestLeft)
                if hasMissing {
                    for k in 0..<c { left[k] += missing[k] }
                    consider(
                        left: left, total: total, right: right, parent: parent, feature: j, threshold: threshold, defaultLeft: true, best: &best,
                        bestLeft: bestLeft)
                    for k in 0..<c { left[k] -= missing[k] }
                }
            } else if hasMissing {
                // Every value left, missing values right.
                consider(
                    left: left, total: total, right: right, parent: parent, feature: j, threshold: .infinity, defaultLeft: false, best: &best,
                    bestLeft: bestLeft)
            }
        }
        return true
    }

    /// Extra trees: one threshold of feature `j` drawn uniformly between the node's smallest and
    /// largest value. Returns false when the feature is constant there.
    private func randomThreshold(
        feature j: Int, rows: UnsafeMutableBufferPointer<Int32>, range: Range<Int>, weights: UnsafePointer<Double>,
        total: UnsafePointer<Double>, parent: Double, left: UnsafeMutablePointer<Double>, missing: UnsafeMutablePointer<Double>,
        right: UnsafeMutablePointer<Double>, best: inout Best, bestLeft: UnsafeMutablePointer<Double>, generator: inout SeededGenerator
    ) -> Bool {
        let c = channels
        let column = values + j * rowCount
        var low = Double.infinity
        var high = -Double.infinity
        var anyMissing = false
        for k in range {
            let x = column[Int(rows[k])]
            if x.isNaN {
                anyMissing = true
            } else {
                low = min(low, x)
                high = max(high, x)
            }
        }
        guard low < high else { return false }
        var threshold = Double.random(in: low..<high, using: &generator)
        if !(threshold < high) { threshold = low }
        for k in 0..<c {
            left[k] = 0
            missing[k] = 0
        }
        for k in range {
            let r = Int(rows[k])
            let x = column[r]
            if x <= threshold {
                add(row: r, weight: weights, to: left)
            } else if x.isNaN {
                add(row: r, weight: weights, to: missing)
            }
        }
        consider(
            left: left, total: total, right: right, parent: parent, feature: j, threshold: threshold, defaultLeft: false, best: &best,
            bestLeft: bestLeft)
        if anyMissing {
            for k in 0..<c { left[k] += missing[k] }
            consider(
                left: left, total: total, right: right, parent: parent, feature: j, threshold: threshold, defaultLeft: true, best: &best,
                bestLeft: bestLeft)
        }
        return true
    }

    /// Reorders `rows[range]`, rows going left first (``stablePartition``); returns where the right side starts.
    private func partition(
        rows: UnsafeMutableBufferPointer<Int32>, scratch: UnsafeMutableBufferPointer<Int32>, range: Range<Int>,
        feature: Int, threshold: Double, defaultLeft: Bool
    ) -> Int {
        let column = values + feature * rowCount
        return stablePartition(rows, scratch: scratch, range: range) { row in
            let x = column[Int(row)]
            return x.isNaN ? defaultLeft : x <= threshold
        }
    }
}
