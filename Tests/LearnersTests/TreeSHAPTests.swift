import Foundation
import Tabular
import Testing

@testable import Learners

/// TreeSHAP: every row's values add up to its raw output minus the expected value, and they equal
/// the Shapley values of the definition (every coalition, the path-dependent expectation) on small
/// models; trees keep their covers through a model file.
@Suite struct TreeSHAPTests {
    /// The path-dependent expectation of one tree given the features in `known`: follow the row
    /// where the feature is known, otherwise average the children by training cover.
    static func conditional(_ tree: Tree, _ node: Int, _ row: [Double], _ known: Set<Int>, _ leaf: (Int) -> Double) -> Double {
        let f = Int(tree.feature[node])
        if f < 0 { return leaf(node) }
        let (l, r) = (Int(tree.left[node]), Int(tree.right[node]))
        if known.contains(f) {
            let x = row[f]
            let left = x.isNaN ? tree.defaultLeft[node] : x <= tree.threshold[node]
            return conditional(tree, left ? l : r, row, known, leaf)
        }
        return (tree.cover[l] * conditional(tree, l, row, known, leaf) + tree.cover[r] * conditional(tree, r, row, known, leaf)) / tree.cover[node]
    }

    /// Shapley values by their definition, over all 2^p coalitions.
    static func bruteForce(_ value: (Set<Int>) -> Double, features p: Int) -> [Double] {
        func factorial(_ n: Int) -> Double { n <= 1 ? 1 : Double(n) * factorial(n - 1) }
        var phi = [Double](repeating: 0, count: p)
        for mask in 0..<(1 << p) {
            let coalition = Set((0..<p).filter { mask & (1 << $0) != 0 })
            let weightBase = coalition.count
            for i in 0..<p where !coalition.contains(i) {
                let weight = factorial(weightBase) * factorial(p - weightBase - 1) / factorial(p)
                phi[i] += weight * (value(coalition.union([i])) - value(coalition))
            }
        }
        return phi
    }

    /// Four features, one of them with missing values, the target depending on three and their interaction.
    static func data(task: Task, rows: Int = 300) throws -> (Dataset, FeatureMatrix) {
        var generator = SeededGenerator(seed: 17)
        var columns = [[Double]](repeating: [], count: 4)
        var target: [Double] = []
        for _ in 0..<rows {
            let x = (0..<4).map { _ in Double.random(in: -1...1, using: &generator) }
            let signal = x[0] + (x[1] > 0 ? x[2] : -x[2]) + 0.3 * Double.random(in: -1...1, using: &generator)
            for j in 0..<4 { columns[j].append(j == 1 && Int.random(in: 0..<8, using: &generator) == 0 ? .nan : x[j]) }
            switch task {
            case .regression: target.append(signal)
            case .binary: target.append(signal > 0 ? 1 : 0)
            case .multiclass: target.append(signal < -0.5 ? 0 : (signal < 0.5 ? 1 : 2))
            }
        }
        let classes: [String] = task == .regression ? [] : (task == .binary ? ["no", "yes"] : ["a", "b", "c"])
        let features = try FeatureMatrix(names: ["a", "b", "c", "d"], columns: columns)
        let probe = try FeatureMatrix(names: ["a", "b", "c", "d"], columns: columns.map { Array($0.prefix(12)) })
        return (try Dataset(features: features, target: target, task: task, classes: classes), probe)
    }

    static func rows(_ probe: FeatureMatrix) -> [[Double]] {
        (0..<probe.rowCount).map { i in (0..<probe.columnCount).map { probe.values[$0 * probe.rowCount + i] } }
    }

