import Foundation
import Hummingbird
import HummingbirdTesting
import SealConsole
import SealDocument
import SealPDF
import SealPKI
import SealRegistry
import SealRender
import SealSES
import SealStation
import Testing

/// 签章 of a PDF on the console: the preview shows the page with its text and the seal where the stamp puts it, and
/// the 签章 form hands back the stamped PDF (one approved use consumed), which verifies and 验章 accepts.
@Suite("The console's 签章 on PDF documents")
struct ConsolePDFStampTests {
    /// A 2-page contract drawn with cairo (the Song face embedded).
    static func contract() throws -> [UInt8] {
        try SealRenderer().textPagesPDF(title: "采购合同", pages: [["甲方：北京某某科技发展有限公司"], ["乙方（盖章）：", "", "二〇二六年十二月一日"]])
    }

    /// The number between the patterns `prefix` and `suffix` in `text`.
    static func number(after prefix: String, before suffix: String, in text: String) -> Double? {
        guard let regex = try? NSRegularExpression(pattern: prefix + "([0-9.-]+)" + suffix),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return Double(text[range])
    }

    @Test("preview by keyword shows page 2 with its text; 签章 by keyword returns a PDF that verifies and consumes the use; 验章 passes it; a second 签章 is refused")
    func stampPDF() async throws {
        let fixture = try await ConsoleFixture()
        let seal = try ConsoleUseTests.issuedSeal(fixture)
        let use = try fixture.station.requestUse(by: fixture.clerk, sealID: seal.id!, reason: "签订采购合同", count: 1, now: ConsoleFixture.now)
        _ = try fixture.station.approveUse(by: fixture.approver, requestID: use.id!, now: ConsoleFixture.now)
        fixture.clock.advance(120)
        let contract = ConsoleBrowser.FilePart(field: "document", filename: "合同.pdf", bytes: try Self.contract())
        try await fixture.console.application().test(.router) { client in
            var clerk = ConsoleBrowser(client)
            _ = try await clerk.signIn("经办人丁", "clerk passphrase")
            let form = try await clerk.get("/uses/\(use.id!)")
            #expect(form.body.contains("OFD、PDF 文件盖章后下载"))
            let csrf = try #require(form.csrf)
            let before = try fixture.snapshot()

            let preview = try await clerk.postMultipart(
                "/uses/\(use.id!)/preview", [("csrf", csrf), ("placement", "keyword"), ("keyword", "乙方（盖章）")], files: [contract])
            #expect(preview.status == .ok, "\(preview.text)")
            #expect(preview.text.contains("第 2 页") && !preview.text.contains("第 1 页</h2>"))
            #expect(preview.text.contains(#"viewBox="0 0 210 297""#) && preview.text.contains(">乙</text>"))
            // The character 乙 is drawn where the seal centred on the keyword is (both within a few mm).
            let characterY = try #require(Self.number(after: #"y=""#, before: ##"" font-size="[0-9.]+" fill="#333">乙</text>"##, in: preview.text))
            let sealY = try #require(Self.number(after: #"<image href="[^"]+" x="[0-9.-]+" y=""#, before: #"""#, in: preview.text))
            #expect(abs(characterY - (sealY + 21)) < 5, "乙 at y \(characterY), seal from \(sealY)")
            #expect(try fixture.snapshot() == before)

            let stamped = try await clerk.postMultipart(
                "/uses/\(use.id!)/sign", ConsoleUseTests.signFields(csrf) + [("placement", "keyword"), ("keyword", "乙方（盖章）")], files: [contract])
            #expect(stamped.status == .ok, "\(stamped.text)")
            #expect(stamped.headers[.contentType] == "application/pdf")
            #expect(stamped.headers[.contentDisposition]?.contains(".pdf") == true)
            #expect(stamped.bytes.starts(with: contract.bytes))
            let report = try PDFVerifier(trust: .anchors([fixture.station.ca.certificate]), at: fixture.clock.now).verify(stamped.bytes, name: "合同-已盖章.pdf")
            #expect(report.isValid && report.signatures.first?.appearances.first?.page == 2, "\(report.signatures.flatMap(\.failures))")
            #expect(try fixture.station.useRequest(use.id!).state == .exhausted)

            let exhausted = try fixture.snapshot()
            let again = try await clerk.postMultipart(
                "/uses/\(use.id!)/sign", ConsoleUseTests.signFields(csrf) + [("placement", "position"), ("page", "1"), ("x", "100"), ("y", "100")],
                files: [contract])
            #expect(again.status == .conflict)
            #expect(try fixture.snapshot() == exhausted)

            var auditor = ConsoleBrowser(client)
            _ = try await auditor.signIn("审计员丙", "auditor passphrase")
            let verifyPage = try await auditor.get("/verify")
            let checked = try await auditor.postMultipart(
                "/verify", [("csrf", verifyPage.csrf ?? "")], files: [.init(field: "file", filename: "合同-已盖章.pdf", bytes: stamped.bytes)])
            #expect(checked.status == .ok && checked.text.contains("验章通过"), "\(checked.text)")
        }
    }
}
