import Foundation
import Learners
import Tabular

extension ModelArtifact {
    /// How each original input column moved the saved model's output for each row: TreeSHAP values
    /// of the model's tree members, folded back from their features (one-hot levels, date parts,
    /// indicators) to the column they came from, in the model's own output space (class
    /// probabilities or the value), weighted as the ensemble weights its members.
    public struct ColumnContributions: Codable, Sendable {
        /// The training columns, in the model's order.
        public var columns: [String]
        /// "probability of yes" per class, or "value".
        public var outputs: [String]
        /// Per output: the expected output of the explained members (their weighted average, as a
        /// model of its own).
        public var expected: [Double]
        public var rowCount: Int
        /// Row-major, then output, then column; with ``expected``, they add up to the explained
        /// members' weighted average output (the model's output when every member is explained).
        public var values: [Double]
        /// The share of the model's weight whose members are explained (tree members only).
        public var explainedWeight: Double
        /// Members left out (no TreeSHAP for their algorithm), in words.
        public var leftOut: [String]
        /// Whether a member's raw scores (log-odds, softmax scores, a transformed target) were
        /// rescaled into the output space, which keeps the values adding up but is not exact SHAP
        /// of the probabilities.
        public var rescaled: Bool

        public func value(row: Int, output: Int, column: Int) -> Double {
            values[(row * outputs.count + output) * columns.count + column]
        }
    }

    /// Path steps a second TreeSHAP gets through on one thread, measured: 1,000 rows of a 100-tree,
    /// depth-6 model (2.3·10⁸ steps) took 0.66–0.8 s in `explain-benchmark.sh`; taken low, so
    /// estimates err long.
    public static let shapStepsPerSecond = 2.0e8

    /// The seconds TreeSHAP of `rows` rows would take on `threads` threads (tree members only).
    public func contributionSeconds(rows: Int, threads: Int) -> Double {
        let steps = members.compactMap { ($0.learner as? any ContributionExplaining)?.contributionStepsPerRow }.reduce(0, +)
        return steps * Double(rows) / (Self.shapStepsPerSecond * Double(max(1, min(threads, rows))))
    }

    /// The contributions for every row of `table`, or nil when no member is a tree model.
    /// - Throws: ``AutoMLError/schemaMismatch(file:reason:)`` for a table the model cannot read;
    ///   ``LearnersError`` for a tree model saved without covers.
    public func columnContributions(_ table: Table, file: String, threads: Int) throws -> ColumnContributions? {
        let columns = manifest.columns.map(\.name)
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        let width = max(1, manifest.classes.count)
        let n = table.rowCount
        var values = [Double](repeating: 0, count: n * width * columns.count)
        var expected = [Double](repeating: 0, count: width)
        var explainedWeight = 0.0
        var leftOut: [String] = []
        var rescaled = false
        for (info, member) in zip(manifest.memberList, members) {
            guard let explainer = member.learner as? any ContributionExplaining else {
                leftOut.append("\(info.algorithm) (weight \(NumberFormat.short(info.weight)))")
                continue
            }
            let features: FeatureMatrix
            do {
                features = try FeatureMatrix(try member.pipeline.transform(table))
            } catch {
                throw AutoMLError.schemaMismatch(file: file, reason: error.errorDescription ?? "\(error)")
            }
            let raw = try explainer.contributions(features, threads: threads)
            let output = member.targetTransform.invert(try member.learner.predict(features, threads: threads))
            // Feature → original column, through the pipeline's record of what each column made.
            var owner: [Int] = []
            let byFeature = Dictionary(
                member.pipeline.columns.flatMap { fitted in fitted.outputNames.map { ($0, fitted.column) } }, uniquingKeysWith: { a, _ in a })
            for name in raw.featureNames { owner.append(byFeature[name].flatMap { columnIndex[$0] } ?? -1) }
            let (memberValues, memberExpected, wasRescaled) = Self.inOutputSpace(raw, output: output, width: width, transform: member.targetTransform)
            rescaled = rescaled || wasRescaled
            let p = raw.featureNames.count
            for row in 0..<n {
                for k in 0..<width {
                    for j in 0..<p where owner[j] >= 0 {
                        values[(row * width + k) * columns.count + owner[j]] += info.weight * memberValues[(row * width + k) * p + j]
                    }
                }
            }
            for k in 0..<width { expected[k] += info.weight * memberExpected[k] }
            explainedWeight += info.weight
        }
        guard explainedWeight > 0 else { return nil }
        if explainedWeight < 1 - 1e-12 {
            // The tree members' weighted average, as a model of its own.
            for i in values.indices { values[i] /= explainedWeight }
            for k in expected.indices { expected[k] /= explainedWeight }
        }
        let outputs = manifest.classes.isEmpty ? ["value"] : manifest.classes.map { "probability of \($0)" }
        return ColumnContributions(
            columns: columns, outputs: outputs, expected: expected, rowCount: n, values: values, explainedWeight: explainedWeight,
            leftOut: leftOut, rescaled: rescaled)
    }

    /// A member's contributions in the model's output space (row-major, output, feature) and its
    /// expected output there. Raw scores that are not the output (a boosted classifier's log-odds
    /// or softmax scores, a log-transformed target) are rescaled per row and output by
    /// (output − expected output) / (raw − expected raw), which keeps them adding up to the output.
    static func inOutputSpace(
        _ raw: FeatureContributions, output: Prediction, width: Int, transform: FittedTargetTransform?
    ) -> (values: [Double], expected: [Double], rescaled: Bool) {
        let n = raw.rowCount
        let p = raw.featureNames.count
        let rawOutputs = raw.outputNames.count
        func finalOutputs(_ scores: [Double]) -> [Double] {
            // The output the model gives for these raw scores.
            if width == 1 {
                let value = scores[0]
                guard let transform, transform.transform == .log else { return [value] }
                return [Foundation.expm1(Swift.min(transform.upper, Swift.max(transform.lower, value)))]
            }
            if rawOutputs == 1 {
                let p1 = 1 / (1 + Foundation.exp(-scores[0]))
                return [1 - p1, p1]
            }
            let top = scores.max() ?? 0
            let exps = scores.map { Foundation.exp($0 - top) }
            let sum = exps.reduce(0, +)
            return exps.map { $0 / sum }
        }
        let isAlready =
            rawOutputs == width && (width > 1 ? raw.outputNames.allSatisfy { $0.hasPrefix("probability of") } : (transform?.transform != .log))
        if isAlready { return (raw.values, raw.expected, false) }
        let expectedOutput = finalOutputs(raw.expected)
        var values = [Double](repeating: 0, count: n * width * p)
        for row in 0..<n {
            let rawScores = (0..<rawOutputs).map { raw.explainedOutput(row: row, output: $0) }
            let rowOutput = width == 1 ? [output.values[row]] : (0..<width).map { output.probability(row: row, class: $0) }
            for k in 0..<width {
                // Which raw output drives output k: the one logit of a binary model (negated for class 0).
                let source = rawOutputs == 1 ? 0 : k
                let sign = rawOutputs == 1 && width == 2 && k == 0 ? -1.0 : 1.0
                let rawChange = rawScores[source] - raw.expected[source]
                let change = rowOutput[k] - expectedOutput[k]
                let scale = abs(rawChange) > 1e-12 ? change / (sign * rawChange) : 0
                for j in 0..<p { values[(row * width + k) * p + j] = sign * raw.value(row: row, output: source, feature: j) * scale }
            }
        }
        return (values, expectedOutput, true)
    }
}
