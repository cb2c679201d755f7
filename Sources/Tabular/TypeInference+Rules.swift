import Foundation

/// The rules that give a parsed column its ``ColumnType``, each leaving a reason a reader can check.
extension TypeInference {
    /// Below this many non-missing values a column is never called identifier or free text.
    static let minimumRowsForRoles = 20

    /// Types a column whose every non-missing field was an ISO 8601 date (parsed while reading).
    static func isoDateColumn(name: String, seconds: [Double], hasTime: Bool) -> Column {
        let what = hasTime ? "date-times" : "dates"
        return Column(
            name: name, type: .datetime, storage: .numeric(seconds),
            inference: TypeInference(
                reason: "every value reads as \(what) in \(DateTimeFormat.isoDate.rawValue) layout", numericShare: nil, markersKeptAsCategories: []),
            dateTime: DateTimeInfo(format: .isoDate, hasTime: hasTime))
    }

    /// Types a column whose every non-missing field was a number.
    static func numericColumn(name: String, values: [Double], integral: Bool) -> Column {
        func make(_ type: ColumnType, _ reason: String, labels: [String]? = nil) -> Column {
            Column(
                name: name, type: type, storage: .numeric(values),
                inference: TypeInference(reason: reason, numericShare: nil, markersKeptAsCategories: []),
                booleanLabels: labels)
        }
        guard integral else {
            // Only the range: one branch-free pass (NaN fails both comparisons). Measured reason:
            // the full pass below was 3% of profiling the 1M × 50 file, all of it real columns.
            var minimum = Double.infinity
            var maximum = -Double.infinity
            values.withUnsafeBufferPointer { values in
                for value in values {
                    minimum = value < minimum ? value : minimum
                    maximum = value > maximum ? value : maximum
                }
            }
            if minimum > maximum { return make(.real, "every value is missing") }
            return make(.real, "numbers with decimals, from \(short(minimum)) to \(short(maximum))")
        }
        var nonMissing = 0
        var minimum = Double.infinity
        var maximum = -Double.infinity
        var onlyZeroOne = true
        var sawZero = false
        var sawOne = false
        for value in values where !value.isNaN {
            nonMissing += 1
            minimum = min(minimum, value)
            maximum = max(maximum, value)
            if value == 0 { sawZero = true } else if value == 1 { sawOne = true } else { onlyZeroOne = false }
        }
        if nonMissing == 0 { return make(.real, "every value is missing") }
        if onlyZeroOne && sawZero && sawOne {
            return make(.boolean, "whole numbers taking only the values 0 and 1", labels: ["0", "1"])
        }
        if nonMissing == values.count, nonMissing >= minimumRowsForRoles {
            let consecutive = maximum - minimum == Double(nonMissing - 1)
            let hinted = nameSuggestsIdentifier(name)
            if (consecutive || hinted) && allDistinct(values, minimum: minimum, consecutive: consecutive) {
                let why =
                    consecutive
                    ? "the \(nonMissing) whole numbers are all distinct and run from \(short(minimum)) to \(short(maximum)) without gaps (a row number)"
                    : "the \(nonMissing) whole numbers are all distinct and the name '\(name)' reads as a key"
                return make(.identifier, why + " -> identifier")
            }
        }
        if nonMissing >= minimumRowsForRoles, let distinct = fewDistinct(values, limit: maximumCodeLevels), distinct.count >= 2 {
            return codedCategorical(name: name, values: values, distinct: distinct)
        }
        return make(.integer, "whole numbers from \(short(minimum)) to \(short(maximum))")
    }

    /// At most this many distinct whole numbers make an integer column categorical (codes such as
    /// a passenger class 1/2/3); more are read as counts or measurements.
    static let maximumCodeLevels = 5

    /// The sorted distinct non-missing values, or nil when there are more than `limit`.
    private static func fewDistinct(_ values: [Double], limit: Int) -> [Double]? {
        var distinct: [Double] = []
        for value in values where !value.isNaN && !distinct.contains(value) {
            if distinct.count == limit { return nil }
            distinct.append(value)
        }
        return distinct.sorted()
    }

