import Foundation
@testable import Learners
import Testing

/// Trees in model files: packed arrays round-trip exactly, and files written with plain JSON
/// arrays (before packing) still read.
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
}
