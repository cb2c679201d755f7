/// One trial handed to an executor.
public struct TrialRequest: Sendable, Equatable {
    public var study: String
    public var number: Int
    public var assignment: Assignment
    public var seed: UInt64
    /// 1 on the first run; more when a resumed job re-runs a trial its crashed process left running.
    public var attempt: Int

    public init(study: String, number: Int, assignment: Assignment, seed: UInt64, attempt: Int) {
        self.study = study
        self.number = number
        self.assignment = assignment
        self.seed = seed
        self.attempt = attempt
    }
}
