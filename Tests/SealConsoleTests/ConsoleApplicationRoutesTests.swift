import Foundation
import Hummingbird
import HummingbirdTesting
import SealConsole
import SealCrypto
import SealPKI
import SealRegistry
import SealStation
import SealTestSupport
import Testing

/// 申请 → 审批 → 制作 → 查询 → 注销 through the console's routes, and every refusal of those forms.
@Suite("The console's application and seal pages")
struct ConsoleApplicationRoutesTests {
    static let unit = "北京某某科技发展有限公司"

    @Test("申请 with an attachment, 审批 by another officer with the passphrase again, 制作, 查询 and 注销")
    func wholeFlow() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var clerk = ConsoleBrowser(client)
            #expect(try await clerk.signIn("经办人丁", "clerk passphrase").location == "/workbench")
            let form = try await clerk.get("/applications/new")
            #expect(form.status == .ok)
            #expect(form.body.contains(#"<img id="preview" src="/preview.svg?template="#))
            #expect(form.body.contains(#"enctype="multipart/form-data""#))
            let applied = try await clerk.postMultipart(
                "/applications",
                [("csrf", form.csrf!), ("unitName", "<script>某&公司"), ("creditCode", "91110108ma00000070"), ("template", "special-40"),
                 ("useName", "合同专用章"), ("physicalCode", "1101080012345"), ("reason", "新设立单位刻制合同专用章")],
                files: [("attachment1", "营业执照.pdf", Array("%PDF-1.7 license".utf8))])
            #expect(applied.status == .seeOther)
            let path = try #require(applied.location)
            #expect(path.hasPrefix("/applications/"))
            let id = try #require(Int64(path.dropFirst("/applications/".count)))
            let recorded = try fixture.station.application(id)
            #expect(recorded.state == .applied && recorded.creditCode.value == "91110108MA00000070" && recorded.unitName == "<script>某&公司")
            let attachments = try fixture.station.attachments(ofApplication: id)
            #expect(attachments.map(\.name) == ["营业执照.pdf"])
            #expect(try attachments.first?.sm3 == Hex.encode(SM3.hash(Array("%PDF-1.7 license".utf8))))

            var approver = ConsoleBrowser(client)
            #expect(try await approver.signIn("审批人乙", "approver passphrase").location == "/workbench")
            let detail = try await approver.get(path)
            #expect(detail.body.contains("&lt;script&gt;某&amp;公司") && !detail.body.contains("<script>某"))
            #expect(detail.body.contains(#"action="\#(path)/approve""#))
            #expect(detail.body.contains("营业执照.pdf") && detail.body.contains(attachments[0].sm3))
            let attachment = try await approver.download("\(path)/attachments/0")
            #expect(attachment.status == .ok && attachment.bytes == Array("%PDF-1.7 license".utf8))
            let preview = try await approver.download("\(path)/preview.svg")
            #expect(preview.headers[.contentType] == "image/svg+xml")
            #expect(String(decoding: preview.bytes, as: UTF8.self).contains(#"width="40mm""#))
            let approved = try await approver.post("\(path)/approve", [("csrf", detail.csrf!), ("note", "同意"), ("confirm", "approver passphrase")])
            #expect(approved.status == .seeOther)
            #expect(try fixture.station.application(id).state == .approved)

            let issueForm = try await clerk.get(path)
            #expect(issueForm.body.contains(#"action="\#(path)/issue""#))
            let issued = try await clerk.post("\(path)/issue", [
                ("csrf", issueForm.csrf!), ("custody", "station"), ("holderPassphrase", "holder passphrase 1"),
                ("holderPassphraseAgain", "holder passphrase 1"), ("stationPassphrase", "station passphrase"), ("confirm", "clerk passphrase"),
            ])
            #expect(issued.status == .seeOther)
            let sealPath = try #require(issued.location)
            let sealID = try #require(Int64(sealPath.dropFirst("/seals/".count)))
            let seal = try fixture.station.seal(sealID)
            #expect(seal.state == .issued && seal.applicationID == id)

            let list = try await approver.get("/seals?name=" + ConsoleBrowser.encode("合同专用章"))
            #expect(list.body.contains(#"<a href="/seals/\#(sealID)">\#(sealID)</a>"#) && list.body.contains(seal.esID))
            #expect(list.body.contains("&lt;script&gt;某&amp;公司"))
            let none = try await approver.get("/seals?creditCode=91350100M000100Y43")
            #expect(none.body.contains("没有符合条件的印章。"))
            let sealPage = try await approver.get(sealPath)
            #expect(sealPage.body.contains("seal.issue") && sealPage.body.contains("持有人证书") && sealPage.body.contains("此印章尚未使用。"))
            #expect(sealPage.body.contains(#"action="\#(sealPath)/revoke""#))
            let image = try await approver.download("\(sealPath)/image.png")
            #expect(image.bytes == Array(seal.imagePNG))
            let esl = try await approver.download("\(sealPath)/seal.esl")
            #expect(esl.bytes == Array(seal.sealDER))

