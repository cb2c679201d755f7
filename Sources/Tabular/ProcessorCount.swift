import Foundation

/// The processors this process may use, read once. Foundation's `activeProcessorCount` reads
/// the cgroup files on every call, which was 5 % of a one-row `serve` request when every
/// `CSVOptions()` asked for it (perf, 2026-12-07).
public enum ProcessorCount {
    public static let active: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
