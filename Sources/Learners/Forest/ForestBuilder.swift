import Tabular

/// Fits a forest: the trees in parallel (one per thread at a time), each on its own bootstrap
/// sample or on every row, then the out-of-bag score from the rows each tree left out.
struct ForestBuilder {
    let settings: ForestSettings
    /// Extra trees (a random threshold per feature) instead of a random forest (the best one).
    let randomThresholds: Bool
    let learner: String

    func fit(_ original: Dataset, seed: UInt64, threads: Int) throws(LearnersError) -> ForestModel {
        // With a linear base the trees learn what it leaves; the out-of-bag score is still the
        // whole model's, on the original target.
        let (linearBase, offsets, training) = try LinearBase.residuals(of: original, model: settings.baseModel, learner: learner)
        let features = training.features
        let n = training.rowCount
        let p = features.columnCount
        let classCount = training.task.isClassification ? training.classes.count : 0
        if randomThresholds {
            // A uniform draw between a finite value and ±∞ is not a threshold.
            for j in 0..<p where features.column(j).contains(where: \.isInfinite) {
                throw .nonFiniteFeature(name: features.names[j], learner: learner)
            }
        }
        let weights = baseWeights(training, classes: classCount)
        let binner = randomThresholds ? nil : Binner(features, maxBins: min(Binner.maximumBins, settings.maxBin), seed: seed, threads: threads)
        let bins = binner.map { $0.binnedByColumn(features, threads: threads) } ?? []
        let labels = training.target.map { Int32(truncatingIfNeeded: Int($0)) }
        let perSplit = settings.featuresPerSplit(p, task: training.task)
        let treeCount = settings.trees
        let bootstrap = settings.bootstrap

        // Trees are grown in chunks of a few per thread, with a cancellation check between chunks:
        // the loop's worker threads cannot see the task's cancellation, and a 500-tree forest on
        // large data ran well past a job's time limit when it was one uncancellable loop.
        let chunk = max(1, threads) * 4
        var grown: [(tree: Tree, distribution: [Double], inBag: [UInt64])] = []
        grown.reserveCapacity(treeCount)
        for first in stride(from: 0, to: treeCount, by: chunk) {
            try Cancellation.check()
            let count = min(chunk, treeCount - first)
            grown += features.values.withUnsafeBufferPointer { values in
                bins.withUnsafeBufferPointer { bins in
                    labels.withUnsafeBufferPointer { labels in
                        training.target.withUnsafeBufferPointer { targets in
                            let grower = UncheckedSendable(
                                ForestTreeGrower(
                                    values: values.baseAddress.unsafelyUnwrapped, bins: randomThresholds ? nil : bins.baseAddress,
                                    cuts: binner?.cuts ?? [], rowCount: n, featureCount: p, classes: classCount,
                                    labels: labels.baseAddress.unsafelyUnwrapped, targets: targets.baseAddress.unsafelyUnwrapped,
                                    featuresPerSplit: perSplit, minSamplesLeaf: settings.minSamplesLeaf,
                                    minSamplesSplit: settings.minSamplesSplit, maxDepth: settings.maxDepth))
                            return ParallelLoop.map(count, threads: threads) { index in
                                let t = first + index
                                var generator = SeededGenerator(seed: seed &+ UInt64(t + 1) &* 0x9E37_79B9_7F4A_7C15)
                                var treeWeights = weights
                                var inBag = [UInt64](repeating: 0, count: bootstrap ? (n + 63) / 64 : 0)
                                if bootstrap {
                                    var counts = [Int32](repeating: 0, count: n)
                                    for _ in 0..<n { counts[Int.random(in: 0..<n, using: &generator)] += 1 }
                                    for i in 0..<n {
                                        treeWeights[i] *= Double(counts[i])
                                        if counts[i] > 0 { inBag[i >> 6] |= UInt64(1) << UInt64(i & 63) }
                                    }
                                }
                                var rows = (0..<n).compactMap { treeWeights[$0] > 0 ? Int32($0) : nil }
                                let result = rows.withUnsafeMutableBufferPointer { rows in
                                    treeWeights.withUnsafeBufferPointer { w in
                                        grower.value.grow(rows: rows, weights: w.baseAddress.unsafelyUnwrapped, generator: &generator)
                                    }
                                }
                                return (result.tree, result.distributions, inBag)
                            }
                        }
                    }
                }
            }
        }
        let trees = grown.map(\.tree)
        let distributions = classCount > 0 ? grown.map(\.distribution) : []
        let score =
            bootstrap
            ? outOfBagScore(training, trees: trees, distributions: distributions, inBag: grown.map(\.inBag), offsets: offsets, threads: threads) : nil
        return ForestModel(
            featureNames: features.names, task: training.task, classes: training.classes, trees: trees,
            distributions: distributions, outOfBagScore: score, linearBase: linearBase)
    }

