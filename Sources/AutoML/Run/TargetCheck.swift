import Learners
import Tabular

/// The checks a target column must pass before anything is trained: present in some rows, not
/// constant, not an identifier, with enough rows to evaluate.
enum TargetCheck {
    /// The rows whose target is present, and how many were dropped.
    /// - Throws: ``AutoMLError/unusableTarget(file:column:reason:)`` when the target is absent or all missing.
    static func usableRows(_ table: Table, target: String, file: String) throws -> (Table, Int) {
        guard let index = table.columnIndex(named: target) else {
            let names = table.columnNames.prefix(20).joined(separator: ", ")
            throw AutoMLError.unusableTarget(file: file, column: target, reason: "is not in the file (columns: \(names)); check --target")
        }
        let column = table.columns[index]
        let present = (0..<table.rowCount).filter { !column.isMissing(at: $0) }
        guard !present.isEmpty else { throw AutoMLError.unusableTarget(file: file, column: target, reason: "is missing in every row") }
        if present.count == table.rowCount { return (table, 0) }
        return (table.selecting(rows: present), table.rowCount - present.count)
    }

    /// Refuses a target with one value.
    static func checkNotConstant(_ table: Table, target: String, file: String) throws {
        let column = try table.column(named: target)
        var first: String?
        for row in 0..<column.count {
            guard let text = column.text(at: row) else { continue }
            if first == nil { first = text } else if text != first { return }
        }
        throw AutoMLError.unusableTarget(
            file: file, column: target, reason: "has one value (\(first ?? "")) in every row, so there is nothing to learn; choose another target")
    }

    /// Refuses an identifier, or too few rows to evaluate.
    static func checkTarget(_ table: Table, target: String, task: Task, exploration: Exploration, file: String) throws {
        let column = try table.column(named: target)
        let distinct = Set((0..<column.count).compactMap { column.text(at: $0) })
        if column.type == .identifier || (task.isClassification && distinct.count == table.rowCount && table.rowCount > 20) {
            throw AutoMLError.unusableTarget(
                file: file, column: target,
                reason: "has a different value in every row, like an identifier; a target must repeat (choose the column to predict)")
        }
        let folds: Int
        switch EvaluationProtocol.choose(rows: table.rowCount) {
        case .crossValidation(let k): folds = k
        case .holdout: folds = 2
        }
        if table.rowCount < folds * 2 {
            throw AutoMLError.unusableTarget(
                file: file, column: target,
                reason: "has only \(table.rowCount) rows with a value; at least \(folds * 2) are needed for \(folds)-fold cross-validation")
        }
    }
}
