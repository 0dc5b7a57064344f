import Foundation
import SealTestSupport
import Testing

/// `apply --credit-code` and `--holder-id` are checked as the arguments are parsed: before any station is opened, a
/// malformed code is refused naming the option, the failing character and its position, with exit status 1.
@Suite("Identifier arguments")
struct IdentifierArgumentTests {
    func apply(_ extra: [String]) throws -> ExternalTool.Result {
        let directory = try TemporaryDirectory()
        // No station exists there: only parsing can refuse these.
        return try SealStationCLI.run(["apply", "--unit", "某公司", "--template", "round-42", "--reason", "x", "--officer", "王经办",
                                       "--passphrase-file", directory.path("none.pass"), "--db", directory.path("nowhere/registry.sqlite")] + extra)
    }

    @Test("a credit code with a character outside GB 32100's alphabet or a wrong check character is refused at parse time")
    func creditCode() throws {
        let letterO = try apply(["--credit-code", "91110108MA0000007O"])
        #expect(letterO.status == 1)
        #expect(letterO.stderr.contains("--credit-code") && letterO.stderr.contains("character 18 \"O\" is not allowed"), "\(letterO.stderr)")
        #expect(!letterO.stderr.contains("no station"))
        let check = try apply(["--credit-code", "91110108MA00000071"])
        #expect(check.status == 1 && check.stderr.contains("check character") && !check.stderr.contains("no station"))
    }

    @Test("a holder 公民身份号码 that fails GB 11643 is refused at parse time; a valid code gets as far as the station")
    func holderID() throws {
        let bad = try apply(["--credit-code", "91110108MA00000070", "--holder-id", "11010519491231002Y"])
        #expect(bad.status == 1 && bad.stderr.contains("--holder-id") && bad.stderr.contains("公民身份号码"), "\(bad.stderr)")
        let good = try apply(["--credit-code", "91110108ma00000070"])
        #expect(good.status == 1 && good.stderr.contains("no station"), "\(good.stderr)")
    }
}
