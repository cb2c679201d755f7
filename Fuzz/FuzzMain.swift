import Foundation

#if FUZZING
    /// libFuzzer's driver, from clang's `libclang_rt.fuzzer_no_main` (linked by `scripts/build-fuzzer.sh`).
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ input: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt
#endif

/// Under `scripts/build-fuzzer.sh`: hands the command line to libFuzzer, which feeds every input it
/// generates to ``FuzzEntry/exercise(_:target:)``. In an ordinary build: replays the files named on
/// the command line through the same entry, one line per file (`ok` or the typed error), so a saved
/// crash input becomes a test.
@main
struct FuzzMain {
    static func main() throws {
        #if FUZZING
            var count = CommandLine.argc
            var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(
                runFuzzerDriver(&count, &arguments) { data, size in
                    FuzzEntry.exercise(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
                    return 0
                })
        #else
            for path in CommandLine.arguments.dropFirst() {
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                let outcome = FuzzEntry.exercise(bytes)
                print("\(URL(fileURLWithPath: path).lastPathComponent): \(outcome.map { "refused: " + $0.prefix(120) } ?? "ok")")
            }
        #endif
    }
}
