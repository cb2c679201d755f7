import Foundation

/// What can go wrong defining a search space, storing trials or running a tuning job. Messages say
/// what happened, where, and what to do.
public enum TuningError: Error, LocalizedError, Equatable, Sendable {
    /// A value outside its parameter's domain.
    case outOfRange(parameter: String, value: String, domain: String)
    /// A value of the wrong kind (a label for a number, a fraction for a whole number).
    case wrongKind(parameter: String, value: String, expected: String)
    /// A name no parameter has.
    case unknownParameter(name: String, known: [String])
    /// A parameter whose definition is unusable (bounds, scaling, categories, condition).
    case invalidSpace(parameter: String, reason: String)
    /// A full assignment lacks an active parameter.
    case missingParameter(name: String)
    /// A full assignment sets a parameter whose condition does not hold.
    case inactiveParameter(name: String, condition: String)
    /// A study exists under this name with another space or direction.
    case studyMismatch(study: String, detail: String)
    /// No study has this name.
    case unknownStudy(name: String)
    /// No trial has this number in the study.
    case unknownTrial(study: String, number: Int)
    /// A trial was finished (or reported) after it had already finished.
    case trialAlreadyFinished(study: String, number: Int, status: String)
    /// The trial store could not be opened, read or written.
    case storeFailure(path: String, message: String)
    /// A grid has no point left that was not tried.
    case searchSpaceExhausted(points: Int)
    /// A tuning setting is out of range (budget, parallelism, sampler settings).
    case invalidSetting(name: String, reason: String)
    /// A metric definition whose regular expression cannot be used.
    case invalidMetricDefinition(metric: String, regex: String, reason: String)
    /// A training command that cannot be run.
    case commandNotFound(command: String, detail: String)
    /// A training script's trial failed: why, and the last lines it printed.
    case scriptFailed(reason: String, lastLines: [String])

    public var errorDescription: String? {
        switch self {
        case .outOfRange(let parameter, let value, let domain):
            return "Hyperparameter '\(parameter)' = \(value) is outside its range \(domain). Choose a value inside the range."
        case .wrongKind(let parameter, let value, let expected):
            return "Hyperparameter '\(parameter)' = '\(value)' is not \(expected). Give \(expected)."
        case .unknownParameter(let name, let known):
            return "There is no hyperparameter '\(name)' (known: \(known.joined(separator: ", "))). Check the spelling."
        case .invalidSpace(let parameter, let reason):
            return "Search space parameter '\(parameter)': \(reason)."
        case .missingParameter(let name):
            return "The assignment has no value for hyperparameter '\(name)'. Give every active hyperparameter a value."
        case .inactiveParameter(let name, let condition):
            return "Hyperparameter '\(name)' is set, but it exists only when \(condition). Remove it or change its parent."
        case .studyMismatch(let study, let detail):
            return "Study '\(study)' already exists with a different \(detail). Use a new job name, or the same settings to resume it."
        case .unknownStudy(let name):
            return "There is no tuning job named '\(name)' in the store. List the jobs with `automl jobs` and check the name."
        case .unknownTrial(let study, let number):
            return "Tuning job '\(study)' has no trial \(number)."
        case .trialAlreadyFinished(let study, let number, let status):
            return "Trial \(number) of tuning job '\(study)' has already finished (\(status)); a trial is finished once."
        case .storeFailure(let path, let message):
            if PostgreSQLLocation.isPostgreSQL(path) {
                return "The trial store at \(path) failed: \(message). Check that the PostgreSQL server runs and this machine reaches it, "
                    + "and the URL's user, password and database; --store-timeout sets how long an unreachable server is retried."
            }
            return "The trial store at \(path) failed: \(message). Check the file is a writable automl store on a local disk."
        case .searchSpaceExhausted(let points):
            return "Every one of the \(points) grid points has been tried. Raise the grid resolution or stop the job."
        case .invalidSetting(let name, let reason):
            return "Tuning setting '\(name)': \(reason)."
        case .invalidMetricDefinition(let metric, let regex, let reason):
            return "Metric definition '\(metric)' (regex \(regex)): \(reason)."
        case .commandNotFound(let command, let detail):
            return "The training command '\(command)' cannot be run: \(detail). Give an existing executable (a path, or a name on PATH)."
        case .scriptFailed(let reason, let lastLines):
            let log =
                lastLines.isEmpty
                ? " It printed nothing." : " Its last \(lastLines.count) log lines:\n" + lastLines.map { "  | " + $0 }.joined(separator: "\n")
            return "The training script \(reason).\(log)"
        }
    }
}
