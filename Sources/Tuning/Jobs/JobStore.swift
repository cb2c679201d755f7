import Foundation

/// Where jobs are listed. Saving a job commits before it returns.
///
/// ``InMemoryTrialStore`` and ``SQLiteTrialStore`` implement it beside ``TrialStore`` and pass one
/// contract suite.
public protocol JobStore: Sendable {
    /// Where the store is, for messages (a file's path).
    var location: String { get }
    /// Inserts the job, or replaces the one of the same name.
    func saveJob(_ job: JobRecord) throws(TuningError)
    /// Replaces the stored job of `job`'s name with `job` only if the stored one was last updated
    /// at `seen` (to the millisecond), in one step: of processes that read the same record and
    /// each try to take it over, exactly one succeeds. Returns whether this one did.
    func replaceJob(_ job: JobRecord, ifUpdatedAt seen: Date) throws(TuningError) -> Bool
    /// The job named `name`, nil if none.
    func job(named name: String) throws(TuningError) -> JobRecord?
    /// All jobs, oldest first.
    func jobs() throws(TuningError) -> [JobRecord]
}
