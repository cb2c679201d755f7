import Tabular

/// A fitted random forest or extra-trees ensemble: the average of its trees' leaf outputs (class
/// distributions for classification, means for regression), as scikit-learn averages them.
public struct ForestModel: Predictor, Equatable {
    public let featureNames: [String]
    public let task: Task
    public let classes: [String]
    let trees: [Tree]
    /// Per tree, classification only: each node's class distribution, `classes.count` per node.
    let distributions: [[Double]]
    /// Accuracy (classification) or R² (regression) of each row predicted by the trees that did not
    /// see it, over rows some tree left out; nil without bootstrap.
    public let outOfBagScore: Double?
    /// Regression with `base_model` = linear: the linear regression the trees' average is added
    /// to; nil otherwise and in models saved before it existed.
    var linearBase: LinearBase? = nil

    public func predict(_ features: FeatureMatrix, threads: Int) throws(LearnersError) -> Prediction {
        let aligned = try features.aligned(to: featureNames)
        let n = aligned.rowCount
        let width = max(1, classes.count)
        var output = [Double](repeating: 0, count: n * width)
        let blockRows = 256
        let blocks = (n + blockRows - 1) / blockRows
        output.withUnsafeMutableBufferPointer { buffer in
            let shared = UncheckedSendable(buffer)
            aligned.values.withUnsafeBufferPointer { values in
                // The trees are read in place (a copy of a `Tree` retains its eight buffers).
                trees.withUnsafeBufferPointer { trees in
                    let values = UncheckedSendable((values, trees))
                    ParallelLoop.forEach(blocks, threads: threads) { block in
                        let (values, trees) = values.value
                        let rows = (block * blockRows)..<min(n, (block + 1) * blockRows)
                        // Tree by tree over a block of rows, so one tree's nodes stay in cache.
                        for t in trees.indices {
                            for i in rows {
                                let leaf = trees[t].leaf(values, rowCount: n, row: i)
                                if width == 1 {
                                    shared.value[i] += trees[t].value[leaf]
                                } else {
                                    for k in 0..<width { shared.value[i * width + k] += distributions[t][leaf * width + k] }
                                }
                            }
                        }
                        let scale = 1 / Double(trees.count)
                        for i in (rows.lowerBound * width)..<(rows.upperBound * width) { shared.value[i] *= scale }
                    }
                }
            }
        }
        if let linearBase {
            for (i, value) in linearBase.predictions(aligned).enumerated() { output[i] += value }
        }
        return classes.isEmpty ? Prediction(regression: output) : Prediction(classes: classes, probabilities: output)
    }

    /// Mean decrease in impurity per feature, in ``featureNames`` order: each tree's weighted
    /// impurity decreases normalized to sum to 1, averaged over trees (scikit-learn's
    /// `feature_importances_`).
    public var impurityImportance: [Double] {
        var importance = [Double](repeating: 0, count: featureNames.count)
        for tree in trees {
            var perTree = [Double](repeating: 0, count: featureNames.count)
            for (node, feature) in tree.feature.enumerated() where feature >= 0 { perTree[Int(feature)] += tree.gain[node] }
            let total = perTree.reduce(0, +)
            guard total > 0 else { continue }
            for j in perTree.indices { importance[j] += perTree[j] / total }
        }
        let sum = importance.reduce(0, +)
        return sum > 0 ? importance.map { $0 / sum } : importance
    }

    /// Total node count over all trees.
    public var nodeCount: Int { trees.reduce(0) { $0 + $1.nodeCount } }
}
