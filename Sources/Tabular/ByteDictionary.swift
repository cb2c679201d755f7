/// Interns byte strings into dense `UInt32` codes, in order of first appearance (a kernel: runs once
/// per text field while parsing).
///
/// Written by hand instead of `[String: UInt32]` because creating and hashing a Swift `String` per
/// field dominated parse time of categorical columns; here keys stay bytes in one arena and are
/// hashed a machine word at a time. Open addressing with linear probing, load factor at most 1/2.
struct ByteDictionary: Sendable {
    /// All level bytes, back to back.
    private(set) var arena: [UInt8] = []
    /// `starts[i] ..< starts[i + 1]` is level `i` in `arena`.
    private(set) var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// 0 means empty; otherwise the level index + 1.
    private var slots: [UInt32] = [UInt32](repeating: 0, count: 16)

    var count: Int { starts.count - 1 }

    /// The bytes of level `index`.
    func level(_ index: Int) -> ArraySlice<UInt8> { arena[starts[index]..<starts[index + 1]] }

    /// The level as a `String` (invalid UTF-8 was rejected before interning, so the repair never runs).
    func string(_ index: Int) -> String {
        arena.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[starts[index]..<starts[index + 1]]), as: UTF8.self)
        }
    }

    /// The code of these bytes, adding them as a new level when unseen.
    @inline(__always)
    mutating func intern(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> UInt32 {
        let hash = Self.hash(bytes, length)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let index = Int(entry - 1)
            if hashes[index] == hash && equals(index, bytes, length) { return entry - 1 }
            slot = (slot + 1) & mask
        }
        let code = UInt32(count)
        arena.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = code + 1
        if count * 2 > slots.count { grow() }
        return code
    }

    /// The code of `bytes` if present.
    func code(of bytes: [UInt8]) -> UInt32? {
        bytes.withUnsafeBufferPointer { buffer -> UInt32? in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            let hash = Self.hash(base, buffer.count)
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 {
                let index = Int(slots[slot] - 1)
                if hashes[index] == hash && equals(index, base, buffer.count) { return UInt32(index) }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    @inline(__always)
    private func equals(_ index: Int, _ bytes: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let start = starts[index]
        guard starts[index + 1] - start == length else { return false }
        return arena.withUnsafeBufferPointer { buffer in
            length == 0 || memcmp(buffer.baseAddress! + start, bytes, length) == 0
        }
    }

    private mutating func grow() {
        let newSize = slots.count * 2
        var newSlots = [UInt32](repeating: 0, count: newSize)
        let mask = newSize - 1
        for index in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[index]) & mask
            while newSlots[slot] != 0 { slot = (slot + 1) & mask }
            newSlots[slot] = UInt32(index + 1)
        }
        slots = newSlots
    }

    /// Word-at-a-time multiplicative hash with a final avalanche (splitmix64's finalizer).
    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(length)
        let raw = UnsafeRawPointer(bytes)
        var offset = 0
        while offset + 8 <= length {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            offset += 8
        }
        if offset < length {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < length {
                tail |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 30
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 27
        h = h &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return h
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
