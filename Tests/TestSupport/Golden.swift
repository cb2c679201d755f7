import Foundation

/// Golden files: human-facing text pinned in the repository.
///
/// `RECORD_GOLDEN=1 swift test` rewrites the files and reports a failure, so a re-recording is
/// always looked at (with `git diff`) before it is committed.
public enum Golden {
    /// nil when `text` equals the golden file at `relativePath` (from the package root); otherwise
    /// a message naming the first differing line.
    public static func mismatch(_ text: String, _ relativePath: String) -> String? {
        let url = Fixtures.packageRoot.appendingPathComponent(relativePath)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(text.utf8).write(to: url)
            return "recorded \(relativePath); review the diff, then run the tests again without RECORD_GOLDEN"
        }
        guard let data = try? Data(contentsOf: url) else {
            return "no golden file \(relativePath); record it with RECORD_GOLDEN=1"
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != text else { return nil }
        let a = expected.components(separatedBy: "\n")
        let b = text.components(separatedBy: "\n")
        for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
            return "\(relativePath):\(i + 1) differs:\n  golden: \(i < a.count ? a[i] : "<end>")\n  now:    \(i < b.count ? b[i] : "<end>")"
        }
        return "\(relativePath) differs"
    }
}
