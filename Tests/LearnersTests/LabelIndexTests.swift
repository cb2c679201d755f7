import Foundation
import Learners
import Tabular
import Testing

/// The label lists of fitted encoders.
@Suite struct LabelIndexTests {
    @Test func savesAsThePlainListOfLabelsSoOlderModelsReadTheSame() throws {
        let index = LabelIndex(["b", "a", "c"])
        #expect(String(decoding: try JSONEncoder().encode(index), as: UTF8.self) == #"["b","a","c"]"#)
        let read = try JSONDecoder().decode(LabelIndex.self, from: Data(#"["x","y"]"#.utf8))
        #expect(read.labels == ["x", "y"] && read.position(of: "y") == 1 && read.position(of: "z") == nil)
    }

    /// Law: every label is found at its first position in the list.
    @Test(arguments: 0..<20) func everyLabelIsAtItsFirstPosition(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let labels = (0..<Int(generator.next() % 40)).map { _ in "label\(generator.next() % 25)" }
        let index = LabelIndex(labels)
        for label in Set(labels) { #expect(index.position(of: label) == labels.firstIndex(of: label)) }
        #expect(index.count == labels.count && index == LabelIndex(labels))
    }
}
