import Foundation
import TestSupport
import Testing

@testable import Tuning

/// A job's own process, starting or resuming, puts back only the running trials whose process is
/// gone: a live worker's stay its own, so no trial runs twice.
@Suite struct StudyRequeueTests {
    typealias Kind = TrialStoreContractTests.Kind

    /// A study with one running trial held by each of `workers` (nil: held by no name).
    static func study(_ kind: Kind, workers: [String?]) throws -> (store: any TrialStore, directory: URL) {
        let (store, directory) = try TrialStoreContractTests.makeStore(kind)
        _ = try store.openStudy(StudyRecord(name: "job", space: TestFunctions.braninSpace, direction: .minimize, seed: 7))
        for (index, worker) in workers.enumerated() {
            _ = try store.createTrial(
                study: "job", assignment: Assignment(["x1": .real(Double(index)), "x2": .real(1)]), status: .pending, fallback: nil,
                limit: nil, worker: nil)
            #expect(try store.claimPendingTrial(study: "job", worker: worker)?.number == index)
        }
        return (store, directory)
    }

    static func open(_ store: any TrialStore) throws -> [TrialStatus] {
        _ = try Study(
            name: "job", space: TestFunctions.braninSpace, direction: .minimize, seed: 7, sampler: RandomSampler(), store: store,
            worker: JobOwner.current.workerName, requeueRunning: true)
        return try store.trials(study: "job").sorted { $0.number < $1.number }.map(\.status)
    }

    /// A process of this host that has ended: its id is past the kernel's largest.
    static let deadHere = "\(HostIdentity.current.name):\(Int32.max):1"

    @Test(arguments: Kind.available) func onlyTheTrialsOfProcessesThatAreGoneGoBack(kind: Kind) throws {
        let (store, directory) = try Self.study(kind, workers: [Self.deadHere, JobOwner.current.workerName, "another-host:42:7"])
        defer { try? FileManager.default.removeItem(at: directory) }
        // The dead process's trial goes back; this live one's and the other host's (until its
        // heartbeats stop, which the tuner watches) stay running.
        #expect(try Self.open(store) == [.pending, .running, .running])
    }

    @Test(arguments: Kind.available) func trialsHeldByNoNameGoBackUnlessALiveWorkerHoldsTrials(kind: Kind) throws {
        let (store, directory) = try Self.study(kind, workers: [nil, nil])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try Self.open(store) == [.pending, .pending])
        let (mixed, mixedDirectory) = try Self.study(kind, workers: [nil, JobOwner.current.workerName])
        defer { try? FileManager.default.removeItem(at: mixedDirectory) }
        #expect(try Self.open(mixed) == [.running, .running])
    }
}