    /// An integer column of a few codes, re-encoded as categorical levels in numeric order.
    private static func codedCategorical(name: String, values: [Double], distinct: [Double]) -> Column {
        let codes = values.map { value -> UInt32 in
            guard !value.isNaN, let index = distinct.firstIndex(of: value) else { return Column.missingCode }
            return UInt32(index)
        }
        let levels = distinct.map(short)
        return Column(
            name: name, type: .categorical, storage: .categorical(codes: codes, levels: levels),
            inference: TypeInference(
                reason: "integer with \(distinct.count) distinct values (\(levels.joined(separator: ", "))) -> categorical",
                numericShare: 1, markersKeptAsCategories: []))
    }

    /// Types a dictionary-encoded column (some field was not a number).
    static func textColumn(
        name: String, codes inputCodes: [UInt32], levels inputLevels: [String], markers: Set<String>, keepMarkers: Bool
    ) -> Column {
        var codes = inputCodes
        var levels = inputLevels
        var kept: [String] = []
        let markerLevels = levels.indices.filter { markers.contains(levels[$0]) }
        if !markerLevels.isEmpty {
            if keepMarkers {
                kept = markerLevels.map { levels[$0] }
            } else {
                (codes, levels) = dropping(Set(markerLevels), codes: codes, levels: levels)
            }
        }
        var counts = [Int](repeating: 0, count: levels.count)
        for code in codes where code != Column.missingCode { counts[Int(code)] += 1 }
        let nonMissing = counts.reduce(0, +)
        let numericRows = zip(levels, counts).reduce(0) { $0 + (isNumber($1.0) ? $1.1 : 0) }
        let share = nonMissing == 0 ? nil : Double(numericRows) / Double(nonMissing)
        func evidence(_ reason: String) -> TypeInference {
            TypeInference(reason: reason, numericShare: share, markersKeptAsCategories: kept)
        }
        if nonMissing == 0 {
            return Column(
                name: name, type: .real, storage: .numeric([Double](repeating: .nan, count: codes.count)),
                inference: evidence("every value is missing"))
        }
        if let column = booleanColumn(name: name, codes: codes, levels: levels, evidence: evidence) { return column }
        if let column = dateTimeColumn(name: name, codes: codes, levels: levels, evidence: evidence) { return column }
        let distinct = levels.count
        let mixed = share.map { $0 > 0 ? String(format: "; mixed types: %.0f%% of the values are numbers", $0 * 100) : "" } ?? ""
        if nonMissing >= minimumRowsForRoles, distinct * 2 >= nonMissing {
            let meanWords = Double(levels.reduce(0) { $0 + wordCount($1) }) / Double(distinct)
            if meanWords >= 2 {
                return Column(
                    name: name, type: .text, storage: .categorical(codes: codes, levels: levels),
                    inference: evidence(
                        String(format: "%d distinct values among %d, averaging %.1f words -> free text", distinct, nonMissing, meanWords) + mixed))
            }
            if distinct == nonMissing, !levels.contains(where: { $0.contains(where: \.isWhitespace) }) {
                return Column(
                    name: name, type: .identifier, storage: .categorical(codes: codes, levels: levels),
                    inference: evidence("all \(nonMissing) values are distinct single tokens -> identifier" + mixed))
            }
        }
        return Column(
            name: name, type: .categorical, storage: .categorical(codes: codes, levels: levels),
            inference: evidence("text with \(distinct) distinct label\(distinct == 1 ? "" : "s") among \(nonMissing) values" + mixed))
    }

    private static let booleanPairs: [(String, String)] = [("false", "true"), ("no", "yes"), ("f", "t"), ("n", "y")]

    private static func booleanColumn(
        name: String, codes: [UInt32], levels: [String], evidence: (String) -> TypeInference
    ) -> Column? {
        guard levels.count == 2 else { return nil }
        let lowered = levels.map { $0.lowercased() }
        for (no, yes) in booleanPairs where Set(lowered) == [no, yes] {
            let trueCode = UInt32(lowered[0] == yes ? 0 : 1)
            let values = codes.map { $0 == Column.missingCode ? Double.nan : ($0 == trueCode ? 1 : 0) }
            let labels = [levels[Int(1 - trueCode)], levels[Int(trueCode)]]
            return Column(
                name: name, type: .boolean, storage: .numeric(values),
                inference: evidence("only the values '\(labels[0])' and '\(labels[1])' -> boolean"), booleanLabels: labels)
        }
        return nil
    }

