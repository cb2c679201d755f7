import ArgumentParser
import Foundation

/// A size in bytes as an option value: a whole number, optionally with KB, MB or GB (powers of
/// 1,024), e.g. `6MB`.
struct ByteCount: ExpressibleByArgument, Sendable {
    var bytes: Int

    /// At most 1 GB: a request body is held in memory whole.
    static let largest = 1 << 30

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Int)] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)]
        let (digits, scale) = units.first { text.hasSuffix($0.0) }.map { (String(text.dropLast($0.0.count)), $0.1) } ?? (text, 1)
        guard let count = Int(digits.trimmingCharacters(in: .whitespaces)), count > 0 else { return nil }
        let (product, overflow) = count.multipliedReportingOverflow(by: scale)
        guard !overflow, product <= Self.largest else { return nil }
        self.bytes = product
    }

    static var defaultValueDescription: String { "6MB" }
}
