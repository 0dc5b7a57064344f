import Foundation
import Hummingbird
import HummingbirdTesting
import SealConsole
import SealRegistry
import SealStation
import Testing

/// The 签章 preview: the document's pages drawn at true size with the seal where the stamp would put it, before anything
/// is signed; nothing is recorded and no use is consumed.
@Suite("The console's 签章 preview")
struct ConsoleStampPreviewTests {
    @Test("a keyword and a riding placement are previewed on their pages; the registry is unchanged; a missing keyword is named")
    func preview() async throws {
        let fixture = try await ConsoleFixture()
        let seal = try ConsoleUseTests.issuedSeal(fixture)
        let use = try fixture.station.requestUse(by: fixture.clerk, sealID: seal.id!, reason: "签订采购合同", count: 1, now: ConsoleFixture.now)
        _ = try fixture.station.approveUse(by: fixture.approver, requestID: use.id!, now: ConsoleFixture.now)
        let contract = ConsoleBrowser.FilePart(field: "document", filename: "合同.ofd", bytes: try ConsoleUseTests.contract())
        try await fixture.console.application().test(.router) { client in
            var clerk = ConsoleBrowser(client)
            _ = try await clerk.signIn("经办人丁", "clerk passphrase")
            let form = try await clerk.get("/uses/\(use.id!)")
            #expect(form.body.contains(#"formaction="/uses/\#(use.id!)/preview""#))
            let csrf = try #require(form.csrf)
            let before = try fixture.snapshot()

            let keyword = try await clerk.postMultipart(
                "/uses/\(use.id!)/preview", [("csrf", csrf), ("placement", "keyword"), ("keyword", "乙方（盖章）")], files: [contract])
            #expect(keyword.status == .ok, "\(keyword.text)")
            #expect(keyword.text.contains("第 2 页") && !keyword.text.contains("第 1 页</h2>"))
            #expect(keyword.text.contains(#"width="210mm" height="297mm" viewBox="0 0 210 297""#))
            #expect(keyword.text.contains(#"<image href="/seals/\#(seal.id!)/image.svg""#))
            #expect(keyword.text.contains(">乙方（盖章）：</text>"))

            let riding = try await clerk.postMultipart(
                "/uses/\(use.id!)/preview", [("csrf", csrf), ("placement", "riding"), ("edge", "right")], files: [contract])
            #expect(riding.status == .ok)
            #expect(riding.text.contains("第 1 页") && riding.text.contains("第 2 页"))
            #expect(riding.text.components(separatedBy: "<clipPath id=").count == 3)

            let missing = try await clerk.postMultipart(
                "/uses/\(use.id!)/preview", [("csrf", csrf), ("placement", "keyword"), ("keyword", "丙方")], files: [contract])
            #expect(missing.status == .unprocessableContent && missing.text.contains("丙方"))
            let noCSRF = try await clerk.postMultipart(
                "/uses/\(use.id!)/preview", [("placement", "riding")], files: [contract])
            #expect(noCSRF.status == .forbidden)
            #expect(try fixture.snapshot() == before)
            #expect(try fixture.station.useRequest(use.id!).used == 0)
        }
    }
}
