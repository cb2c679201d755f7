import Synchronization

/// The process's last word on its jobs' records. A second signal writes how the job ended and exits
/// at once; until the exit, the job's own tasks (its heartbeat, its end as the killed trials return)
/// still run and must not write over that record. Writes pass through the gate in turn, and once
/// ``close(with:)`` has written, later ones are skipped.
public enum JobRecordGate {
    private static let closed = Mutex(false)

    /// Runs `write` unless the gate has closed; returns whether it ran.
    @discardableResult
    public static func ifOpen(_ write: () throws -> Void) rethrows -> Bool {
        try closed.withLock { isClosed in
            guard !isClosed else { return false }
            try write()
            return true
        }
    }

    /// Runs `write` (after any write in progress) and closes the gate behind it.
    public static func close(with write: () -> Void) {
        closed.withLock { isClosed in
            isClosed = true
            write()
        }
    }
}
