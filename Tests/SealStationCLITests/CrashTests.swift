import Foundation
import SealTestSupport
import Testing

@Suite("Crash safety")
struct CrashTests {
    @Test("Scripts/crash-test with a few trials: SIGKILLed issues leave a consistent station")
    func crashTest() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/crash-test").path
        let result = try ExternalTool.run(script, ["--trials", "5", "--max-delay-ms", "1200"], environment: ["SEALSTATION_BIN": SealStationCLI.binary.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("every check passed"))
    }
}
