import Foundation
import Tabular

/// Row weights from a column of the data (`automl run --sample-weight COL`, Autopilot's
/// `SampleWeightAttributeName`): the column is taken out of the features, and rows whose weight is
/// negative, missing or not a number are excluded and counted.
public struct SampleWeights: Codable, Sendable, Equatable {
    /// The column the weights came from.
    public var column: String
    /// Rows excluded for a negative, a missing or a non-numeric weight.
    public var negative: Int
    public var missing: Int
    public var nonNumeric: Int
    /// Rows kept with weight 0 (they count in no fit and no score).
    public var zero: Int
    /// The weights of the kept rows, in row order (not stored: reports need only the counts).
    public var values: [Double] = []

    private enum CodingKeys: String, CodingKey { case column, negative, missing, nonNumeric, zero }

    public var excluded: Int { negative + missing + nonNumeric }

    /// The warning for the excluded rows (nil when none were).
    public func warning(file: String) -> String? {
        guard excluded > 0 else { return nil }
        let parts = [(negative, "negative"), (missing, "missing"), (nonNumeric, "not a number")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return
            "\(file): excluded \(excluded) row\(excluded == 1 ? "" : "s") whose sample weight in '\(column)' is unusable (\(parts.joined(separator: ", "))); "
            + "give every row a number ≥ 0 to keep it"
    }

    /// One sentence for reports.
    public var summary: String {
        var text = "Rows are weighted by the column '\(column)' (not a feature): in every fit, score, ensemble choice and threshold"
        if excluded > 0 { text += "; \(excluded) rows with a negative, missing or non-numeric weight were excluded" }
        if zero > 0 { text += "; \(zero) rows have weight 0" }
        return text + "."
    }

    /// `table` without the weight column and without the rows whose weight is unusable, and the
    /// weights of the rows kept.
    /// - Throws: ``AutoMLError/invalidSetting(name:reason:)`` when the column is absent, is the
    ///   target, holds dates, or leaves no row with a positive weight.
    public static func split(_ table: Table, column name: String, target: String, file: String) throws -> (table: Table, weights: SampleWeights) {
        guard name != target else {
            throw AutoMLError.invalidSetting(name: "--sample-weight", reason: "'\(name)' is the target; name a column of row weights")
        }
        guard let index = table.columnIndex(named: name) else {
            let names = table.columnNames.prefix(20).joined(separator: ", ")
            throw AutoMLError.invalidSetting(name: "--sample-weight", reason: "\(file) has no column '\(name)' (columns: \(names))")
        }
        let column = table.columns[index]
        guard column.type != .datetime else {
            throw AutoMLError.invalidSetting(name: "--sample-weight", reason: "'\(name)' in \(file) holds dates; row weights are numbers ≥ 0")
        }
        var weights = SampleWeights(column: name, negative: 0, missing: 0, nonNumeric: 0, zero: 0)
        var kept: [Int] = []
        var values: [Double] = []
        kept.reserveCapacity(table.rowCount)
        values.reserveCapacity(table.rowCount)
        let numbers = column.isNumeric ? column.numbers : nil
        for row in 0..<table.rowCount {
            let value: Double
            if let numbers {
                guard !numbers[row].isNaN else {
                    weights.missing += 1
                    continue
                }
                value = numbers[row]
            } else {
                guard let text = column.text(at: row) else {
                    weights.missing += 1
                    continue
                }
                guard let parsed = Double(text.trimmingCharacters(in: .whitespaces)), parsed.isFinite else {
                    weights.nonNumeric += 1
                    continue
                }
                value = parsed
            }
            guard value.isFinite else {
                weights.nonNumeric += 1
                continue
            }
            guard value >= 0 else {
                weights.negative += 1
                continue
            }
            if value == 0 { weights.zero += 1 }
            kept.append(row)
            values.append(value)
        }
        guard values.contains(where: { $0 > 0 }) else {
            throw AutoMLError.invalidSetting(
                name: "--sample-weight",
                reason:
                    "no row of \(file) has a positive weight in '\(name)' (\(weights.excluded) unusable, \(weights.zero) zero); at least one row must count"
            )
        }
        weights.values = values
        let rest = table.removing(columns: [name])
        return (kept.count == table.rowCount ? rest : rest.selecting(rows: kept), weights)
    }
}
