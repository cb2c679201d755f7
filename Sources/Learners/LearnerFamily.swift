/// Groups of learners that want their features prepared alike.
///
/// Trees split on thresholds, so they need neither scaling nor one-hot columns; linear models,
/// k-nearest neighbours and neural networks compare magnitudes and need both.
public enum LearnerFamily: String, Codable, Sendable, CaseIterable {
    /// Gradient-boosted trees, random forests, extra trees.
    case trees
    /// The linear learner (linear or logistic regression).
    case linear
    /// k-nearest neighbours.
    case neighbors
    /// The multilayer perceptron.
    case neuralNetwork = "neural_network"

    /// The family's name for people, with its members.
    public var title: String {
        switch self {
        case .trees: "Tree ensembles (gradient-boosted trees, random forest, extra trees)"
        case .linear: "Linear learner"
        case .neighbors: "k-nearest neighbours"
        case .neuralNetwork: "Multilayer perceptron"
        }
    }

    /// Whether the family compares feature magnitudes (and so needs scaling and one-hot columns).
    public var needsScaledFeatures: Bool { self != .trees }
}
