import Tabular

extension GradientBoostedTrees {
    /// One training run: bins the features once, then adds trees round by round.
    struct Booster {
        let settings: GradientBoostedTrees
        let objective: Objective
        let training: Dataset
        let seed: UInt64
        let threads: Int

        mutating func run(validation: Dataset?) throws(LearnersError) -> Model {
            let features = training.features
            let n = features.rowCount
            let p = features.columnCount
            let binner = Binner(features, maxBins: min(Binner.maximumBins, settings.maxBin), seed: seed, threads: threads)
            let (bins, columnBins) = binner.binnedBothLayouts(features, threads: threads)
            let outputs = objective.outputs(classes: training.classes.count)
            let linearBase =
                settings.baseModel == "linear" ? try LinearBase.fit(features, target: training.target, weights: training.weights) : nil
            let base =
                linearBase == nil ? objective.baseScores(target: training.target, weights: training.weights, classes: training.classes.count) : [0]
            var scores = linearBase?.predictions(features) ?? Model.startingScores(base, rows: n)
            var validationScores = validation.map { linearBase?.predictions($0.features) ?? Model.startingScores(base, rows: $0.rowCount) } ?? []
            var gradients = [SIMD2<Double>](repeating: .zero, count: n)
            var rows = [Int32](repeating: 0, count: n)
            var scratch = [Int32](repeating: 0, count: n)
            var decisions = [UInt8](repeating: 0, count: n)
            let builder = HistogramBuilder(columns: p, threads: threads)
            let pool = HistogramPool(slots: builder.slotCount)
            let grower = TreeGrower(
                rules: SplitFinder.Rules(
                    lambda: settings.lambda, alpha: settings.alpha, gamma: settings.gamma, minChildWeight: settings.minChildWeight),
                maxDepth: settings.maxDepth, maxLeaves: settings.maxLeaves, lossGuided: settings.growPolicy == "lossguide",
                eta: settings.eta)
            var generator = SeededGenerator(seed: seed ^ 0x6764_6274)
            var trees: [Tree] = []
            var bestLoss = Double.infinity
            var bestRounds = 0
            let watch = validation != nil && settings.earlyStoppingRounds > 0
            let featureCount = max(1, Int((Double(p) * settings.colsampleByTree).rounded()))

            for round in 0..<settings.numRound {
                try Cancellation.check()
                var sampled = 0
                for i in 0..<n where settings.subsample >= 1 || Double.random(in: 0..<1, using: &generator) < settings.subsample {
                    rows[sampled] = Int32(i)
                    sampled += 1
                }
                if sampled == 0 {
                    rows[0] = Int32(Int.random(in: 0..<n, using: &generator))
                    sampled = 1
                }
                var chosen = Array(0..<p)
                if featureCount < p {
                    chosen.shuffle(using: &generator)
                    chosen = Array(chosen.prefix(featureCount)).sorted()
                }
                for k in 0..<outputs {
                    objective.gradients(
                        scores: scores, target: training.target, weights: training.weights, output: k, outputs: outputs,
                        positiveWeight: settings.scalePosWeight, threads: threads, into: &gradients)
                    var grown = bins.withUnsafeBufferPointer { bins in
                        columnBins.withUnsafeBufferPointer { columnBins in
                            gradients.withUnsafeBufferPointer { gradients in
                                rows.withUnsafeMutableBufferPointer { rows in
                                    scratch.withUnsafeMutableBufferPointer { scratch in
                                        decisions.withUnsafeMutableBufferPointer { decisions in
                                            // A Dataset has at least one row, so neither buffer is empty.
                                            guard let binBase = bins.baseAddress, let columnBase = columnBins.baseAddress,
                                                let gradientBase = gradients.baseAddress
                                            else {
                                                preconditionFailure("boosting over an empty dataset")
                                            }
                                            return grower.grow(
                                                bins: binBase, columnBins: columnBase, rowCount: n, binner: binner, gradients: gradientBase,
                                                rows: UnsafeMutableBufferPointer(rebasing: rows[0..<sampled]), scratch: scratch,
                                                decisions: decisions, features: chosen, builder: builder, pool: pool)
                                        }
                                    }
                                }
                            }
                        }
                    }
                    if objective == .absoluteError { refitToMedians(&grown, rows: rows, scores: scores) }
                    let tree = grown.tree
                    if sampled == n {
                        for leaf in grown.leaves {
                            let value = tree.value[leaf.node]
                            for r in leaf.rows { scores[Int(rows[r]) * outputs + k] += value }
                        }
                    } else {
                        tree.addOutputs(features, into: &scores, outputs: outputs, output: k, threads: threads)
                    }
                    if let validation {
                        tree.addOutputs(validation.features, into: &validationScores, outputs: outputs, output: k, threads: threads)
                    }
                    trees.append(tree)
                }
                if watch, let validation {
                    let prediction = objective.transform(validationScores, rows: validation.rowCount, classes: training.classes)
                    let loss = objective.validationLoss(prediction, truth: validation.target)
                    if loss < bestLoss {
                        bestLoss = loss
                        bestRounds = round + 1
                    } else if round + 1 - bestRounds >= settings.earlyStoppingRounds {
                        break
                    }
                }
            }
            let rounds = watch ? max(1, bestRounds) : trees.count / outputs
            return Model(
                featureNames: features.names, task: training.task, classes: training.classes, objective: objective,
                baseScores: base, linearBase: linearBase, outputs: outputs, trees: Array(trees.prefix(rounds * outputs)))
        }

        /// Absolute error: each leaf becomes `eta` × the weighted median residual of its rows.
        private func refitToMedians(_ grown: inout TreeGrower.Grown, rows: [Int32], scores: [Double]) {
            for leaf in grown.leaves {
                let members = rows[leaf.rows].map { Int($0) }
                let residuals = members.map { training.target[$0] - scores[$0] }
                let weights = training.weights.map { w in members.map { w[$0] } }
                grown.tree.value[leaf.node] = settings.eta * Objective.weightedMedian(residuals, weights: weights)
            }
        }
    }
}

extension Tree {
    /// Adds this tree's output for every row of `features` to `scores[i * outputs + output]`.
    func addOutputs(_ features: FeatureMatrix, into scores: inout [Double], outputs: Int, output: Int, threads: Int) {
        let n = features.rowCount
        let blockRows = 8192
        let blocks = (n + blockRows - 1) / blockRows
        features.values.withUnsafeBufferPointer { values in
            scores.withUnsafeMutableBufferPointer { scores in
                let shared = UncheckedSendable((values, scores))
                ParallelLoop.forEach(blocks, threads: blocks > 1 ? threads : 1) { block in
                    let (values, scores) = shared.value
                    for i in (block * blockRows)..<min(n, (block + 1) * blockRows) {
                        scores[i * outputs + output] += self.output(values, rowCount: n, row: i)
                    }
                }
            }
        }
    }
}
