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
    /// The job named `name`, nil if none.
    func job(named name: String) throws(TuningError) -> JobRecord?
    /// All jobs, oldest first.
    func jobs() throws(TuningError) -> [JobRecord]
}
