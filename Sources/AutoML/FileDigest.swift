import Crypto
import Foundation

/// The SHA-256 of a file's bytes, as reports state it so a reviewer can check they hold the same
/// data the job read.
public enum FileDigest {
    /// The lowercase hexadecimal SHA-256 of the file at `path`, read in 1 MB pieces.
    /// - Throws: ``AutoMLError/unreadableFile(path:reason:)``.
    public static func sha256(path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AutoMLError.unreadableFile(path: path, reason: "it cannot be opened to compute its SHA-256")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let piece: Data?
            do {
                piece = try handle.read(upToCount: 1 << 20)
            } catch {
                throw AutoMLError.unreadableFile(path: path, reason: "reading it failed: \(error.localizedDescription)")
            }
            guard let piece, !piece.isEmpty else { break }
            hasher.update(data: piece)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