            let revoked = try await approver.post("\(sealPath)/revoke", [
                ("csrf", sealPage.csrf!), ("reason", "单位注销"), ("crlReason", "5"), ("confirm", "approver passphrase"),
            ])
            #expect(revoked.status == .seeOther)
            #expect(try fixture.station.seal(sealID).state == .revoked)
            #expect(try await approver.get(sealPath).body.contains("已注销"))
        }
    }

    @Test("变更 opens the 申请 form filled from the seal; the new application names the seal it replaces")
    func change() async throws {
        let fixture = try await ConsoleFixture()
        let seal = try fixture.issuedSeal()
        try await fixture.console.application().test(.router) { client in
            var clerk = ConsoleBrowser(client)
            _ = try await clerk.signIn("经办人丁", "clerk passphrase")
            let form = try await clerk.get("/applications/new?replaces=\(seal.id!)")
            #expect(form.body.contains("变更申请") && form.body.contains(#"name="replaces" value="\#(seal.id!)""#))
            #expect(form.body.contains(#"value="\#(Self.unit)""#))
            let applied = try await clerk.postMultipart(
                "/applications",
                [("csrf", form.csrf!), ("replaces", String(seal.id!)), ("unitName", Self.unit), ("creditCode", "91110108MA00000070"),
                 ("template", "special-40"), ("useName", "合同专用章"), ("physicalCode", "1101080012345"), ("reason", "印章变更")],
                files: [])
            let id = try #require(applied.location.flatMap { Int64($0.dropFirst("/applications/".count)) })
            #expect(try fixture.station.application(id).replacesSealID == seal.id)
        }
    }

    @Test("the preview follows the fields; the 统一社会信用代码 is checked as typed, in Chinese")
    func previewAndCheck() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var clerk = ConsoleBrowser(client)
            _ = try await clerk.signIn("经办人丁", "clerk passphrase")
            let svg = try await clerk.download("/preview.svg?template=round-42&unitName=" + ConsoleBrowser.encode("上海某某有限公司"))
            #expect(svg.status == .ok && String(decoding: svg.bytes, as: UTF8.self).contains(#"width="42mm""#))
            let good = try await clerk.get("/check/credit-code?value=91110108MA00000070")
            #expect(good.body.contains(#""valid":true"#) || good.body.contains(#""valid" : true"#))
            let bad = try await clerk.get("/check/credit-code?value=91110108MA00000071")
            #expect(bad.body.contains("校验码"))
            // The server checks again: a wrong check character is refused with the same sentence, nothing recorded.
            let form = try await clerk.get("/applications/new")
            let before = try fixture.snapshot()
            let refused = try await clerk.postMultipart(
                "/applications",
                [("csrf", form.csrf!), ("unitName", Self.unit), ("creditCode", "91110108MA00000071"), ("template", "special-40"),
                 ("reason", "刻制")], files: [])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("统一社会信用代码的校验码"))
            #expect(try fixture.snapshot() == before)
        }
    }

    /// One state-changing form: who may post it and what it needs.
    struct Form {
        let path: String
        let fields: [(String, String)]
        let allowed: (name: String, passphrase: String)
        let other: (name: String, passphrase: String)
        let needsConfirm: Bool
    }

    @Test("every form of these pages refuses a missing or wrong CSRF token, an expired session, the wrong role and a missing passphrase, changing nothing")
    func refusals() async throws {
        let fixture = try await ConsoleFixture()
        let waiting = try fixture.apply()
        let approved = try fixture.apply(unitName: "天津某某物流有限公司")
        _ = try fixture.station.approve(by: fixture.approver, applicationID: approved.id!, note: nil, now: ConsoleFixture.now)
        let seal = try fixture.issuedSeal(unitName: "上海某某贸易有限公司")
        let clerk = ("经办人丁", "clerk passphrase"), approver = ("审批人乙", "approver passphrase"), admin = ("管理员甲", "admin passphrase")
        let auditor = ("审计员丙", "auditor passphrase")
        let forms = [
            Form(path: "/applications", fields: [("unitName", "某单位"), ("creditCode", "91110108MA00000070"), ("template", "special-40"), ("reason", "刻制")],
                 allowed: clerk, other: approver, needsConfirm: false),
            Form(path: "/applications/\(waiting.id!)/approve", fields: [("note", "同意")], allowed: approver, other: clerk, needsConfirm: true),
            Form(path: "/applications/\(waiting.id!)/reject", fields: [("note", "材料不全")], allowed: approver, other: clerk, needsConfirm: false),
            Form(path: "/applications/\(approved.id!)/issue",
                 fields: [("custody", "station"), ("holderPassphrase", "holder passphrase 1"), ("holderPassphraseAgain", "holder passphrase 1"),
                          ("stationPassphrase", "station passphrase")],
                 allowed: clerk, other: approver, needsConfirm: true),
            Form(path: "/seals/\(seal.id!)/revoke", fields: [("reason", "单位注销")], allowed: approver, other: clerk, needsConfirm: true),
            Form(path: "/filing/export", fields: [("stationPassphrase", "station passphrase")], allowed: clerk, other: admin, needsConfirm: true),
            Form(path: "/backup", fields: [("backupPassphrase", "backup passphrase 1"), ("backupPassphraseAgain", "backup passphrase 1"),
                                            ("stationPassphrase", "station passphrase")],
                 allowed: admin, other: clerk, needsConfirm: true),
            Form(path: "/audit/checkpoint", fields: [("stationPassphrase", "station passphrase")], allowed: admin, other: auditor, needsConfirm: true),
            Form(path: "/audit/verify", fields: [], allowed: auditor, other: clerk, needsConfirm: false),
        ]
        try await fixture.console.application().test(.router) { client in
            for form in forms {
                var right = ConsoleBrowser(client), other = ConsoleBrowser(client)
                #expect(try await right.signIn(form.allowed.name, form.allowed.passphrase).location == "/workbench")
                #expect(try await other.signIn(form.other.name, form.other.passphrase).location == "/workbench")
                let csrf = try #require(try await right.get("/workbench").csrf)
                let otherCSRF = try #require(try await other.get("/workbench").csrf)
                let confirm = form.needsConfirm ? [("confirm", form.allowed.passphrase)] : []
                let before = try fixture.snapshot()

                let missing = try await right.post(form.path, form.fields + confirm)
                #expect(missing.status == .forbidden && missing.body.contains("CSRF"), "\(form.path) without a CSRF token")
                let wrong = try await right.post(form.path, [("csrf", String(csrf.reversed()))] + form.fields + confirm)
                #expect(wrong.status == .forbidden && wrong.body.contains("CSRF"), "\(form.path) with a wrong CSRF token")
                if form.needsConfirm {
                    let unconfirmed = try await right.post(form.path, [("csrf", csrf)] + form.fields)
                    #expect(unconfirmed.status == .badRequest && unconfirmed.body.contains("再次输入您的登录口令"), "\(form.path) without the passphrase")
                }
                let wrongRole = try await other.post(form.path, [("csrf", otherCSRF)] + form.fields + [("confirm", form.other.passphrase)])
                #expect(wrongRole.status == .forbidden && wrongRole.body.contains("此操作仅限"), "\(form.path) by the wrong role")
                fixture.clock.advance(11 * 60)
                let expired = try await right.post(form.path, [("csrf", csrf)] + form.fields + confirm)
                #expect(expired.status == .unauthorized && expired.body.contains("会话已结束"), "\(form.path) after the session expired")
                #expect(try fixture.snapshot() == before, "\(form.path): a refusal changed the registry")
            }
        }
    }

    @Test("an upload over the limit is refused with 413 and records nothing")
    func oversizedUpload() async throws {
        let fixture = try await ConsoleFixture(uploadLimit: 64 * 1024)
        try await fixture.console.application().test(.router) { client in
            var clerk = ConsoleBrowser(client)
            _ = try await clerk.signIn("经办人丁", "clerk passphrase")
            let form = try await clerk.get("/applications/new")
            let before = try fixture.snapshot()
            let refused = try await clerk.postMultipart(
                "/applications",
                [("csrf", form.csrf!), ("unitName", Self.unit), ("creditCode", "91110108MA00000070"), ("template", "special-40"), ("reason", "刻制")],
                files: [("attachment1", "big.bin", [UInt8](repeating: 0x41, count: 65 * 1024))])
            #expect(refused.status == .contentTooLarge && refused.body.contains("64 KiB"))
            #expect(try fixture.snapshot() == before)
        }
    }
}
