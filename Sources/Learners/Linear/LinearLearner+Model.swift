extension LinearLearner {
    /// A fitted linear model: scores s = xW + b, turned into values, σ(s) or softmax(s).
    public struct Model: Predictor, Equatable {
        public let featureNames: [String]
        public let task: Task
        public let classes: [String]
        let outputs: Int
        /// Column-major p × outputs.
        public let coefficients: [Double]
        public let intercepts: [Double]

        public func predict(_ features: FeatureMatrix, threads: Int) throws(LearnersError) -> Prediction {
            let aligned = try features.aligned(to: featureNames)
            if let name = aligned.firstNonFiniteFeature { throw .nonFiniteFeature(name: name, learner: "the linear learner") }
            let n = aligned.rowCount
            let p = featureNames.count
            var scores = [Double](repeating: 0, count: n * outputs)
            for i in 0..<n { for c in 0..<outputs { scores[i * outputs + c] = intercepts[c] } }
            for c in 0..<outputs {
                for j in 0..<p {
                    let w = coefficients[c * p + j]
                    if w == 0 { continue }
                    let column = aligned.column(j)
                    for (i, x) in column.enumerated() { scores[i * outputs + c] += w * x }
                }
            }
            switch task {
            case .regression: return Prediction(regression: scores)
            case .binary: return Objective.logistic.transform(scores, rows: n, classes: classes)
            case .multiclass: return Objective.softmax.transform(scores, rows: n, classes: classes)
            }
        }
    }
}
