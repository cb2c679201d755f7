import AutoML
import Foundation
import Learners
import Tabular
import Testing

/// Permutation importance: a column the model ignores costs nothing to shuffle; the one it uses
/// does; the deadline cuts the work short and says so by what it returns.
@Suite struct PermutationImportanceTests {
    static func table() throws -> (Table, [Double]) {
        let a = (0..<200).map { Double($0 % 2) }
        let b = (0..<200).map { Double($0 % 7) }
        let csv = "a,b\n" + zip(a, b).map { "\(Int($0)),\(Int($1))" }.joined(separator: "\n") + "\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("permutation-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return (try CSVReader().read(url.path).table, a)
    }

    /// Predicts class 1 exactly when `a` is 1, ignoring `b`.
    static func predict(_ table: Table) throws -> Prediction {
        let a = try table.column(named: "a").numbers
        return Prediction(classes: ["0", "1"], probabilities: a.flatMap { $0 == 1 ? [0.1, 0.9] : [0.9, 0.1] })
    }

    @Test func anIgnoredColumnCostsNothingAndAUsedOneDoes() throws {
        let (table, truth) = try Self.table()
        let importance = try PermutationImportance.compute(
            table: table, columns: ["a", "b"], truth: truth, metric: .accuracy, repeats: 4, seed: 1, predict: Self.predict)
        #expect(importance.baseline == 1 && importance.repeats == 4 && importance.rows == 200)
        #expect(importance.entries.map(\.column) == ["a", "b"])
        #expect(importance.entries[1].mean == 0 && importance.entries[1].standardDeviation == 0)
        // Shuffling a coin-like column leaves about half the rows right.
        #expect(importance.entries[0].mean > 0.3 && importance.entries[0].mean < 0.7)
    }

    @Test func aPassedDeadlineLeavesColumnsOut() throws {
        let (table, truth) = try Self.table()
        let importance = try PermutationImportance.compute(
            table: table, columns: ["a", "b"], truth: truth, metric: .accuracy, repeats: 4, seed: 1, deadline: Date.distantPast, predict: Self.predict
        )
        #expect(importance.entries.isEmpty && importance.repeats == 0)
    }
}
