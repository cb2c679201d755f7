import Testing

/// A test trait that runs each test of a suite only while it holds one of a few shared slots.
///
/// Tests that start real `automl` processes or whole jobs wait on them without holding a thread, so
/// Swift Testing would otherwise start all of them at once: dozens of jobs on two cores, and every
/// test that must act at a moment (kill a job mid-run, catch a heartbeat) would act minutes late.
/// The slots bound that load to what the machine can run side by side.
public struct ProcessSlot: TestTrait, SuiteTrait, TestScoping {
    /// How many slot-holding tests run at once.
    public static let count = 2

    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        // A suite's own scope holds nothing: only its test cases take slots.
        guard testCase != nil || !test.isSuite else { return try await function() }
        await ProcessSlots.shared.acquire()
        do {
            try await function()
        } catch {
            await ProcessSlots.shared.release()
            throw error
        }
        await ProcessSlots.shared.release()
    }
}

extension Trait where Self == ProcessSlot {
    /// Runs the suite's tests at most ``ProcessSlot/count`` at a time across all suites with this trait.
    public static var processSlot: ProcessSlot { ProcessSlot() }
}

/// The counting semaphore behind ``ProcessSlot``: waiters resume in arrival order.
actor ProcessSlots {
    static let shared = ProcessSlots()
    private var free = ProcessSlot.count
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            free += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
