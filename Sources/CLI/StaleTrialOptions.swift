import ArgumentParser
import Tuning

/// How long a silent worker keeps its trials, shared by `automl tune`, `automl run` and `automl worker`.
struct StaleTrialOptions: ParsableArguments {
    @Option(
        name: .customLong("stale-after"),
        help:
            "With workers (`automl worker`): a worker silent this long is taken for lost and its running trials re-queued (default: 60s; at least 3s)."
    )
    var staleAfter = "60s"

    /// The duration in seconds.
    /// - Throws: ``InputError`` naming the option and the durations it takes.
    func seconds() throws -> Double {
        let seconds = try TuneCommand.duration(staleAfter, flag: "--stale-after")
        guard seconds >= Tuner.minimumStaleAfter else {
            throw InputError(
                message:
                    "--stale-after must be at least \(Int(Tuner.minimumStaleAfter))s (got '\(staleAfter)'): every process beats once a second, and a shorter silence would take live workers for lost."
            )
        }
        return seconds
    }
}