    /// Sample weights, times n / (classes · count of the class) when classes are balanced.
    private func baseWeights(_ training: Dataset, classes: Int) -> [Double] {
        var weights = training.weights ?? [Double](repeating: 1, count: training.rowCount)
        if settings.balanceClasses, classes > 0 {
            var totals = [Double](repeating: 0, count: classes)
            for (i, y) in training.target.enumerated() { totals[Int(y)] += weights[i] }
            let all = totals.reduce(0, +)
            for i in weights.indices {
                let total = totals[Int(training.target[i])]
                weights[i] *= total > 0 ? all / (Double(classes) * total) : 0
            }
        }
        return weights
    }

    /// Accuracy or R² of out-of-bag predictions, over rows at least one tree left out (nil if none).
    /// `offsets`: what a linear base adds to each training row (nil without one).
    private func outOfBagScore(
        _ training: Dataset, trees: [Tree], distributions: [[Double]], inBag: [[UInt64]], offsets: [Double]?, threads: Int
    ) -> Double? {
        let n = training.rowCount
        let width = max(1, training.classes.count)
        let blockRows = 1024
        let blocks = (n + blockRows - 1) / blockRows
        let features = training.features
        let parts: [(correct: Double, counted: [Int], predicted: [Double])] = features.values.withUnsafeBufferPointer { values in
            let values = UncheckedSendable(values)
            return ParallelLoop.map(blocks, threads: threads) { block in
                let rows = (block * blockRows)..<min(n, (block + 1) * blockRows)
                var sums = [Double](repeating: 0, count: rows.count * width)
                var votes = [Int](repeating: 0, count: rows.count)
                for (t, tree) in trees.enumerated() {
                    for i in rows where inBag[t][i >> 6] & (UInt64(1) << UInt64(i & 63)) == 0 {
                        let leaf = tree.leaf(values.value, rowCount: n, row: i)
                        let local = i - rows.lowerBound
                        votes[local] += 1
                        if width == 1 {
                            sums[local] += tree.value[leaf]
                        } else {
                            for k in 0..<width { sums[local * width + k] += distributions[t][leaf * width + k] }
                        }
                    }
                }
                var correct = 0.0
                var counted: [Int] = []
                var predicted: [Double] = []
                for i in rows where votes[i - rows.lowerBound] > 0 {
                    let local = i - rows.lowerBound
                    counted.append(i)
                    if width == 1 {
                        predicted.append(sums[local] / Double(votes[local]))
                    } else {
                        var best = 0
                        for k in 1..<width where sums[local * width + k] > sums[local * width + best] { best = k }
                        correct += best == Int(training.target[i]) ? 1 : 0
                    }
                }
                return (correct, counted, predicted)
            }
        }
        let rows = parts.flatMap(\.counted)
        guard !rows.isEmpty else { return nil }
        if width > 1 { return parts.reduce(0) { $0 + $1.correct } / Double(rows.count) }
        let offset = { (row: Int) in offsets?[row] ?? 0 }
        let actual = rows.map { training.target[$0] + offset($0) }
        let predicted = zip(rows, parts.flatMap(\.predicted)).map { $1 + offset($0) }
        return RegressionMetrics.r2(truth: actual, predicted: predicted)
    }
}
