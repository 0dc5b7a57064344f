import Foundation
import Hummingbird
import HummingbirdTesting
@testable import SealConsole
import SealCrypto
import SealDocument
import SealFonts
import SealOFD
import SealPKI
import SealRegistry
import SealResources
import SealSES
import SealStation
import Testing

/// 用印, 签章, 验章 and 用印日志 on the console: every state-changing route refuses what it must and changes nothing
/// when it refuses; the happy path signs a text file and stamps a real OFD through the station's use gate, and the
/// results verify on the 验章 page and appear in the use log and its CSV.
@Suite("The console's 用印, 签章, 验章 and 用印日志", .serialized)
struct ConsoleUseTests {
    static let holder = "holder passphrase"

    /// An issued seal (file custody, holder passphrase ``holder``) of an application with `unitName`.
    static func issuedSeal(_ fixture: ConsoleFixture, unitName: String = "上海某某贸易有限公司") throws -> SealRecord {
        let application = try fixture.apply(unitName: unitName)
        _ = try fixture.station.approve(by: fixture.approver, applicationID: application.id!, note: "同意", now: ConsoleFixture.now)
        return try fixture.station.issue(
            by: fixture.clerk, applicationID: application.id!, stationPassphrase: ConsoleFixture.secret("station passphrase"),
            holderPassphrase: ConsoleFixture.secret(holder), keyEncryption: ConsoleFixture.encryption, now: ConsoleFixture.now)
    }

    /// A 2-page contract made by the project's OFD writer.
    static func contract() throws -> [UInt8] {
        try OFDTextDocument(
            text: Array("采购合同\n\n甲方：北京某某科技发展有限公司\n\u{0C}乙方（盖章）：\n\n二〇二六年十二月一日\n".utf8),
            face: try FontSource.songTrueType.open()
        ).package()
    }

    /// The fields of the 签章 form.
    static func signFields(_ csrf: String?, confirm: String? = "clerk passphrase", holder: String? = Self.holder) -> [(String, String)] {
        var fields: [(String, String)] = []
        if let csrf { fields.append(("csrf", csrf)) }
        if let holder { fields.append(("holderPassphrase", holder)) }
        if let confirm { fields.append(("confirm", confirm)) }
        return fields
    }

