/// The field values read as missing (besides the empty field, which always is).
struct MissingMarkers: Sendable {
    private let markers: [[UInt8]]
    /// Markers that read as numbers (`-999`): checked before parsing a number, so they win.
    private let numericMarkers: [[UInt8]]
    let strings: Set<String>

    init(_ strings: [String]) {
        let nonEmpty = strings.filter { !$0.isEmpty }
        self.strings = Set(nonEmpty)
        markers = nonEmpty.map { Array($0.utf8) }
        numericMarkers = markers.filter { marker in
            marker.withUnsafeBufferPointer { NumberParser.parse($0.baseAddress!, $0.count) != nil }
        }
        hasNumericMarkers = !numericMarkers.isEmpty
    }

    /// Whether some marker reads as a number.
    let hasNumericMarkers: Bool

    @inline(__always)
    func containsNumeric(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        Self.matches(numericMarkers, bytes, count)
    }

    @inline(__always)
    func contains(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        Self.matches(markers, bytes, count)
    }

    @inline(__always)
    private static func matches(_ markers: [[UInt8]], _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for marker in markers where marker.count == count {
            if marker.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes, count) == 0 }) { return true }
        }
        return false
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
