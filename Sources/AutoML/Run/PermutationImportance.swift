import Foundation
import Learners
import Tabular

/// Permutation feature importance (Breiman 2001; Fisher, Rudin and Dominici 2019): how much a
/// model's score worsens when one input column's values are shuffled across rows, breaking its
/// link to the target while keeping its distribution. Works for any model, ensembles included, on
/// original columns (the whole pipeline sees the shuffled column).
public struct PermutationImportance: Codable, Sendable {
    /// One column's importance.
    public struct Entry: Codable, Sendable, Equatable {
        public var column: String
        /// The mean worsening of the metric over repeats (positive: the model needs the column).
        public var mean: Double
        public var standardDeviation: Double

        public init(column: String, mean: Double, standardDeviation: Double) {
            self.column = column
            self.mean = mean
            self.standardDeviation = standardDeviation
        }
    }

    public init(metric: Metric, baseline: Double, entries: [Entry], repeats: Int, rows: Int) {
        self.metric = metric
        self.baseline = baseline
        self.entries = entries
        self.repeats = repeats
        self.rows = rows
    }

    public var metric: Metric
    /// The metric on the rows as they are.
    public var baseline: Double
    /// Most important first.
    public var entries: [Entry]
    public var repeats: Int
    public var rows: Int

    /// Rows to shuffle in, with their truth and the model that predicts them (one part for held-out
    /// rows; one per fold, each with the model fitted without it, for out-of-fold rows).
    public struct Part {
        public var table: Table
        public var truth: [Double]
        /// The rows' sample weights in the metric (nil: unweighted).
        public var weights: [Double]?
        public var predict: (Table) throws -> Prediction

        public init(table: Table, truth: [Double], weights: [Double]? = nil, predict: @escaping (Table) throws -> Prediction) {
            self.table = table
            self.truth = truth
            self.weights = weights
            self.predict = predict
        }
    }

    /// Shuffles each column of `table` `repeats` times (fixed seed) and scores `predict` on it.
    /// - Parameters:
    ///   - predict: the model's predictions for a table (labelled at its decision threshold).
    ///   - deadline: stop when it passes (fewer repeats; columns never shuffled are left out of
    ///     ``entries``); nil: no limit.
    /// - Throws: what `predict` throws.
    public static func compute(
        table: Table, columns: [String], truth: [Double], metric: Metric, repeats: Int, seed: UInt64, deadline: Date? = nil,
        predict: @escaping (Table) throws -> Prediction
    ) throws -> PermutationImportance {
        try compute(
            parts: [Part(table: table, truth: truth, predict: predict)], columns: columns, metric: metric, repeats: repeats, seed: seed,
            deadline: deadline)
    }

    /// The same over several parts: each shuffle is made within every part, and its worsening is
    /// the mean over the parts (each scored by its own model).
    public static func compute(
        parts: [Part], columns: [String], metric: Metric, repeats: Int, seed: UInt64, deadline: Date? = nil
    ) throws -> PermutationImportance {
        var baselines: [Double] = []
        for part in parts { baselines.append(metric.evaluate(try part.predict(part.table), truth: part.truth, weights: part.weights)) }
        let baseline = baselines.reduce(0, +) / Double(max(1, parts.count))
        var generator = SeededGenerator(seed: seed)
        var drops: [String: [Double]] = [:]
        var done = 0
        repeats: for _ in 0..<repeats {
            for name in columns {
                if let deadline, Date() > deadline { break repeats }
                var total = 0.0
                var counted = 0
                for (part, partBaseline) in zip(parts, baselines) {
                    guard let index = part.table.columnIndex(named: name) else { continue }
                    var order = Array(0..<part.table.rowCount)
                    order.shuffle(using: &generator)
                    var shuffled = part.table.columns
                    shuffled[index] = part.table.columns[index].selecting(rows: order)
                    let score = metric.evaluate(try part.predict(Table(columns: shuffled)), truth: part.truth, weights: part.weights)
                    total += metric.higherIsBetter ? partBaseline - score : score - partBaseline
                    counted += 1
                }
                if counted > 0 { drops[name, default: []].append(total / Double(counted)) }
            }
            done += 1
        }
        let entries = columns.compactMap { name -> Entry? in
            guard let values = drops[name], !values.isEmpty else { return nil }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1) : 0
            return Entry(column: name, mean: mean, standardDeviation: variance.squareRoot())
        }.sorted { ($0.mean, $1.column) > ($1.mean, $0.column) }
        return PermutationImportance(
            metric: metric, baseline: baseline, entries: entries, repeats: done, rows: parts.reduce(0) { $0 + $1.table.rowCount })
    }
}
