import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file sequentially, and again at any offset (to re-read a chunk), with POSIX calls.
final class FileSource {
    let path: String
    let descriptor: Int32

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

    /// Up to `count` next bytes, appended after `prefix`; fewer only at the end of the file.
    func read(_ count: Int, after prefix: [UInt8] = []) throws(TabularError) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: prefix.count + count) { buffer, initialized in
            prefix.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { buffer.baseAddress!.initialize(from: base, count: source.count) }
            }
            var filled = prefix.count
            while filled < prefix.count + count {
                let got = Glibc.read(descriptor, buffer.baseAddress! + filled, prefix.count + count - filled)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if got == 0 { break }
                filled += got
            }
            initialized = filled
        }
        if failure != 0 { throw .unreadable(path: path, reason: String(cString: strerror(failure))) }
        return bytes
    }

    /// `count` bytes at `offset`.
    func read(at offset: Int, count: Int) throws(TabularError) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var filled = 0
            while filled < count {
                let got = pread(descriptor, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if got == 0 { break }
                filled += got
            }
            initialized = filled
        }
        if failure != 0 { throw .unreadable(path: path, reason: String(cString: strerror(failure))) }
        return bytes
    }
}

extension FileSource {
    /// LF bytes from `offset` to the end of the file: an upper bound on the records that follow.
    /// One sequential pass through a reused 4 MB buffer (the file is then in the page cache).
    func countNewlines(from offset: Int) throws(TabularError) -> Int {
        let blockSize = 4 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 64)
        defer { buffer.deallocate() }
        var position = offset
        var count = 0
        while true {
            let got = pread(descriptor, buffer, blockSize, off_t(position))
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 { return count }
            count += ChunkParser.countNewlines(UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: got))
            position += got
        }
    }
}
