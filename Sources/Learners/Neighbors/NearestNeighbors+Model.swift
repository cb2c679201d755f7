extension NearestNeighbors {
    /// A fitted k-NN model: the training rows themselves, with their targets.
    public struct Model: Predictor, Equatable {
        public let featureNames: [String]
        public let task: Task
        public let classes: [String]
        let k: Int
        let distanceWeighted: Bool
        let rowCount: Int
        /// Training features, column-major.
        let features: PackedDoubles
        /// Class index or value per training row.
        let target: PackedDoubles
        let weights: PackedDoubles?

        public func predict(_ input: FeatureMatrix, threads: Int) throws(LearnersError) -> Prediction {
            let aligned = try input.aligned(to: featureNames)
            if let name = aligned.firstNonFiniteFeature { throw .nonFiniteFeature(name: name, learner: NearestNeighbors.name) }
            let m = aligned.rowCount
            guard m > 0 else {
                return classes.isEmpty ? Prediction(regression: []) : Prediction(classes: classes, probabilities: [])
            }
            let token = CancellationToken.current
            let (indices, distances) = features.values.withUnsafeBufferPointer { training in
                aligned.values.withUnsafeBufferPointer { queries in
                    NeighborSearch(training: training.baseAddress.unsafelyUnwrapped, rowCount: rowCount, columns: featureNames.count, k: k)
                        .nearest(queries.baseAddress.unsafelyUnwrapped, queryCount: m, threads: threads, token: token)
                }
            }
            try Cancellation.check()
            let width = max(1, classes.count)
            var output = [Double](repeating: 0, count: m * width)
            var votes = [Double](repeating: 0, count: k)
            for q in 0..<m {
                neighbourWeights(distances: distances[(q * k)..<((q + 1) * k)], indices: indices[(q * k)..<((q + 1) * k)], into: &votes)
                let total = votes.reduce(0, +)
                for slot in 0..<k {
                    let row = Int(indices[q * k + slot])
                    let share = total > 0 ? votes[slot] / total : 1 / Double(k)
                    if classes.isEmpty {
                        output[q] += share * target.values[row]
                    } else {
                        output[q * width + Int(target.values[row])] += share
                    }
                }
            }
            return classes.isEmpty ? Prediction(regression: output) : Prediction(classes: classes, probabilities: output)
        }

        /// Each neighbour's vote: 1 or 1/d (rows at distance 0, if any, share the whole vote),
        /// times its sample weight.
        private func neighbourWeights(distances: ArraySlice<Double>, indices: ArraySlice<Int32>, into votes: inout [Double]) {
            let exact = distanceWeighted && distances.contains(0)
            for (slot, (d, row)) in zip(distances, indices).enumerated() {
                let base: Double
                if !distanceWeighted {
                    base = 1
                } else if exact {
                    base = d == 0 ? 1 : 0
                } else {
                    base = 1 / d.squareRoot()
                }
                votes[slot] = base * (weights?.values[Int(row)] ?? 1)
            }
        }
    }
}
