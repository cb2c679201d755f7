import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file sequentially, and again at any offset (to re-read a chunk), with POSIX calls; or
/// the same from bytes in memory (a request body), so both go through one reader.
///
/// `@unchecked Sendable`: ``countNewlines(from:threads:)`` reads from several threads with
/// `pread`, which shares no file position; only the sequential reads move ``position``, and they
/// run on one thread.
final class FileSource: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    /// The bytes read instead of a file (descriptor -1).
    private let memory: [UInt8]?

    init(path: String) throws(TabularError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .fileNotFound(path: path) }
        if isDirectory.boolValue { throw .unreadable(path: path, reason: "it is a directory") }
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        descriptor = fd
        memory = nil
    }

    /// A source over `bytes`; `name` stands for the file in error messages.
    init(bytes: [UInt8], name: String) {
        path = name
        descriptor = -1
        memory = bytes
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Whether every CR byte is read as LF: set for a file whose lines end with CR alone (classic
    /// Mac OS), which then reads like any other. A byte for a byte, so offsets stay true.
    var carriageReturnsAreNewlines = false

    /// Where the next sequential ``read(_:after:)`` starts.
    private var position = 0

    /// Up to `count` next bytes, appended after `prefix`; fewer only at the end of the file.
    func read(_ count: Int, after prefix: [UInt8] = []) throws(TabularError) -> [UInt8] {
        var result: Result<Int, TabularError> = .success(0)
        let bytes = [UInt8](unsafeUninitializedCapacity: prefix.count + count) { buffer, initialized in
            prefix.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { buffer.baseAddress!.initialize(from: base, count: source.count) }
            }
            result = Result { () throws(TabularError) in
                try fill(UnsafeMutableRawPointer(buffer.baseAddress! + prefix.count), count: count, at: position)
            }
            initialized = prefix.count + ((try? result.get()) ?? 0)
        }
        position += try result.get()
        return bytes
    }

    /// `count` bytes at `offset` (fewer only past the end of the file).
    func read(at offset: Int, count: Int) throws(TabularError) -> [UInt8] {
        var result: Result<Int, TabularError> = .success(0)
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            result = Result { () throws(TabularError) in
                try fill(UnsafeMutableRawPointer(buffer.baseAddress!), count: count, at: offset)
            }
            initialized = (try? result.get()) ?? 0
        }
        _ = try result.get()
        return bytes
    }

    /// The file's size in bytes.
    func size() throws(TabularError) -> Int {
        if let memory { return memory.count }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        return Int(info.st_size)
    }

    /// LF bytes from `offset` to the end of the file: an upper bound on the records that follow
    /// (rows appended while reading still fit: the columns then grow).
    ///
    /// The file is split into one part per thread, each read through its own reused 4 MB buffer
    /// (the file is then in the page cache). Measured reason for the threads: one sequential
    /// pass took 0.08 s of reading the 400 MB benchmark file, all of it before parsing starts.
    func countNewlines(from offset: Int, threads: Int) throws(TabularError) -> Int {
        let size = max(offset, try self.size())
        let parts = max(1, min(threads, (size - offset) >> 22))
        let partSize = (size - offset + parts - 1) / parts
        let counts = ParallelLoop.map(parts, threads: parts) { part -> Result<Int, TabularError> in
            let start = offset + part * partSize
            let last = part == parts - 1
            return Result { () throws(TabularError) in try self.countNewlines(from: start, count: last ? nil : partSize) }
        }
        var total = 0
        for count in counts { total += try count.get() }
        return total
    }

    /// LF bytes in the `count` bytes at `offset` (nil: to the end of the file).
    private func countNewlines(from offset: Int, count: Int?) throws(TabularError) -> Int {
        let blockSize = 4 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 64)
        defer { buffer.deallocate() }
        var offset = offset
        var remaining = count ?? Int.max
        var total = 0
        while remaining > 0 {
            let wanted = min(blockSize, remaining)
            let got = try fill(buffer, count: wanted, at: offset)
            total += ChunkParser.countNewlines(UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: got))
            if got < wanted { break }
            offset += got
            remaining -= got
        }
        return total
    }

    /// Reads up to `count` bytes at `offset` into `destination`, retrying short reads and EINTR;
    /// returns how many bytes were read (fewer than `count` only at the end of the file).
    private func fill(_ destination: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(TabularError) -> Int {
        var filled = 0
        if let memory {
            filled = max(0, min(count, memory.count - offset))
            if filled > 0 {
                memory.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress! + offset, byteCount: filled) }
            }
        }
        while memory == nil, filled < count {
            let got = pread(descriptor, destination + filled, count - filled, off_t(offset + filled))
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            filled += got
        }
        if carriageReturnsAreNewlines {
            let bytes = destination.assumingMemoryBound(to: UInt8.self)
            for i in 0..<filled where bytes[i] == 13 { bytes[i] = 10 }
        }
        return filled
    }
}