    private static func dateTimeColumn(
        name: String, codes: [UInt32], levels: [String], evidence: (String) -> TypeInference
    ) -> Column? {
        guard levels.allSatisfy({ $0.first?.isASCII == true && $0.first?.isNumber == true }) else { return nil }
        func parseAll(_ format: DateTimeFormat) -> [DateTimeParser.Parsed]? {
            var parsed: [DateTimeParser.Parsed] = []
            parsed.reserveCapacity(levels.count)
            for level in levels {
                guard let value = DateTimeParser.parse(level, format: format) else { return nil }
                parsed.append(value)
            }
            return parsed
        }
        var chosen: (DateTimeFormat, [DateTimeParser.Parsed])?
        var note = ""
        for format in [DateTimeFormat.isoDate, .yearFirstSlash, .dayFirstDotted] {
            if let parsed = parseAll(format) {
                chosen = (format, parsed)
                break
            }
        }
        if chosen == nil, let monthFirst = parseAll(.monthFirstSlash) {
            chosen = (.monthFirstSlash, monthFirst)
            if parseAll(.dayFirstSlash) != nil { note = " (also valid as DD/MM/YYYY; read as MM/DD/YYYY)" }
        } else if chosen == nil, let dayFirst = parseAll(.dayFirstSlash) {
            chosen = (.dayFirstSlash, dayFirst)
        }
        guard let (format, parsed) = chosen else { return nil }
        let values = codes.map { $0 == Column.missingCode ? Double.nan : parsed[Int($0)].seconds }
        let hasTime = parsed.contains(where: \.hasTime)
        let what = hasTime ? "date-times" : "dates"
        return Column(
            name: name, type: .datetime, storage: .numeric(values),
            inference: evidence("every value reads as \(what) in \(format.rawValue) layout\(note)"),
            dateTime: DateTimeInfo(format: format, hasTime: hasTime))
    }

    /// Removes `removed` levels: their rows become missing, the other codes are renumbered.
    private static func dropping(_ removed: Set<Int>, codes: [UInt32], levels: [String]) -> ([UInt32], [String]) {
        var mapping = [UInt32](repeating: Column.missingCode, count: levels.count)
        var newLevels: [String] = []
        for (index, level) in levels.enumerated() where !removed.contains(index) {
            mapping[index] = UInt32(newLevels.count)
            newLevels.append(level)
        }
        return (codes.map { $0 == Column.missingCode ? $0 : mapping[Int($0)] }, newLevels)
    }

    static func isNumber(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            buffer.count > 0 && NumberParser.parse(buffer.baseAddress!, buffer.count) != nil
        }
    }

    private static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }

    /// Whether a name reads like a key: a word such as `id`, `key`, `uuid`, or a name ending in "id".
    static func nameSuggestsIdentifier(_ name: String) -> Bool {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for character in name {
            if !character.isLetter && !character.isNumber {
                if !current.isEmpty { words.append(current.lowercased()) }
                current = ""
                previousLower = false
                continue
            }
            if character.isUppercase && previousLower, !current.isEmpty {
                words.append(current.lowercased())
                current = ""
            }
            current.append(character)
            previousLower = character.isLowercase
        }
        if !current.isEmpty { words.append(current.lowercased()) }
        let keys: Set<String> = ["id", "ids", "uuid", "guid", "key", "idx", "index", "pid", "uid", "number", "no"]
        return words.contains(where: keys.contains)
    }

    private static func allDistinct(_ values: [Double], minimum: Double, consecutive: Bool) -> Bool {
        if consecutive {
            var seen = [Bool](repeating: false, count: values.count)
            for value in values {
                let slot = Int(value - minimum)
                if seen[slot] { return false }
                seen[slot] = true
            }
            return true
        }
        return Set(values).count == values.count
    }

    /// `value` as C's `%g` writes it. Called straight through `vsnprintf`: `String(format:)` cost
    /// 3 % of a one-row `serve` request, where every column's reason is written (perf, 2026-12-07).
    private static func short(_ value: Double) -> String {
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            let written = withVaList([value]) { vsnprintf(buffer.baseAddress, 32, "%g", $0) }
            return String(decoding: UnsafeRawBufferPointer(buffer).prefix(Int(max(0, min(written, 31)))), as: UTF8.self)
        }
    }
}
