import Foundation

/// A ``TrialStore`` in memory, for tests and throwaway runs. Thread-safe behind a lock.
public final class InMemoryTrialStore: TrialStore, JobStore, @unchecked Sendable {
    private let lock = NSLock()
    private var jobsByName: [String: JobRecord] = [:]
    private var records: [String: StudyRecord] = [:]
    private var order: [String] = []
    private var trialsByStudy: [String: [Trial]] = [:]
    private var attachments: [String: [Int: Data]] = [:]

    public init() {}

    public var location: String { "memory" }

    private func locked<T>(_ body: () throws(TuningError) -> T) throws(TuningError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    public func openStudy(_ record: StudyRecord) throws(TuningError) -> StudyRecord {
        try locked { () throws(TuningError) -> StudyRecord in
            if let existing = records[record.name] {
                if let problem = mismatch(between: existing, and: record) { throw problem }
                return existing
            }
            records[record.name] = record
            order.append(record.name)
            trialsByStudy[record.name] = []
            return record
        }
    }

    public func study(named name: String) throws(TuningError) -> StudyRecord? {
        try locked { records[name] }
    }

    public func studies() throws(TuningError) -> [StudyRecord] {
        try locked { order.compactMap { records[$0] } }
    }

    public func createTrial(
        study: String, assignment: Assignment, status: TrialStatus, fallback: String?, limit: Int?, worker: String?
    ) throws(TuningError) -> Trial? {
        try locked { () throws(TuningError) -> Trial? in
            guard let record = records[study] else { throw .unknownStudy(name: study) }
            let number = trialsByStudy[study]?.count ?? 0
            if let limit, number >= limit { return nil }
            let running = status == .running
            let now = Date()
            let trial = Trial(
                number: number, assignment: assignment, status: status, seed: record.trialSeed(number), attempts: running ? 1 : 0,
                startedAt: running ? now : nil, samplerFallback: fallback, worker: running ? worker : nil,
                heartbeatAt: running && worker != nil ? now : nil)
            trialsByStudy[study, default: []].append(trial)
            return trial
        }
    }

    public func claimPendingTrial(study: String, worker: String?) throws(TuningError) -> Trial? {
        try locked { () throws(TuningError) -> Trial? in
            guard records[study] != nil else { throw .unknownStudy(name: study) }
            guard let index = trialsByStudy[study]?.firstIndex(where: { $0.status == .pending }) else { return nil }
            let now = Date()
            trialsByStudy[study]?[index].status = .running
            trialsByStudy[study]?[index].attempts += 1
            trialsByStudy[study]?[index].startedAt = now
            trialsByStudy[study]?[index].intermediateValues = []
            trialsByStudy[study]?[index].process = nil
            trialsByStudy[study]?[index].worker = worker
            trialsByStudy[study]?[index].heartbeatAt = worker == nil ? nil : now
            return trialsByStudy[study]?[index]
        }
    }

    public func beat(study: String, worker: String) throws(TuningError) -> [Int] {
        try locked { () throws(TuningError) -> [Int] in
            guard var trials = trialsByStudy[study] else { throw .unknownStudy(name: study) }
            let now = Date()
            var held: [Int] = []
            for index in trials.indices where trials[index].status == .running && trials[index].worker == worker {
                trials[index].heartbeatAt = now
                held.append(trials[index].number)
            }
            trialsByStudy[study] = trials
            return held
        }
    }

    public func requeueStaleTrials(study: String, silentFor seconds: Double) throws(TuningError) -> [Int] {
        try locked { () throws(TuningError) -> [Int] in
            guard var trials = trialsByStudy[study] else { throw .unknownStudy(name: study) }
            let cutoff = Date().addingTimeInterval(-seconds)
            var stale: [Int] = []
            for index in trials.indices where trials[index].status == .running && trials[index].worker != nil {
                guard let last = trials[index].heartbeatAt ?? trials[index].startedAt, last < cutoff else { continue }
                trials[index].status = .pending
                trials[index].worker = nil
                stale.append(trials[index].number)
            }
            trialsByStudy[study] = trials
            return stale
        }
    }

    public func releaseTrials(study: String, worker: String) throws(TuningError) -> [Int] {
        try locked { () throws(TuningError) -> [Int] in
            guard var trials = trialsByStudy[study] else { throw .unknownStudy(name: study) }
            var released: [Int] = []
            for index in trials.indices where trials[index].status == .running && trials[index].worker == worker {
                trials[index].status = .pending
                trials[index].worker = nil
                released.append(trials[index].number)
            }
            trialsByStudy[study] = trials
            return released
        }
    }

    public func recordIntermediate(study: String, number: Int, step: Int, value: Double) throws(TuningError) {
        try locked { () throws(TuningError) in
            let index = try unfinishedIndex(study: study, number: number)
            var values = trialsByStudy[study]?[index].intermediateValues ?? []
            values.removeAll { $0.step == step }
            values.append(IntermediateValue(step: step, value: value))
            values.sort { $0.step < $1.step }
            trialsByStudy[study]?[index].intermediateValues = values
        }
    }

    public func recordProcess(study: String, number: Int, process: TrialProcess) throws(TuningError) {
        try locked { () throws(TuningError) in
            let index = try unfinishedIndex(study: study, number: number)
            trialsByStudy[study]?[index].process = process
        }
    }

    public func finishTrial(study: String, number: Int, outcome: TrialOutcome) throws(TuningError) -> Trial {
        try locked { () throws(TuningError) -> Trial in
            let index = try unfinishedIndex(study: study, number: number)
            let fields = outcome.fields
            trialsByStudy[study]?[index].status = fields.status
            trialsByStudy[study]?[index].value = fields.value
            trialsByStudy[study]?[index].error = fields.error
            trialsByStudy[study]?[index].finishedAt = Date()
            guard let trial = trialsByStudy[study]?[index] else { throw .unknownTrial(study: study, number: number) }
            return trial
        }
    }

    public func trials(study: String) throws(TuningError) -> [Trial] {
        try locked { () throws(TuningError) -> [Trial] in
            guard let trials = trialsByStudy[study] else { throw .unknownStudy(name: study) }
            return trials
        }
    }

    public func requeueRunningTrials(study: String) throws(TuningError) -> Int {
        try locked { () throws(TuningError) -> Int in
            guard var trials = trialsByStudy[study] else { throw .unknownStudy(name: study) }
            var count = 0
            for index in trials.indices where trials[index].status == .running {
                trials[index].status = .pending
                trials[index].worker = nil
                count += 1
            }
            trialsByStudy[study] = trials
            return count
        }
    }

    /// Index of trial `number`, which must exist and not have finished. Call with the lock held.
    private func unfinishedIndex(study: String, number: Int) throws(TuningError) -> Int {
        guard let trials = trialsByStudy[study] else { throw .unknownStudy(name: study) }
        guard trials.indices.contains(number) else { throw .unknownTrial(study: study, number: number) }
        let status = trials[number].status
        if status.isFinished { throw .trialAlreadyFinished(study: study, number: number, status: status.rawValue) }
        return number
    }

    public func saveJob(_ job: JobRecord) throws(TuningError) {
        try locked { jobsByName[job.name] = job }
    }

    public func replaceJob(_ job: JobRecord, ifUpdatedAt seen: Date) throws(TuningError) -> Bool {
        try locked { () -> Bool in
            guard let stored = jobsByName[job.name], JobRecord.sameUpdate(stored.updatedAt, seen) else { return false }
            jobsByName[job.name] = job
            return true
        }
    }

    public func job(named name: String) throws(TuningError) -> JobRecord? {
        try locked { jobsByName[name] }
    }

    public func jobs() throws(TuningError) -> [JobRecord] {
        try locked { jobsByName.values.sorted { ($0.createdAt, $0.name) < ($1.createdAt, $1.name) } }
    }

    public func saveAttachment(study: String, number: Int, data: Data) throws(TuningError) {
        try locked { () throws(TuningError) in
            guard let trials = trialsByStudy[study] else { throw .unknownStudy(name: study) }
            guard trials.indices.contains(number) else { throw .unknownTrial(study: study, number: number) }
            attachments[study, default: [:]][number] = data
        }
    }

    public func attachment(study: String, number: Int) throws(TuningError) -> Data? {
        try locked { attachments[study]?[number] }
    }

    public func removeAttachments(study: String) throws(TuningError) {
        try locked { attachments[study] = nil }
    }
}