    @Test(arguments: [Task.regression, .binary, .multiclass])
    func boostedTreesMatchTheDefinitionAndAddUp(_ task: Task) throws {
        let (training, probe) = try Self.data(task: task)
        var settings = GradientBoostedTrees()
        settings.numRound = 6
        settings.maxDepth = 4
        let model = try settings.fit(training, validation: nil, seed: 1, threads: 1)
        let explained = try model.contributions(probe, threads: 2)
        #expect(explained.outputNames.count == model.outputs)
        for (i, row) in Self.rows(probe).enumerated() {
            for k in 0..<model.outputs {
                let trees = stride(from: k, to: model.trees.count, by: model.outputs).map { model.trees[$0] }
                let raw = model.baseScores[k] + trees.reduce(0) { sum, tree in sum + Self.conditional(tree, 0, row, Set(0..<4)) { tree.value[$0] } }
                #expect(abs(explained.explainedOutput(row: i, output: k) - raw) < 1e-6, "row \(i) output \(k): values add up to the raw score")
                let exact = Self.bruteForce(
                    { known in trees.reduce(0) { sum, tree in sum + Self.conditional(tree, 0, row, known) { tree.value[$0] } } }, features: 4)
                for j in 0..<4 { #expect(abs(explained.value(row: i, output: k, feature: j) - exact[j]) < 1e-9, "row \(i) output \(k) feature \(j)") }
            }
        }
        // The expected value is the prediction with nothing known.
        let first = stride(from: 0, to: model.trees.count, by: model.outputs).map { model.trees[$0] }
        #expect(
            abs(
                explained.expected[0] - model.baseScores[0]
                    - first.reduce(0) { sum, tree in sum + Self.conditional(tree, 0, [], []) { tree.value[$0] } }) < 1e-9)
    }

    @Test(arguments: [Task.regression, .binary])
    func forestsMatchTheDefinitionAndAddUpToTheirPrediction(_ task: Task) throws {
        let (training, probe) = try Self.data(task: task)
        var forest = RandomForest()
        forest.settings.trees = 8
        forest.settings.maxDepth = 5
        let model = try forest.fit(training, validation: nil, seed: 2, threads: 1)
        let explained = try model.contributions(probe, threads: 1)
        let prediction = try model.predict(probe, threads: 1)
        let width = max(1, model.classes.count)
        for (i, row) in Self.rows(probe).enumerated() {
            for k in 0..<width {
                let predicted = model.classes.isEmpty ? prediction.values[i] : prediction.probability(row: i, class: k)
                #expect(abs(explained.explainedOutput(row: i, output: k) - predicted) < 1e-9, "row \(i) output \(k)")
                let leaf: (Int, Int) -> Double = { tree, node in
                    model.classes.isEmpty ? model.trees[tree].value[node] : model.distributions[tree][node * width + k]
                }
                let exact = Self.bruteForce(
                    { known in
                        model.trees.indices.reduce(0) { sum, t in sum + Self.conditional(model.trees[t], 0, row, known) { leaf(t, $0) } }
                            / Double(model.trees.count)
                    }, features: 4)
                for j in 0..<4 { #expect(abs(explained.value(row: i, output: k, feature: j) - exact[j]) < 1e-9) }
            }
        }
    }

    @Test func coversSurviveAModelFileAndOldFilesSayTheyCannotExplain() throws {
        let (training, probe) = try Self.data(task: .regression)
        let model = try GradientBoostedTrees().fit(training, validation: nil, seed: 1, threads: 1)
        let decoded = try ModelFile.decode(try ModelFile.encode(model, algorithm: "gbdt"), path: "m.json").model
        let again = try #require(decoded as? GradientBoostedTrees.Model)
        #expect(try again.contributions(probe, threads: 1) == model.contributions(probe, threads: 1))
        // A tree file from before covers were kept.
        let old = try JSONDecoder().decode(Tree.self, from: Data(TreeCodingTests.plainJSON.utf8))
        #expect(!old.hasCovers)
        var stripped = model
        stripped = GradientBoostedTrees.Model(
            featureNames: model.featureNames, task: model.task, classes: model.classes, objective: model.objective, baseScores: model.baseScores,
            linearBase: model.linearBase,
            outputs: model.outputs, trees: [old])
        #expect(throws: LearnersError.self) { try stripped.contributions(probe, threads: 1) }
    }
}
