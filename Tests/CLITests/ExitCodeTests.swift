import AutoML
import Testing

@testable import CLI

/// The documented exit codes by kind of error: 2 for bad input or usage, 1 for a failure of automl
/// itself.
@Suite(.processSlot) struct ExitCodeTests {
    func status(_ error: any Error) -> Int32 {
        AutoMLCommand.status(for: error, parserCode: AutoMLCommand.exitCode(for: error))
    }

    @Test func badInputIsTwoAndInternalFaultsAreOne() {
        #expect(status(AutoMLError.invalidSetting(name: "--parallel", reason: "must be at least 1")) == 2)
        #expect(status(InputError(message: "--goal must be minimize or maximize")) == 2)
        let fault = InternalFault("gbdt scored f1 = nan on fold 2")
        #expect(status(fault) == 1)
        #expect(fault.errorDescription?.hasPrefix("internal fault: gbdt scored f1 = nan on fold 2. This is a bug in automl") == true)
    }
}
