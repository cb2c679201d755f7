import Synchronization

/// The Gaussian-process hyperparameters a ``BayesianSampler`` fitted last on at least
/// ``fromObservations`` observations, so that its next suggestions reuse them and refit only once
/// the observations have grown by a tenth: the maximum-a-posteriori fit was a third of a proposal's
/// time at 200 observations, and with that many the hyperparameters move little between
/// neighbouring suggestions. Below it every suggestion refits: reusing them from 10 observations on
/// cost sample efficiency in the tuning benchmark (Hartmann6 in batches of 4: median log10 regret
/// −1.38 against −2.15 at 48 evaluations). Shared by the copies of one sampler (a ``Study`` holds
/// one); a new sampler starts empty, so the same sequence of observations gets the same suggestions.
final class HyperparameterMemory: Sendable {
    struct Entry: Sendable {
        /// Observations the hyperparameters were fitted on.
        var count: Int
        /// Whether the losses were modelled on a log scale (a change of scale needs a refit).
        var logScale: Bool
        var hyperparameters: GaussianProcess.Hyperparameters
    }

    private let entry = Mutex<Entry?>(nil)

    /// The fewest observations whose fit is reused.
    static let fromObservations = 100

    /// The remembered hyperparameters when they may serve `count` observations on `logScale`.
    func reusable(count: Int, logScale: Bool) -> GaussianProcess.Hyperparameters? {
        entry.withLock { entry in
            guard let entry, entry.count >= Self.fromObservations, entry.logScale == logScale, count >= entry.count,
                count - entry.count < entry.count / 10
            else { return nil }
            return entry.hyperparameters
        }
    }

    /// Keeps the hyperparameters just fitted on `count` observations.
    func remember(_ hyperparameters: GaussianProcess.Hyperparameters, count: Int, logScale: Bool) {
        entry.withLock { $0 = Entry(count: count, logScale: logScale, hyperparameters: hyperparameters) }
    }
}
