/// Interns byte strings into dense `UInt32` codes, in order of first appearance (a kernel: runs once
/// per text field while parsing).
///
/// Written by hand instead of `[String: UInt32]` because creating and hashing a Swift `String` per
/// field dominated parse time of categorical columns; here keys stay bytes in one arena and are
/// hashed a machine word at a time. Open addressing with linear probing, load factor at most 1/2.
/// Each slot keeps the upper 32 bits of its key's hash beside the level index, so a probe that
/// misses never touches the arena; keys up to 16 bytes compare as two word loads.
struct ByteDictionary: Sendable {
    /// All level bytes, back to back.
    private(set) var arena: [UInt8] = []
    /// `starts[i] ..< starts[i + 1]` is level `i` in `arena`.
    private(set) var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// 0 means empty; otherwise `(hash >> 32) << 32 | (level index + 1)`.
    private var slots: [UInt64] = [UInt64](repeating: 0, count: 16)

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
        let (found, slot) = probe(bytes, length, hash)
        if let found { return found }
        let code = UInt32(count)
        arena.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(code + 1)
        if count * 2 > slots.count { grow() }
        return code
    }

    /// The code of `bytes` if present.
    func code(of bytes: [UInt8]) -> UInt32? {
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            return probe(base, buffer.count, Self.hash(base, buffer.count)).code
        }
    }

    /// The level holding these bytes, or the empty slot where they would go.
    @inline(__always)
    private func probe(_ bytes: UnsafePointer<UInt8>, _ length: Int, _ hash: UInt64) -> (code: UInt32?, slot: Int) {
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { table in
            arena.withUnsafeBufferPointer { arenaBytes in
                starts.withUnsafeBufferPointer { starts in
                    while true {
                        let entry = table[slot]
                        if entry == 0 { return (nil, slot) }
                        if entry & 0xFFFF_FFFF_0000_0000 == tag {
                            let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                            let start = starts[index]
                            if starts[index + 1] - start == length
                                && Self.bytesEqual(arenaBytes.baseAddress.map { $0 + start }, bytes, length)
                            {
                                return (UInt32(index), slot)
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// Whether `length` bytes at `a` and `b` are equal; word loads for short keys.
    @inline(__always)
    private static func bytesEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        guard length > 0, let a else { return true }
        if length <= 8 {
            var x: UInt64 = 0
            var y: UInt64 = 0
            withUnsafeMutableBytes(of: &x) { $0.baseAddress!.copyMemory(from: a, byteCount: length) }
            withUnsafeMutableBytes(of: &y) { $0.baseAddress!.copyMemory(from: b, byteCount: length) }
            return x == y
        }
        if length <= 16 {
            let ra = UnsafeRawPointer(a)
            let rb = UnsafeRawPointer(b)
            return ra.loadUnaligned(as: UInt64.self) == rb.loadUnaligned(as: UInt64.self)
                && ra.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        }
        return memcmp(a, b, length) == 0
    }

    private mutating func grow() {
        let newSize = slots.count * 2
        var newSlots = [UInt64](repeating: 0, count: newSize)
        let mask = newSize - 1
        for index in 0..<count {
            let hash = hashes[index]
            var slot = Int(truncatingIfNeeded: hash) & mask
            while newSlots[slot] != 0 { slot = (slot + 1) & mask }
            newSlots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
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
