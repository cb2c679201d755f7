import Foundation
import Testing
import Tuning

@testable import Learners

/// Trees in model files: packed arrays round-trip exactly, and files written with plain JSON
/// arrays (before packing) still read; forests store leaf class distributions only, packed.
@Suite struct TreeCodingTests {
    static let plainJSON = """
        {"feature":[0,-1,-1],"threshold":[0.5,0,0],"left":[1,-1,-1],"right":[2,-1,-1],
         "defaultLeft":[true,false,false],"value":[0,-1.25,3.5],"gain":[12.5,0,0]}
        """

    @Test func plainArraysStillReadAndPackedOnesRoundTrip() throws {
        let tree = try JSONDecoder().decode(Tree.self, from: Data(Self.plainJSON.utf8))
        #expect(tree.feature == [0, -1, -1] && tree.left == [1, -1, -1] && tree.right == [2, -1, -1])
        #expect(tree.defaultLeft == [true, false, false] && tree.value == [0, -1.25, 3.5] && tree.gain == [12.5, 0, 0])
        let packed = try JSONEncoder().encode(tree)
        #expect(String(decoding: packed, as: UTF8.self).contains(#""packed""#))
        #expect(try JSONDecoder().decode(Tree.self, from: packed) == tree)
    }

    @Test func aDamagedPackedTreeIsRefused() throws {
        let broken = #"{"packed":{"feature":"AAAA","threshold":"","left":"","right":"","defaultLeft":"","value":"","gain":""}}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Tree.self, from: Data(broken.utf8)) }
    }

    @Test func forestsStorePackedLeafDistributionsAndOldFilesStillRead() throws {
        let training = try EstimatorContractTests.synthetic(task: .multiclass, rows: 300)
        let model = try #require(
            try Catalog.fit(RandomForest.name, assignment: Assignment(["n_estimators": .integer(5)]), training: training, seed: 2, threads: 2)
                as? ForestModel)
        let prediction = try model.predict(training.features, threads: 1)
        let packed = try JSONEncoder().encode(model)
        var object = try #require(try JSONSerialization.jsonObject(with: packed) as? [String: Any])
        #expect(object["leafDistributions"] != nil && object["distributions"] == nil)
        #expect(try JSONDecoder().decode(ForestModel.self, from: packed).predict(training.features, threads: 1) == prediction)

        // The earlier layout: every node's distribution, one decimal array per tree.
        object["leafDistributions"] = nil
        object["distributions"] = model.distributions
        let old = try JSONSerialization.data(withJSONObject: object)
        #expect(old.count > packed.count)
        #expect(try JSONDecoder().decode(ForestModel.self, from: old).predict(training.features, threads: 1) == prediction)

        // Too few leaf probabilities for the trees' leaves is refused.
        object["distributions"] = nil
        object["leafDistributions"] = Data([0, 0, 0, 0, 0, 0, 240, 63]).base64EncodedString()
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ForestModel.self, from: JSONSerialization.data(withJSONObject: object)) }
    }
}