    @Test("POST /uses, /uses/:id/approve and /uses/:id/sign refuse a missing or wrong CSRF token, the wrong role, a missing passphrase and an expired session, changing nothing")
    func refusals() async throws {
        let fixture = try await ConsoleFixture()
        let seal = try Self.issuedSeal(fixture)
        let waiting = try fixture.station.requestUse(by: fixture.clerk, sealID: seal.id!, reason: "待审批", count: 1, now: ConsoleFixture.now)
        let open = try fixture.station.requestUse(by: fixture.clerk, sealID: seal.id!, reason: "签订采购合同", count: 1, now: ConsoleFixture.now)
        _ = try fixture.station.approveUse(by: fixture.approver, requestID: open.id!, now: ConsoleFixture.now)
        let text = ConsoleBrowser.FilePart(field: "document", filename: "合同.txt", bytes: Array("采购合同正文".utf8))
        try await fixture.console.application().test(.router) { client in
            var clerk = ConsoleBrowser(client)
            #expect(try await clerk.signIn("经办人丁", "clerk passphrase").location == "/workbench")
            var approver = ConsoleBrowser(client)
            #expect(try await approver.signIn("审批人乙", "approver passphrase").location == "/workbench")
            let clerkCSRF = try #require(try await clerk.get("/uses").csrf)
            let approverCSRF = try #require(try await approver.get("/uses/\(waiting.id!)").csrf)
            let before = try fixture.snapshot()
            let request = [("seal", String(seal.id!)), ("reason", "再次用印"), ("count", "1")]

            // Missing and wrong CSRF tokens.
            #expect(try await clerk.post("/uses", request).status == .forbidden)
            #expect(try await clerk.post("/uses", [("csrf", "wrong-token")] + request).status == .forbidden)
            #expect(try await approver.post("/uses/\(waiting.id!)/approve", [("confirm", "approver passphrase")]).status == .forbidden)
            #expect(try await approver.post("/uses/\(waiting.id!)/approve", [("csrf", "wrong-token"), ("confirm", "approver passphrase")]).status == .forbidden)
            #expect(try await clerk.postMultipart("/uses/\(open.id!)/sign", Self.signFields(nil), files: [text]).status == .forbidden)
            #expect(try await clerk.postMultipart("/uses/\(open.id!)/sign", Self.signFields("wrong-token"), files: [text]).status == .forbidden)
            #expect(try fixture.snapshot() == before)

            // The wrong role: an approver does not request or sign, an operator does not approve.
            let wrongRole = try await approver.post("/uses", [("csrf", approverCSRF)] + request)
            #expect(wrongRole.status == .forbidden && wrongRole.body.contains("此操作仅限经办人"))
            #expect(try await clerk.post("/uses/\(waiting.id!)/approve", [("csrf", clerkCSRF), ("confirm", "clerk passphrase")]).status == .forbidden)
            #expect(try await approver.postMultipart("/uses/\(open.id!)/sign", Self.signFields(approverCSRF, confirm: "approver passphrase"), files: [text]).status == .forbidden)
            #expect(try fixture.snapshot() == before)

            // The passphrase typed again is missing; the holder key's passphrase is missing.
            let unconfirmed = try await approver.post("/uses/\(waiting.id!)/approve", [("csrf", approverCSRF)])
            #expect(unconfirmed.status == .badRequest && unconfirmed.body.contains("再次输入您的登录口令"))
            let unsigned = try await clerk.postMultipart("/uses/\(open.id!)/sign", Self.signFields(clerkCSRF, confirm: nil), files: [text])
            #expect(unsigned.status == .badRequest && unsigned.text.contains("再次输入您的登录口令"))
            let keyless = try await clerk.postMultipart("/uses/\(open.id!)/sign", Self.signFields(clerkCSRF, holder: nil), files: [text])
            #expect(keyless.status == .badRequest && keyless.text.contains("持有人密钥口令"))
            let fileless = try await clerk.postMultipart("/uses/\(open.id!)/sign", Self.signFields(clerkCSRF), files: [])
            #expect(fileless.status == .badRequest)
            // A request still waiting for approval cannot be signed with.
            let early = try await clerk.postMultipart("/uses/\(waiting.id!)/sign", Self.signFields(clerkCSRF), files: [text])
            #expect(early.status == .conflict && early.text.contains("没有已批准且尚有剩余次数的用印申请"))
            // An OFD without a usable placement; a holder key passphrase that does not open the key.
            let contract = ConsoleBrowser.FilePart(field: "document", filename: "合同.ofd", bytes: try Self.contract())
            let unplaced = try await clerk.postMultipart(
                "/uses/\(open.id!)/sign", Self.signFields(clerkCSRF) + [("placement", "position"), ("page", "1")], files: [contract])
            #expect(unplaced.status == .badRequest && unplaced.text.contains("“位置”"))
            let wrongKey = try await clerk.postMultipart("/uses/\(open.id!)/sign", Self.signFields(clerkCSRF, holder: "not the holder passphrase"), files: [text])
            #expect(wrongKey.status == .unprocessableContent && wrongKey.text.contains("未做任何更改") && wrongKey.headers[.contentDisposition] == nil, "\(wrongKey.status) \(wrongKey.text)")
            #expect(try fixture.station.useRequest(open.id!).used == 0)
            #expect(try fixture.snapshot() == before)

            // A second approved request of the same seal waits for the first: no 签章 form, and a post is refused.
            let second = try fixture.station.requestUse(by: fixture.clerk, sealID: seal.id!, reason: "第二份合同", count: 1, now: ConsoleFixture.now)
            _ = try fixture.station.approveUse(by: fixture.approver, requestID: second.id!, now: ConsoleFixture.now)
            let secondPage = try await clerk.get("/uses/\(second.id!)")
            #expect(!secondPage.body.contains("/uses/\(second.id!)/sign") && secondPage.body.contains("href=\"/uses/\(open.id!)\""))
            #expect(try await clerk.get("/uses/\(open.id!)").body.contains("action=\"/uses/\(open.id!)/sign\""))
            let afterSecond = try fixture.snapshot()
            let outOfTurn = try await clerk.postMultipart("/uses/\(second.id!)/sign", Self.signFields(clerkCSRF), files: [text])
            #expect(outOfTurn.status == .badRequest && outOfTurn.text.contains("请先用完用印申请 \(open.id!)"))
            #expect(try fixture.snapshot() == afterSecond)

            // Expired sessions (11 minutes idle).
            fixture.clock.advance(11 * 60)
            let expired = try await clerk.post("/uses", [("csrf", clerkCSRF)] + request)
            #expect(expired.status == .unauthorized && expired.body.contains("会话已结束"))
            #expect(try await approver.post("/uses/\(waiting.id!)/approve", [("csrf", approverCSRF), ("confirm", "approver passphrase")]).status == .unauthorized)
            #expect(try await clerk.postMultipart("/uses/\(open.id!)/sign", Self.signFields(clerkCSRF), files: [text]).status == .unauthorized)
            #expect(try fixture.snapshot() == afterSecond)
        }
    }

