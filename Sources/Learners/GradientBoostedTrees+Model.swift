import Tabular

extension GradientBoostedTrees {
    /// A fitted boosted-tree ensemble: raw score = base score + Σ tree outputs, turned into values
    /// or probabilities by the objective.
    public struct Model: Predictor, Equatable {
        public let featureNames: [String]
        public let task: Task
        public let classes: [String]
        public let objective: Objective
        let baseScores: [Double]
        /// The linear regression the trees start from (`base_model` = linear), else nil; absent in
        /// models saved before it existed.
        let linearBase: LinearBase?
        /// Raw scores per row (the class count for softmax, else 1).
        let outputs: Int
        /// Round-major: round r's tree for output k is `trees[r * outputs + k]`.
        let trees: [Tree]

        /// Boosting rounds kept (after early stopping, the best round).
        public var rounds: Int { trees.count / max(1, outputs) }

        public func predict(_ features: FeatureMatrix, threads: Int) throws(LearnersError) -> Prediction {
            let aligned = try features.aligned(to: featureNames)
            let n = aligned.rowCount
            var scores = linearBase?.predictions(aligned) ?? Self.startingScores(baseScores, rows: n)
            addTreeOutputs(aligned, into: &scores, threads: threads)
            return objective.transform(scores, rows: n, classes: classes)
        }

        /// Adds every tree's output to `scores` (row-major, `outputs` per row), rows in blocks
        /// spread over `threads`, every tree over one block before the next block, so a block's
        /// feature values stay in cache. Each row sums its trees in round order, as boosting did.
        /// The trees are read in place: copying a `Tree` out of the array retains its eight
        /// buffers, which was a fifth of a one-row request's time when serving (perf, 2026-12-07).
        private func addTreeOutputs(_ features: FeatureMatrix, into scores: inout [Double], threads: Int) {
            let n = features.rowCount
            let blockRows = 1024
            let blocks = (n + blockRows - 1) / blockRows
            let outputs = self.outputs
            features.values.withUnsafeBufferPointer { values in
                scores.withUnsafeMutableBufferPointer { scores in
                    trees.withUnsafeBufferPointer { trees in
                        let shared = UncheckedSendable((values, scores, trees))
                        ParallelLoop.forEach(blocks, threads: threads) { block in
                            let (values, scores, trees) = shared.value
                            let rows = (block * blockRows)..<min(n, (block + 1) * blockRows)
                            for t in trees.indices {
                                let output = t % outputs
                                for i in rows { scores[i * outputs + output] += trees[t].output(values, rowCount: n, row: i) }
                            }
                        }
                    }
                }
            }
        }

        /// Every row's raw scores before any tree: the base scores, row-major.
        static func startingScores(_ base: [Double], rows: Int) -> [Double] {
            Array((0..<rows).map { _ in base }.joined())
        }

        /// Total split gain per feature, in ``featureNames`` order.
        public var gainImportance: [Double] {
            var gains = [Double](repeating: 0, count: featureNames.count)
            for tree in trees {
                for (node, feature) in tree.feature.enumerated() where feature >= 0 { gains[Int(feature)] += tree.gain[node] }
            }
            return gains
        }

        /// Number of splits per feature, in ``featureNames`` order.
        public var splitCounts: [Int] {
            var counts = [Int](repeating: 0, count: featureNames.count)
            for tree in trees {
                for feature in tree.feature where feature >= 0 { counts[Int(feature)] += 1 }
            }
            return counts
        }
    }
}
