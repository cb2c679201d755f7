import Tabular

/// Smoothed target statistics per label (Micci-Barreca 2001).
///
/// Notation: for label ℓ with n_ℓ training rows and target outputs summing to s_ℓ, the encoding is
/// (s_ℓ + m·p) / (n_ℓ + m), with p the overall mean (the prior) and m the smoothing. Outputs are the
/// target itself (regression), 1 for the second of two classes (binary), or one 0/1 per class.
struct TargetEncoder {
    let levels: [String]
    let encodings: [[Double]]
    let prior: [Double]
    let suffixes: [String]
    private let values: [String?]
    private let outputs: [[Double]?]
    private let smoothing: Double

    init(values: [String?], target: EncodingTarget, smoothing: Double) {
        let (suffixes, outputs) = target.encodedOutputs
        self.values = values
        self.outputs = outputs
        self.smoothing = smoothing
        self.suffixes = suffixes
        levels = Set(values.compactMap { $0 }).sorted()
        let rows = Array(values.indices)
        let fitted = Self.statistics(values: values, outputs: outputs, rows: rows, levels: levels, width: suffixes.count, smoothing: smoothing)
        encodings = fitted.encodings
        prior = fitted.prior
    }

    /// Encodings for every training row computed without the row's own fold; one array per output.
    func outOfFold(folds: Int, seed: UInt64) -> [[Double]] {
        var generator = SeededGenerator(seed: seed)
        var fold = values.indices.map { $0 % max(2, folds) }
        fold.shuffle(using: &generator)
        var result = [[Double]](repeating: [Double](repeating: 0, count: values.count), count: suffixes.count)
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
        for f in 0..<max(2, folds) {
            let training = values.indices.filter { fold[$0] != f }
            let stats = Self.statistics(values: values, outputs: outputs, rows: training, levels: levels, width: suffixes.count, smoothing: smoothing)
            for row in values.indices where fold[row] == f {
                let entry = values[row].flatMap { index[$0] }.map { stats.encodings[$0] } ?? stats.prior
                for k in suffixes.indices { result[k][row] = entry[k] }
            }
        }
        return result
    }

    private static func statistics(
        values: [String?], outputs: [[Double]?], rows: [Int], levels: [String], width: Int, smoothing: Double
    ) -> (encodings: [[Double]], prior: [Double]) {
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
        var sums = [[Double]](repeating: [Double](repeating: 0, count: width), count: levels.count)
        var counts = [Double](repeating: 0, count: levels.count)
        var total = [Double](repeating: 0, count: width)
        var labelled = 0.0
        for row in rows {
            guard let output = outputs[row] else { continue }
            labelled += 1
            for k in 0..<width { total[k] += output[k] }
            guard let level = values[row].flatMap({ index[$0] }) else { continue }
            counts[level] += 1
            for k in 0..<width { sums[level][k] += output[k] }
        }
        let prior = total.map { labelled > 0 ? $0 / labelled : 0 }
        let encodings = levels.indices.map { level in
            (0..<width).map { k in (sums[level][k] + smoothing * prior[k]) / (counts[level] + smoothing) }
        }
        return (encodings, prior)
    }
}