    @Test("request → approve → sign a text file (.ses verifies) and stamp an OFD → 验章 passes, a tampered OFD fails; the use log and CSV show both uses")
    func happyPath() async throws {
        let fixture = try await ConsoleFixture()
        let seal = try Self.issuedSeal(fixture)
        let anchor = fixture.station.ca.certificate
        // Two minutes after the seal was made (well inside the 10 minutes a session may idle).
        fixture.clock.advance(120)
        try await fixture.console.application().test(.router) { client in
            var clerk = ConsoleBrowser(client)
            #expect(try await clerk.signIn("经办人丁", "clerk passphrase").location == "/workbench")
            var approver = ConsoleBrowser(client)
            #expect(try await approver.signIn("审批人乙", "approver passphrase").location == "/workbench")

            // 用印申请.
            let list = try await clerk.get("/uses")
            #expect(list.body.contains("<option value=\"\(seal.id!)\">\(seal.id!) \(seal.name)（上海某某贸易有限公司）</option>"))
            let requested = try await clerk.post("/uses", [("csrf", list.csrf ?? ""), ("seal", String(seal.id!)), ("reason", "签订采购合同"), ("count", "2")])
            #expect(requested.status == .seeOther)
            let path = try #require(requested.location)
            let id = try #require(Int64(path.dropFirst("/uses/".count)))
            #expect(try fixture.station.useRequest(id).state == .requested)
            #expect(try await clerk.post("/uses", [("csrf", list.csrf ?? ""), ("seal", String(seal.id!)), ("reason", "太多"), ("count", "1001")]).status == .badRequest)

            // 审批.
            let pending = try await approver.get(path)
            #expect(pending.body.contains("action=\"/uses/\(id)/approve\"") && !pending.body.contains("/reject"))
            let approved = try await approver.post("\(path)/approve", [("csrf", pending.csrf ?? ""), ("confirm", "approver passphrase")])
            #expect(approved.status == .seeOther && approved.location == path)
            #expect(try fixture.station.useRequest(id).state == .approved)

            // 签章 of a text file: a detached signature that verifies against the document.
            let signPage = try await clerk.get(path)
            #expect(signPage.body.contains("action=\"/uses/\(id)/sign\"") && signPage.body.contains("enctype=\"multipart/form-data\""))
            let csrf = try #require(signPage.csrf)
            let text = Array("采购合同正文：甲方与乙方……".utf8)
            let ses = try await clerk.postMultipart(
                "\(path)/sign", Self.signFields(csrf), files: [.init(field: "document", filename: "合同.txt", bytes: text)])
            #expect(ses.status == .ok)
            #expect(ses.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(ses.headers[.contentDisposition]?.contains("filename*=UTF-8''%E5%90%88%E5%90%8C.txt.ses") == true)
            let signature = try ElectronicSignature(derEncoded: ses.bytes)
            let checked = SignatureVerifier(trust: .anchors([anchor])).verify(signature, document: text, fallbackTime: fixture.clock.now)
            #expect(checked.isValid, "\(checked.failures)")
            #expect(signature.seal.esID == seal.esID)

            // 签章 of an OFD by keyword: the stamped document verifies.
            let original = try Self.contract()
            let stamped = try await clerk.postMultipart(
                "\(path)/sign", Self.signFields(csrf) + [("placement", "keyword"), ("keyword", "乙方（盖章）")],
                files: [.init(field: "document", filename: "合同.ofd", bytes: original)])
            #expect(stamped.status == .ok, "\(stamped.text)")
            #expect(stamped.headers[.contentType] == "application/ofd")
            let report = try OFDVerifier(trust: .anchors([anchor]), at: fixture.clock.now).verify(stamped.bytes, name: "合同-已盖章.ofd")
            #expect(report.isValid && report.signatures.first?.appearances.first?.page == 2, "\(report.signatures.flatMap(\.failures))")
            #expect(try fixture.station.useRequest(id).state == .exhausted)
            // No use left: a third 签章 is refused and changes nothing.
            let exhaustedBefore = try fixture.snapshot()
            let third = try await clerk.postMultipart(
                "\(path)/sign", Self.signFields(csrf), files: [.init(field: "document", filename: "再一份.txt", bytes: text)])
            #expect(third.status == .conflict)
            #expect(try fixture.snapshot() == exhaustedBefore)

            // 验章 of the stamped OFD, of a tampered copy, of the detached signature and of the seal.
            var auditor = ConsoleBrowser(client)
            #expect(try await auditor.signIn("审计员丙", "auditor passphrase").location == "/workbench")
            let verifyForm = try await auditor.get("/verify")
            let verifyCSRF = try #require(verifyForm.csrf)
            let good = try await auditor.postMultipart(
                "/verify", [("csrf", verifyCSRF)], files: [.init(field: "file", filename: "合同-已盖章.ofd", bytes: stamped.bytes)])
            #expect(good.status == .ok)
            #expect(good.text.contains("验章通过：1 个签章全部有效。"), "\(good.text)")
            #expect(good.text.contains(seal.esID) && good.text.contains("<td class=\"ok\">通过</td>") && !good.text.contains("未通过</td>"))

            let package = try OFDPackage(data: Data(stamped.bytes), name: "合同-已盖章.ofd")
            let page = try OFDFile(package).bodies[0].document.pages[0].baseLoc.path
            var members = package.paths.map { OFDPackageMember(path: $0, bytes: package.file($0) ?? []) }
            let index = try #require(members.firstIndex { $0.path == page })
            members[index].bytes[members[index].bytes.count / 2] ^= 0x01
            let tampered = try OFDPackageWriter.zip(members, modificationDate: fixture.clock.now)
            let bad = try await auditor.postMultipart(
                "/verify", [("csrf", verifyCSRF)], files: [.init(field: "file", filename: "合同-改.ofd", bytes: tampered)])
            #expect(bad.status == .ok)
            #expect(bad.text.contains("验章未通过：1 个签章中 0 个有效。") && bad.text.contains("<td class=\"bad\">未通过</td>"))

            let detached = try await auditor.postMultipart(
                "/verify", [("csrf", verifyCSRF)],
                files: [.init(field: "file", filename: "合同.txt.ses", bytes: ses.bytes), .init(field: "document", filename: "合同.txt", bytes: text)])
            #expect(detached.text.contains("验章通过"), "\(detached.text)")
            let wrongDocument = try await auditor.postMultipart(
                "/verify", [("csrf", verifyCSRF)],
                files: [.init(field: "file", filename: "合同.txt.ses", bytes: ses.bytes), .init(field: "document", filename: "合同.txt", bytes: text + [0x20])])
            #expect(wrongDocument.text.contains("验章未通过"))
            let sealFile = try await auditor.postMultipart(
                "/verify", [("csrf", verifyCSRF)], files: [.init(field: "file", filename: "\(seal.esID).esl", bytes: Array(seal.sealDER))])
            #expect(sealFile.text.contains("验章通过：电子印章有效。"))
            // A PDF is verified with its own signature fields: one without any is a document that does not verify, and
            // a file named .pdf that is not one is refused by name.
            let unsignedPDF = Array("""
                %PDF-1.7
                1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
                2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
                3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
                trailer << /Size 4 /Root 1 0 R >>
                %%EOF

                """.utf8)
            let pdf = try await auditor.postMultipart(
                "/verify", [("csrf", verifyCSRF)], files: [.init(field: "file", filename: "通知.pdf", bytes: unsignedPDF)])
            #expect(pdf.status == .ok && pdf.text.contains("验章未通过") && pdf.text.contains("the document has no signature"), "\(pdf.text)")
            let notPDF = try await auditor.postMultipart(
                "/verify", [("csrf", verifyCSRF)], files: [.init(field: "file", filename: "假的.pdf", bytes: Array("%PDF-1.7 garbage".utf8))])
            #expect(notPDF.text.contains("PDF 文件") && notPDF.text.contains("无法读取"), "\(notPDF.text)")

            // 注销 reaches the console's 验章 through the station's CRL: the same signature fails once its seal's
            // certificate is on a CRL the station issued.
            _ = try fixture.station.revoke(by: fixture.approver, sealID: seal.id!, reason: "单位注销", now: fixture.clock.now)
            _ = try fixture.station.issueCRL(by: fixture.admin, stationPassphrase: ConsoleFixture.secret("station passphrase"), now: fixture.clock.now)
            let revoked = try await auditor.postMultipart(
                "/verify", [("csrf", verifyCSRF)],
                files: [.init(field: "file", filename: "合同.txt.ses", bytes: ses.bytes), .init(field: "document", filename: "合同.txt", bytes: text)])
            #expect(revoked.text.contains("验章未通过") && revoked.text.contains("revoked"), "\(revoked.text)")

            // 用印日志: both uses, on the page and in the CSV (BOM, Chinese header, quoted fields).
            let log = try await auditor.get("/use-log?seal=\(seal.id!)")
            #expect(log.status == .ok && log.body.contains("合同.txt") && log.body.contains("合同.ofd") && log.body.contains("page 2"))
            let csv = try await auditor.download("/use-log.csv?seal=\(seal.id!)&officer=%E7%BB%8F%E5%8A%9E%E4%BA%BA%E4%B8%81")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(Array(csv.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let rows = Self.parseCSV(String(decoding: csv.bytes.dropFirst(3), as: UTF8.self))
            #expect(rows.count == 3, "\(rows)")
            #expect(rows.first?.first == "编号" && rows.first?.contains("用印事由") == true)
            #expect(rows.dropFirst().map { $0[7] }.sorted() == ["合同.ofd", "合同.txt"])
            #expect(rows.dropFirst().allSatisfy { $0[3] == "签订采购合同" && $0[4] == "审批人乙" && $0[5] == "经办人丁" })
            let nobody = try await auditor.download("/use-log.csv?officer=%E6%B2%A1%E6%9C%89%E4%BA%BA")
            #expect(Self.parseCSV(String(decoding: nobody.bytes.dropFirst(3), as: UTF8.self)).count == 1)
            let later = try await auditor.get("/use-log?from=2030-01-01")
            #expect(later.body.contains("没有符合条件的用印记录。"))
        }
    }

    @Test("a unit name with <script> appears as text on the 用印 pages and the use log")
    func escaping() async throws {
        let fixture = try await ConsoleFixture()
        let seal = try Self.issuedSeal(fixture, unitName: "<script>某\"司'&")
        let use = try fixture.station.requestUse(by: fixture.clerk, sealID: seal.id!, reason: "<b>事由</b>", count: 1, now: ConsoleFixture.now)
        try await fixture.console.application().test(.router) { client in
            var clerk = ConsoleBrowser(client)
            #expect(try await clerk.signIn("经办人丁", "clerk passphrase").location == "/workbench")
            for path in ["/uses", "/uses/\(use.id!)", "/use-log", "/verify"] {
                let page = try await clerk.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.body.contains("<script>") && !page.body.contains("<b>事由"), "\(path)")
            }
            #expect(try await clerk.get("/uses").body.contains("&lt;script&gt;某&quot;司&#39;&amp;"))
            let detail = try await clerk.get("/uses/\(use.id!)")
            #expect(detail.body.contains("<dd>&lt;script&gt;某&quot;司&#39;&amp;</dd>") && detail.body.contains("&lt;b&gt;事由&lt;/b&gt;"))
        }
    }

    @Test("an upload over the limit is refused with 413 and changes nothing")
    func uploadLimit() async throws {
        let fixture = try await ConsoleFixture()
        let seal = try Self.issuedSeal(fixture)
        let open = try fixture.station.requestUse(by: fixture.clerk, sealID: seal.id!, reason: "签订采购合同", count: 1, now: ConsoleFixture.now)
        _ = try fixture.station.approveUse(by: fixture.approver, requestID: open.id!, now: ConsoleFixture.now)
        let clock = fixture.clock
        let console = try await ConsoleApplication(
            station: fixture.station, listen: try ListenAddress(parsing: ConsoleFixture.host), assets: DataResolver.current.console(),
            uploadLimit: 4096, now: { clock.now })
        try await console.application().test(.router) { client in
            var clerk = ConsoleBrowser(client)
            #expect(try await clerk.signIn("经办人丁", "clerk passphrase").location == "/workbench")
            let csrf = try #require(try await clerk.get("/uses/\(open.id!)").csrf)
            let before = try fixture.snapshot()
            let big = ConsoleBrowser.FilePart(field: "document", filename: "大文件.txt", bytes: [UInt8](repeating: 0x41, count: 8192))
            let refused = try await clerk.postMultipart("/uses/\(open.id!)/sign", Self.signFields(csrf), files: [big])
            #expect(refused.status == .contentTooLarge && refused.text.contains("已拒绝"))
            let verify = try await clerk.postMultipart("/verify", [("csrf", csrf)], files: [.init(field: "file", filename: "大.ofd", bytes: big.bytes)])
            #expect(verify.status == .contentTooLarge)
            #expect(try fixture.snapshot() == before)
            #expect(try fixture.station.useRequest(open.id!).used == 0)
        }
    }

    /// RFC 4180 records: quoted fields with doubled quotes, CRLF between records.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field); field = ""
            } else if character == "\r\n" || character == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test("the 签章 placement fields give the same placements, and refuse the same ranges, as `use sign`")
    func placementFields() throws {
        func placement(_ fields: [String: String]) throws(ConsoleRefusal) -> StampPlacement {
            try StampPlacementForm.placement(ConsoleForm(fields: fields))
        }
        #expect(try placement(["page": "2", "x": "150", "y": "240.5"]) == .position(page: 2, x: 150, y: 240.5))
        #expect(try placement(["placement": "position", "x": "10", "y": "20"]) == .position(page: 1, x: 10, y: 20))
        #expect(try placement(["placement": "keyword", "keyword": "乙方（盖章）", "occurrence": "3"]) == .keyword(text: "乙方（盖章）", occurrence: 3))
        #expect(try placement(["placement": "riding"]) == .riding(edge: .right))
        #expect(try placement(["placement": "riding", "edge": "bottom"]) == .riding(edge: .bottom))
        #expect(throws: ConsoleRefusal.self) { try placement(["x": "10"]) }
        #expect(throws: ConsoleRefusal.self) { try placement(["x": "10", "y": "10001"]) }
        #expect(throws: ConsoleRefusal.self) { try placement(["x": "nan", "y": "1"]) }
        #expect(throws: ConsoleRefusal.self) { try placement(["page": "0", "x": "1", "y": "1"]) }
        #expect(throws: ConsoleRefusal.self) { try placement(["placement": "keyword"]) }
        #expect(throws: ConsoleRefusal.self) { try placement(["placement": "keyword", "keyword": "甲方", "occurrence": "10001"]) }
        #expect(throws: ConsoleRefusal.self) { try placement(["placement": "riding", "edge": "middle"]) }
        #expect(throws: ConsoleRefusal.self) { try placement(["placement": "anywhere"]) }
    }
}
