import COpenBLAS

/// Public control over the BLAS thread pool.
public enum BLASThreads {
    /// The number of threads OpenBLAS uses.
    public static var count: Int { Int(openblas_get_num_threads()) }

    /// Limits OpenBLAS to `count` threads (at least 1) for all later calls in this process.
    public static func set(_ count: Int) { LAPACK.setThreadCount(count) }

    /// Ends OpenBLAS's idle worker threads now; a later threaded BLAS call starts them again.
    ///
    /// OpenBLAS starts its workers when the library loads, before `main`, and each then spins in
    /// `sched_yield` for 2^28 clock ticks before it sleeps, competing with the program's own
    /// threads on a 2-core machine. Measured (release build, 200k-row mixed profile, 6 alternating
    /// pairs): without the spin (OPENBLAS_THREAD_TIMEOUT=4, which only the environment can set
    /// before the library loads) the median was 0.242 s against 0.281 s, system time 0.06 s
    /// against 0.12 s; ending the workers at the start of the command: 0.243 s against 0.279 s,
    /// system time 0.05 s against 0.12 s.
    ///
    /// Call it only while no other thread uses BLAS: OpenBLAS's shutdown is not safe against
    /// concurrent calls (two at once deadlock). Setting the thread count (``set(_:)``) starts the
    /// workers again.
    public static func stopIdleWorkers() {
        _ = automl_blas_thread_shutdown()
    }

    /// Runs `body` with OpenBLAS on one thread, then restores the previous count: for callers
    /// that already run BLAS calls on several threads of their own. The setting is process-wide,
    /// so no other BLAS work should run meanwhile.
    ///
    /// Measured reason: during the profiler's correlation products, OpenBLAS's idle workers
    /// spinning in `sched_yield` were ~18% of profiling the 200k-row mixed file (perf).
    public static func single<T>(_ body: () throws -> T) rethrows -> T {
        let previous = count
        guard previous > 1 else { return try body() }  // setting it again would restart idle workers
        set(1)
        defer { set(previous) }
        return try body()
    }
}
