import Foundation
import TestSupport
import Testing

/// The fuzzer's seeds and every input it ever crashed on (`Fuzz/Seeds/<target>/`), replayed through
/// the same entry the fuzzer drives: each must be read or refused with a typed error, never trap.
@Suite(.processSlot) struct FuzzSeedReplayTests {
    @Test(arguments: ["csv", "job"])
    func everySavedInputIsReadOrRefused(target: String) async throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("Fuzz/Seeds/\(target)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 4, "the seed folder \(folder.path) lost its inputs")
        let outcome = try await runProcess(
            "/usr/bin/env",
            ["AUTOML_FUZZ_TARGET=\(target)", Fixtures.builtExecutable("automl-fuzz")] + names.map { folder.appendingPathComponent($0).path })
        #expect(outcome.status == 0, "an input crashed the \(target) reader: \(outcome.standardError)")
        let lines = outcome.standardOutput.split(separator: "\n")
        #expect(lines.count == names.count, "\(outcome.standardOutput)")
        for (name, line) in zip(names, lines) {
            #expect(line.hasPrefix("\(name): ok") || line.hasPrefix("\(name): refused: "), "\(line)")
            if name == "utf16" { #expect(line.contains("UTF-16"), "a UTF-16 file is named as such: \(line)") }
        }
    }
}
