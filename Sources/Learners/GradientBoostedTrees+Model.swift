extension GradientBoostedTrees {
    /// A fitted boosted-tree ensemble: raw score = base score + Σ tree outputs, turned into values
    /// or probabilities by the objective.
    public struct Model: Predictor, Equatable {
        public let featureNames: [String]
        public let task: Task
        public let classes: [String]
        public let objective: Objective
        let baseScores: [Double]
        /// Raw scores per row (the class count for softmax, else 1).
        let outputs: Int
        /// Round-major: round r's tree for output k is `trees[r * outputs + k]`.
        let trees: [Tree]

        /// Boosting rounds kept (after early stopping, the best round).
        public var rounds: Int { trees.count / max(1, outputs) }

        public func predict(_ features: FeatureMatrix, threads: Int) throws(LearnersError) -> Prediction {
            let aligned = try features.aligned(to: featureNames)
            let n = aligned.rowCount
            var scores = Self.startingScores(baseScores, rows: n)
            for (t, tree) in trees.enumerated() {
                tree.addOutputs(aligned, into: &scores, outputs: outputs, output: t % outputs, threads: threads)
            }
            return objective.transform(scores, rows: n, classes: classes)
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
