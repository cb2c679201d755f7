import Testing

@testable import Tabular

@Suite struct RowPartitionTests {
    @Test func holdoutHasTheRequestedSizeAndIsSeeded() throws {
        let a = try RowPartition.holdout(count: 100, testFraction: 0.2, seed: 7)
        #expect(a.validation.count == 20)
        #expect(Set(a.training).union(a.validation) == Set(0..<100))
        #expect(try RowPartition.holdout(count: 100, testFraction: 0.2, seed: 7) == a)
        #expect(try RowPartition.holdout(count: 100, testFraction: 0.2, seed: 8) != a)
    }

    @Test func stratifiedHoldoutKeepsProportions() throws {
        let strata = (0..<1000).map { $0 < 100 ? 1 : 0 }  // 10% positive
        let fold = try RowPartition.holdout(count: 1000, testFraction: 0.2, seed: 1, strata: strata)
        #expect(fold.validation.count == 200)
        #expect(fold.validation.filter { strata[$0] == 1 }.count == 20)
    }

    @Test func kFoldValidatesEveryRowOnce() throws {
        let folds = try RowPartition.kFold(count: 103, k: 5, seed: 3)
        #expect(folds.count == 5)
        #expect(folds.flatMap(\.validation).sorted() == Array(0..<103))
        #expect(folds.allSatisfy { $0.validation.count == 20 || $0.validation.count == 21 })
        for fold in folds { #expect(Set(fold.training).isDisjoint(with: fold.validation)) }
    }

    @Test func stratifiedKFoldSpreadsEachClass() throws {
        let strata = (0..<90).map { $0 % 3 == 0 ? 2 : ($0 % 3 == 1 ? 0 : 1) } + [5, 5, 5, 5, 5]
        let folds = try RowPartition.stratifiedKFold(strata: strata, k: 5, seed: 11)
        #expect(folds.flatMap(\.validation).sorted() == Array(0..<95))
        for fold in folds {
            for stratum in [0, 1, 2] { #expect(fold.validation.filter { strata[$0] == stratum }.count == 6) }
            #expect(fold.validation.filter { strata[$0] == 5 }.count == 1)
        }
    }

    @Test func badFoldRequestsThrowClearly() {
        #expect(throws: TabularError.self) { try RowPartition.kFold(count: 10, k: 1, seed: 0) }
        #expect(throws: TabularError.invalidSplit(reason: "5 folds need at least 5 rows, but there are 3. Use fewer folds.")) {
            try RowPartition.kFold(count: 3, k: 5, seed: 0)
        }
        #expect(throws: TabularError.self) { try RowPartition.holdout(count: 10, testFraction: 1.5, seed: 0) }
        #expect(throws: TabularError.self) { try RowPartition.holdout(count: 1, testFraction: 0.5, seed: 0) }
    }

    @Test func tableSplitsAndViewsShareStorage() throws {
        let text = "y,x\n" + (0..<50).map { "\($0 % 2 == 0 ? "a" : "b"),\($0)" }.joined(separator: "\n") + "\n"
        let table = try readCSV(text).table
        let (training, test) = try table.split(testFraction: 0.2, seed: 5, stratifyOn: "y")
        #expect(training.rowCount == 40 && test.rowCount == 10)
        #expect(try test.column(named: "y").codes.filter { $0 == 0 }.count == 5)
        let view = test.selecting(rows: [1, 0])
        let original = try test.column(named: "x").numbers
        #expect(try view.column(named: "x").numbers == [original[1], original[0]])
        let folds = try table.folds(5, seed: 2, stratifyOn: "y")
        #expect(folds.count == 5)
    }

    @Test func selectingAndRemovingColumns() throws {
        let table = try readCSV("a,b,c\n1,x,2\n3,y,4\n").table
        #expect(try table.selecting(columns: ["c", "a"]).columnNames == ["c", "a"])
        #expect(table.removing(columns: ["b", "absent"]).columnNames == ["a", "c"])
        #expect(throws: TabularError.columnNotFound(name: "d", closest: ["a", "b", "c"])) {
            try table.selecting(columns: ["a", "d"])
        }
    }
}
