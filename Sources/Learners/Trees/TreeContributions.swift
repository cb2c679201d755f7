import Tabular

/// SHAP values of a sum of trees (a forest averages, a boosted model adds): per row, per output,
/// the trees' TreeSHAP values weighted by `scale`, in parallel over blocks of rows.
enum TreeContributions {
    /// - Parameters:
    ///   - trees: per output, the trees whose outputs add up (for a forest: every tree, per class).
    ///   - leafValue: a tree's leaf output for output `k` (a class distribution's entry, say).
    ///   - base: per output, what the model adds to its trees (boosting's base score; 0 for forests).
    /// - Throws: ``LearnersError/notExplainable(learner:reason:)`` when a tree has no covers.
    static func compute(
        features aligned: FeatureMatrix, trees: [[(tree: Tree, index: Int)]], outputNames: [String], base: [Double], scale: Double,
        learner: String, threads: Int, leafValue: @escaping @Sendable (_ tree: Int, _ output: Int, _ node: Int) -> Double
    ) throws(LearnersError) -> FeatureContributions {
        guard trees.allSatisfy({ $0.allSatisfy { $0.tree.hasCovers } }) else {
            throw LearnersError.notExplainable(learner: learner, reason: "its trees were saved without the training covers TreeSHAP needs")
        }
        let n = aligned.rowCount
        let p = aligned.columnCount
        let outputs = outputNames.count
        var expected = base
        for k in 0..<outputs {
            for (tree, index) in trees[k] {
                let explainer = TreeSHAP(tree: tree)
                // The expected leaf output, read through `leafValue` for class distributions.
                expected[k] += scale * Self.expectation(explainer.tree, node: 0) { leafValue(index, k, $0) }
            }
        }
        var values = [Double](repeating: 0, count: n * outputs * p)
        let blockRows = 64
        let blocks = (n + blockRows - 1) / blockRows
        values.withUnsafeMutableBufferPointer { buffer in
            let shared = UncheckedSendable(buffer)
            aligned.values.withUnsafeBufferPointer { features in
                let features = UncheckedSendable(features)
                ParallelLoop.forEach(blocks, threads: threads) { block in
                    // One explainer per tree and thread: its path buffer is reused for every row.
                    let explainers = trees.map { $0.map { (TreeSHAP(tree: $0.tree), $0.index) } }
                    var phi = [Double](repeating: 0, count: p)
                    for row in (block * blockRows)..<min(n, (block + 1) * blockRows) {
                        for k in 0..<outputs {
                            for j in 0..<p { phi[j] = 0 }
                            phi.withUnsafeMutableBufferPointer { phi in
                                for (explainer, index) in explainers[k] {
                                    explainer.accumulate(
                                        features: features.value, rowCount: n, row: row, into: phi.baseAddress.unsafelyUnwrapped,
                                        leafValue: { leafValue(index, k, $0) })
                                }
                            }
                            let start = (row * outputs + k) * p
                            for j in 0..<p { shared.value[start + j] = scale * phi[j] }
                        }
                    }
                }
            }
        }
        return FeatureContributions(featureNames: aligned.names, outputNames: outputNames, expected: expected, rowCount: n, values: values)
    }

    /// The cover-weighted mean of the leaves under `node`.
    static func expectation(_ tree: Tree, node: Int, leaf: (Int) -> Double) -> Double {
        if tree.feature[node] < 0 { return leaf(node) }
        let (l, r) = (Int(tree.left[node]), Int(tree.right[node]))
        let total = tree.cover[l] + tree.cover[r]
        let (a, b) = (expectation(tree, node: l, leaf: leaf), expectation(tree, node: r, leaf: leaf))
        return total > 0 ? (tree.cover[l] * a + tree.cover[r] * b) / total : (a + b) / 2
    }
}

extension GradientBoostedTrees.Model: ContributionExplaining {
    public var contributionStepsPerRow: Double { trees.reduce(0) { $0 + $1.shapSteps } }

    /// SHAP values of the raw score: the log-odds of the second class for a binary model, each
    /// class's softmax score for a multiclass one, the value for regression.
    public func contributions(_ features: FeatureMatrix, threads: Int) throws(LearnersError) -> FeatureContributions {
        let aligned = try features.aligned(to: featureNames)
        let names: [String]
        switch objective {
        case .logistic: names = ["log-odds of \(classes.last ?? "1")"]
        case .softmax: names = classes.map { "score of \($0)" }
        case .squaredError, .absoluteError: names = ["value"]
        }
        let allTrees = trees
        let perOutput = (0..<outputs).map { k in stride(from: k, to: allTrees.count, by: outputs).map { (tree: allTrees[$0], index: $0) } }
        var contributions = try TreeContributions.compute(
            features: aligned, trees: perOutput, outputNames: names, base: Array(baseScores.prefix(outputs)), scale: 1,
            learner: "gbdt", threads: threads
        ) { tree, _, node in allTrees[tree].value[node] }
        linearBase?.addContributions(aligned, to: &contributions)
        return contributions
    }
}

extension ForestModel: ContributionExplaining {
    public var contributionStepsPerRow: Double { trees.reduce(0) { $0 + $1.shapSteps } * Double(max(1, classes.count)) }

    /// SHAP values of the averaged output: each class's probability, or the value for regression.
    public func contributions(_ features: FeatureMatrix, threads: Int) throws(LearnersError) -> FeatureContributions {
        let aligned = try features.aligned(to: featureNames)
        let width = max(1, classes.count)
        let all = trees.enumerated().map { (tree: $0.element, index: $0.offset) }
        let allTrees = trees
        let distributions = self.distributions
        let regression = classes.isEmpty
        var contributions = try TreeContributions.compute(
            features: aligned, trees: Array(repeating: all, count: width),
            outputNames: regression ? ["value"] : classes.map { "probability of \($0)" },
            base: [Double](repeating: 0, count: width), scale: 1 / Double(max(1, allTrees.count)), learner: "forest", threads: threads
        ) { tree, output, node in
            regression ? allTrees[tree].value[node] : distributions[tree][node * width + output]
        }
        linearBase?.addContributions(aligned, to: &contributions)
        return contributions
    }
}
