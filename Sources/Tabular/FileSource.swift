import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file sequentially, and again at any offset (to re-read a chunk), with POSIX calls.
final class FileSource {
    let path: String
    private let descriptor: Int32

    init(path: String) throws(TabularError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .fileNotFound(path: path) }
        if isDirectory.boolValue { throw .unreadable(path: path, reason: "it is a directory") }
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        descriptor = fd
    }

    deinit { close(descriptor) }

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

    /// LF bytes from `offset` to the end of the file: an upper bound on the records that follow.
    /// One sequential pass through a reused 4 MB buffer (the file is then in the page cache).
    func countNewlines(from offset: Int) throws(TabularError) -> Int {
        let blockSize = 4 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 64)
        defer { buffer.deallocate() }
        var offset = offset
        var count = 0
        while true {
            let got = try fill(buffer, count: blockSize, at: offset)
            count += ChunkParser.countNewlines(UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: got))
            if got < blockSize { return count }
            offset += got
        }
    }

    /// Reads up to `count` bytes at `offset` into `destination`, retrying short reads and EINTR;
    /// returns how many bytes were read (fewer than `count` only at the end of the file).
    private func fill(_ destination: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(TabularError) -> Int {
        var filled = 0
        while filled < count {
            let got = pread(descriptor, destination + filled, count - filled, off_t(offset + filled))
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            filled += got
        }
        return filled
    }
}
