/// One column's values from one chunk of the file, before the chunks are joined.
///
/// Starts as numbers. A column whose first value is an ISO 8601 date (`YYYY-MM-DD`, optionally with
/// a time) holds dates as seconds instead: parsing them here avoids interning thousands of
/// distinct timestamp strings. The first field that fits neither turns the column into
/// dictionary-encoded text (the chunk is then parsed again with the column as text from the
/// start, so no earlier field's exact text is lost).
struct ChunkColumn: Sendable {
    /// What the values are.
    enum Kind: Sendable { case numbers, dates, text }

    /// Code for a missing value in `codes`.
    static let missingCode = UInt32.max

    private(set) var kind: Kind
    var isText: Bool { kind == .text }
    /// Numbers, or dates as seconds since 1970 (NaN = missing), parsed here.
    private var parsedNumbers: [Double] = []
    /// Numbers parsed elsewhere (``PlainNumberChunk``), in place in memory the chunk's columns share.
    private var shared: (storage: ChunkStorage, start: Int, count: Int)?

    /// Calls `body` with the numbers, or dates as seconds since 1970 (NaN = missing), in place.
    func withNumbers<R>(_ body: (UnsafeBufferPointer<Double>) -> R) -> R {
        if let shared { return body(UnsafeBufferPointer(start: shared.storage.base + shared.start, count: shared.count)) }
        return parsedNumbers.withUnsafeBufferPointer(body)
    }
    /// Values among the numbers that are not missing.
    private(set) var presentCount = 0
    /// Some date carried a time of day.
    private(set) var hasTime = false
    /// Every number was written without a decimal point or exponent.
    private(set) var integral = true
    private(set) var codes: [UInt32] = []
    private(set) var dictionary = ByteDictionary()
    /// Empty fields (always missing).
    private(set) var emptyCount = 0
    /// Fields equal to a missing marker.
    private(set) var markerCount = 0
    /// Set when a text field showed up while collecting numbers.
    private(set) var becameText = false

    init(isText: Bool, reserving capacity: Int) {
        kind = isText ? .text : .numbers
        if isText { codes.reserveCapacity(capacity) } else { parsedNumbers.reserveCapacity(capacity) }
    }

    /// A column of numbers parsed elsewhere (``PlainNumberChunk``): `count` values from `start`
    /// in `storage`.
    init(storage: ChunkStorage, start: Int, count: Int, presentCount: Int, integral: Bool, emptyCount: Int, markerCount: Int) {
        kind = .numbers
        shared = (storage, start, count)
        self.presentCount = presentCount
        self.integral = integral
        self.emptyCount = emptyCount
        self.markerCount = markerCount
    }

    var count: Int { isText ? codes.count : shared?.count ?? parsedNumbers.count }

    @inline(__always)
    mutating func append(_ start: UnsafePointer<UInt8>, _ length: Int, markers: MissingMarkers) {
        if length == 0 {
            emptyCount += 1
            if kind == .text { codes.append(Self.missingCode) } else { parsedNumbers.append(.nan) }
            return
        }
        switch kind {
        case .numbers:
            if markers.hasNumericMarkers && markers.containsNumeric(start, length) {
                markerCount += 1
                parsedNumbers.append(.nan)
                return
            }
            if let parsed = NumberParser.parse(start, length) {
                appendNumber(parsed.value, integral: parsed.integral)
                return
            }
            if markers.contains(start, length) {
                markerCount += 1
                parsedNumbers.append(.nan)
                return
            }
            if presentCount == 0, let date = DateTimeParser.parseISO(UnsafeBufferPointer(start: start, count: length)) {
                kind = .dates
                appendDate(date)
                return
            }
        case .dates:
            if let date = DateTimeParser.parseISO(UnsafeBufferPointer(start: start, count: length)) {
                appendDate(date)
                return
            }
            if markers.contains(start, length) {
                markerCount += 1
                parsedNumbers.append(.nan)
                return
            }
        case .text:
            if markers.contains(start, length) { markerCount += 1 }
            codes.append(dictionary.intern(start, length))
            return
        }
        // Text among numbers or dates: keep going as text; the caller re-parses this chunk.
        becameText = true
        kind = .text
        codes = [UInt32](repeating: Self.missingCode, count: parsedNumbers.count)
        parsedNumbers = []
        if markers.contains(start, length) { markerCount += 1 }
        codes.append(dictionary.intern(start, length))
    }

    /// Appends a number already parsed from a field (a column of kind `.numbers`).
    @inline(__always)
    mutating func appendNumber(_ value: Double, integral: Bool) {
        parsedNumbers.append(value)
        presentCount += 1
        if !integral { self.integral = false }
    }

    @inline(__always)
    private mutating func appendDate(_ date: DateTimeParser.Parsed) {
        parsedNumbers.append(date.seconds)
        presentCount += 1
        if date.hasTime { hasTime = true }
    }
}
