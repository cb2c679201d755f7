/// Row splits of a table: holdout and k-fold, optionally stratified on a column.
extension Table {
    /// A seeded train/test split; with `stratifyOn`, the column's classes keep their proportions.
    public func split(testFraction: Double, seed: UInt64, stratifyOn column: String? = nil) throws(TabularError) -> (training: Table, test: Table) {
        let strata = try column.map { name throws(TabularError) in try self.column(named: name).strata() }
        let fold = try RowPartition.holdout(count: rowCount, testFraction: testFraction, seed: seed, strata: strata)
        return (selecting(rows: fold.training), selecting(rows: fold.validation))
    }

    /// Seeded k-fold row partitions; with `stratifyOn`, stratified k-fold.
    public func folds(_ k: Int, seed: UInt64, stratifyOn column: String? = nil) throws(TabularError) -> [RowPartition.Fold] {
        if let column {
            return try RowPartition.stratifiedKFold(strata: try self.column(named: column).strata(), k: k, seed: seed)
        }
        return try RowPartition.kFold(count: rowCount, k: k, seed: seed)
    }
}

extension Column {
    /// One integer class per row for stratification: the label's code, or the distinct number's
    /// rank; missing values form their own class (-1).
    public func strata() -> [Int] {
        if isNumeric {
            let values = numbers
            let ranks = Dictionary(uniqueKeysWithValues: Set(values.filter { !$0.isNaN }).sorted().enumerated().map { ($1, $0) })
            return values.map { $0.isNaN ? -1 : ranks[$0] ?? -1 }
        }
        return codes.map { $0 == Column.missingCode ? -1 : Int($0) }
    }
}
