import Foundation

/// A task executor on one thread that lives as long as the process: trial commands are started
/// from it.
///
/// Why: a trial's command gets a parent-death signal (``ScriptExecutor``), and Linux sends that
/// signal when the *thread* that started the child exits, not the process. The shared executor's
/// threads come and go when idle, which would kill healthy trials; this one never exits, so the
/// signal comes only when automl itself dies (`kill -9` included).
final class TrialSpawnThread: TaskExecutor, @unchecked Sendable {
    static let shared = TrialSpawnThread()

    // @unchecked Sendable: `jobs` is only touched under `condition`'s lock.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    private init() {
        let thread = Thread { [unowned self] in self.serve() }
        thread.name = "automl-trial-spawn"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func serve() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
