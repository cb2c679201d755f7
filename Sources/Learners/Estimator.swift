import Tuning

/// A learning algorithm with its hyperparameters: the configuration itself. Fitting mutates
/// nothing and returns a ``Predictor``.
public protocol Estimator: Sendable {
    associatedtype Model: Predictor

    /// The stable name of the algorithm ("gbdt", "linear", ...), as in model files and `--algorithms`.
    static var name: String { get }
    /// How its features should be prepared.
    static var family: LearnerFamily { get }
    /// Roughly how costly one fit is next to the others (gbdt = 1), for budgeting.
    static var relativeCost: Double { get }
    /// Whether it can learn `task`.
    static func supports(_ task: Task) -> Bool
    /// The hyperparameters worth tuning for data of this shape, with SageMaker-like ranges and
    /// scaling; each parameter's `initial` value makes a cheap first configuration.
    static func searchSpace(rows: Int, columns: Int, task: Task) -> SearchSpace
    /// Further starting points a search tries right after every algorithm's cheap initial one:
    /// settings known to do well on most data (hyperparameters by name; the others keep their
    /// initial values). None by default.
    static func portfolio(rows: Int, columns: Int, task: Task) -> [Assignment]

    /// The peer library's defaults (what a user gets without tuning).
    init()
    /// Hyperparameters from a tuner's assignment; absent ones keep their defaults.
    /// - Throws: ``LearnersError/invalidHyperparameter(learner:message:)`` for a value out of range.
    init(assignment: Assignment) throws(LearnersError)
    /// The hyperparameters, as named to users.
    var assignment: Assignment { get }
    /// How much work one fit does next to another fit of the same algorithm on the same rows
    /// (rounds × depth, trees × depth, epochs × units): what scales the seconds a trial took to
    /// the seconds a differently configured one will take. 1 by default.
    var relativeWork: Double { get }

    /// Fits on `training`; `validation` (same features and classes) drives early stopping where the
    /// algorithm has it. Uses at most `threads` threads; `seed` makes it reproducible.
    func fit(_ training: Dataset, validation: Dataset?, seed: UInt64, threads: Int) throws(LearnersError) -> Model
}

extension Estimator {
    public static func portfolio(rows: Int, columns: Int, task: Task) -> [Assignment] { [] }
    public var relativeWork: Double { 1 }
}
