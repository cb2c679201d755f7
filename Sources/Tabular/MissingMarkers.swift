/// The field values read as missing (besides the empty field, which always is).
struct MissingMarkers: Sendable {
    private let markers: [[UInt8]]
    let strings: Set<String>

    init(_ strings: [String]) {
        let nonEmpty = strings.filter { !$0.isEmpty }
        self.strings = Set(nonEmpty)
        markers = nonEmpty.map { Array($0.utf8) }
    }

    @inline(__always)
    func contains(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
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
