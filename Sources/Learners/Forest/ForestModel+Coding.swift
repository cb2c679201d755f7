import Foundation

/// A forest in a model file. Class distributions are stored for leaves only (predictions never
/// read an inner node's), all trees' in one packed array: the wine-quality forest's per-node
/// distributions as decimal JSON were 122 MB and took most of a job's last 19 s to write. Files
/// with the per-node `distributions` arrays (before packing) still read.
extension ForestModel {
    private enum CodingKeys: String, CodingKey {
        case featureNames, task, classes, trees, outOfBagScore, linearBase
        case distributions
        case leafDistributions
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let featureNames = try container.decode([String].self, forKey: .featureNames)
        let task = try container.decode(Task.self, forKey: .task)
        let classes = try container.decode([String].self, forKey: .classes)
        let trees = try container.decode([Tree].self, forKey: .trees)
        let outOfBagScore = try container.decodeIfPresent(Double.self, forKey: .outOfBagScore)
        var distributions: [[Double]] = []
        if let packed = try container.decodeIfPresent(PackedDoubles.self, forKey: .leafDistributions) {
            let width = classes.count
            let leaves = trees.reduce(0) { $0 + $1.feature.lazy.filter { $0 < 0 }.count }
            guard packed.values.count == leaves * width else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: container.codingPath + [CodingKeys.leafDistributions],
                        debugDescription: "\(packed.values.count) leaf probabilities for \(leaves) leaves of \(width) classes"))
            }
            var offset = 0
            for tree in trees {
                var perNode = [Double](repeating: 0, count: tree.nodeCount * width)
                for (node, feature) in tree.feature.enumerated() where feature < 0 {
                    for k in 0..<width { perNode[node * width + k] = packed.values[offset + k] }
                    offset += width
                }
                distributions.append(perNode)
            }
        } else {
            distributions = try container.decodeIfPresent([[Double]].self, forKey: .distributions) ?? []
        }
        guard classes.isEmpty || distributions.count == trees.count else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: container.codingPath, debugDescription: "a classification forest needs one class distribution table per tree"))
        }
        self.init(
            featureNames: featureNames, task: task, classes: classes, trees: trees, distributions: distributions, outOfBagScore: outOfBagScore,
            linearBase: try container.decodeIfPresent(LinearBase.self, forKey: .linearBase))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(featureNames, forKey: .featureNames)
        try container.encode(task, forKey: .task)
        try container.encode(classes, forKey: .classes)
        try container.encode(trees, forKey: .trees)
        try container.encodeIfPresent(outOfBagScore, forKey: .outOfBagScore)
        try container.encodeIfPresent(linearBase, forKey: .linearBase)
        guard !classes.isEmpty else { return }
        let width = classes.count
        var leaves: [Double] = []
        for (t, tree) in trees.enumerated() {
            // Every node, leaves included, has its distribution (the grower sets one before splitting).
            for (node, feature) in tree.feature.enumerated() where feature < 0 {
                leaves.append(contentsOf: distributions[t][(node * width)..<((node + 1) * width)])
            }
        }
        try container.encode(PackedDoubles(leaves), forKey: .leafDistributions)
    }
}
