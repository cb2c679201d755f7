#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One number formatted the way C's `printf` does (`%.Nf`, `%.Ng`), through `vsnprintf`.
///
/// Measured reason: Foundation's `String(format:)` goes through CFString and took 7% of profiling a
/// 100k × 50 file (the heatmaps format thousands of cells); `vsnprintf` gives the same text directly.
enum Printf {
    /// `value` with `digits` digits after the point (`%.Nf`).
    static func fixed(_ value: Double, _ digits: Int) -> String {
        format(value, "%.\(digits)f")
    }

    /// `value` with `digits` significant digits (`%.Ng`).
    static func general(_ value: Double, _ digits: Int) -> String {
        format(value, "%.\(digits)g")
    }

    private static func format(_ value: Double, _ pattern: String) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buffer -> String in
            guard let base = buffer.baseAddress else { return String(value) }
            let written = withVaList([value]) { vsnprintf(base, buffer.count, pattern, $0) }
            guard written >= 0, Int(written) < buffer.count else { return String(value) }
            return String(cString: base)
        }
    }
}
