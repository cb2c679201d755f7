/// One column's values from one chunk of the file, before the chunks are joined.
///
/// Starts as numbers; the first field that is neither a number nor a missing marker turns the
/// column into dictionary-encoded text (the chunk is then parsed again with the column as text
/// from the start, so no earlier field's exact text is lost).
struct ChunkColumn: Sendable {
    /// Code for a missing value in `codes`.
    static let missingCode = UInt32.max

    private(set) var isText: Bool
    private(set) var numbers: [Double] = []
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
        self.isText = isText
        if isText { codes.reserveCapacity(capacity) } else { numbers.reserveCapacity(capacity) }
    }

    var count: Int { isText ? codes.count : numbers.count }

    @inline(__always)
    mutating func append(_ start: UnsafePointer<UInt8>, _ length: Int, markers: MissingMarkers) {
        if length == 0 {
            emptyCount += 1
            if isText { codes.append(Self.missingCode) } else { numbers.append(.nan) }
            return
        }
        if !isText {
            if markers.hasNumericMarkers && markers.containsNumeric(start, length) {
                markerCount += 1
                numbers.append(.nan)
                return
            }
            if let parsed = NumberParser.parse(start, length) {
                numbers.append(parsed.value)
                if !parsed.integral { integral = false }
                return
            }
            if markers.contains(start, length) {
                markerCount += 1
                numbers.append(.nan)
                return
            }
            // Text among numbers: keep going as text; the caller re-parses this chunk.
            becameText = true
            isText = true
            codes = [UInt32](repeating: Self.missingCode, count: numbers.count)
            numbers = []
        }
        if markers.contains(start, length) { markerCount += 1 }
        codes.append(dictionary.intern(start, length))
    }
}
