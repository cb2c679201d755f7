/// Decides, when a running trial reports an intermediate value, whether to stop it early.
public protocol StoppingRule: Sendable {
    /// The rule's name as reports show it (`Auto`, `Hyperband`).
    var name: String { get }
    /// Whether `trial` (running; its `intermediateValues` end with the value just reported) should
    /// stop, given all trials of its study.
    func shouldStop(_ trial: Trial, among trials: [Trial], direction: Direction) -> Bool
}
