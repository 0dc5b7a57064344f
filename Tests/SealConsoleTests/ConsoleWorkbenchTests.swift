import Foundation
import Hummingbird
import HummingbirdTesting
import SealConsole
import SealRegistry
import SealStation
import Testing

/// The workbench per role: what waits for the officer, read from the registry; all text escaped.
@Suite("The console's workbench", .serialized)
struct ConsoleWorkbenchTests {
    @Test("the approver's workbench lists a real pending application and use request; a <script> unit name is escaped")
    func approver() async throws {
        let fixture = try await ConsoleFixture()
        let plain = try fixture.apply()
        let hostile = try fixture.apply(unitName: "<script>某\"司'&")
        // An issued seal with a use request waiting for approval.
        let issuedApplication = try fixture.apply(unitName: "上海某某贸易有限公司")
        _ = try fixture.station.approve(by: fixture.approver, applicationID: issuedApplication.id!, note: "同意", now: ConsoleFixture.now)
        let seal = try fixture.station.issue(
            by: fixture.clerk, applicationID: issuedApplication.id!, stationPassphrase: ConsoleFixture.secret("station passphrase"),
            holderPassphrase: ConsoleFixture.secret("holder passphrase"), keyEncryption: ConsoleFixture.encryption, now: ConsoleFixture.now)
        let use = try fixture.station.requestUse(by: fixture.clerk, sealID: seal.id!, reason: "签订采购合同", count: 2, now: ConsoleFixture.now)
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            #expect(try await browser.signIn("审批人乙", "approver passphrase").location == "/workbench")
            let page = try await browser.get("/workbench")
            #expect(page.status == .ok)
            ConsoleSecurityTests.expectSecurityHeaders(page)
            #expect(page.body.contains("待审批的印章申请"))
            #expect(page.body.contains("<td><a href=\"/applications/\(plain.id!)\">\(plain.id!)</a></td><td>北京某某科技发展有限公司</td><td>91110108MA00000070</td><td>special-40</td><td>新设立单位刻制合同专用章</td><td>待审批</td><td>经办人丁</td>"))
            #expect(!page.body.contains("<script>"))
            #expect(page.body.contains("\(hostile.id!)</a></td><td>&lt;script&gt;某&quot;司&#39;&amp;</td>"))
            #expect(!page.body.contains("<td>上海某某贸易有限公司</td>"), "an issued application waits for no one")
            #expect(page.body.contains("待审批的用印申请"))
            #expect(page.body.contains("<td><a href=\"/uses/\(use.id!)\">\(use.id!)</a></td><td>\(seal.name)</td><td>签订采购合同</td><td>2</td><td>0</td><td>待审批</td><td>经办人丁</td>"))
        }
    }

    @Test("the operator sees approved applications to issue and their own open use requests; the auditor sees counts")
    func operatorAndAuditor() async throws {
        let fixture = try await ConsoleFixture()
        let waiting = try fixture.apply(unitName: "天津某某物流有限公司")
        _ = try fixture.station.approve(by: fixture.approver, applicationID: waiting.id!, note: "同意", now: ConsoleFixture.now)
        _ = try fixture.apply()
        try await fixture.console.application().test(.router) { client in
            var clerk = ConsoleBrowser(client)
            #expect(try await clerk.signIn("经办人丁", "clerk passphrase").location == "/workbench")
            let page = try await clerk.get("/workbench")
            #expect(page.body.contains("已批准、待制作的印章申请"))
            #expect(page.body.contains("\(waiting.id!)</a></td><td>天津某某物流有限公司</td>"))
            #expect(!page.body.contains("<td>北京某某科技发展有限公司</td>"), "an application still to approve is not the operator's to issue")
            #expect(page.body.contains("没有未完成的用印申请。"))

            var auditor = ConsoleBrowser(client)
            #expect(try await auditor.signIn("审计员丙", "auditor passphrase").location == "/workbench")
            let counts = try await auditor.get("/workbench")
            #expect(counts.body.contains(#"<tr><th scope="row">待审批的印章申请</th><td>1</td></tr>"#))
            #expect(counts.body.contains(#"<tr><th scope="row">已批准、待制作的印章申请</th><td>1</td></tr>"#))
            #expect(counts.body.contains("审计记录"))
        }
    }

    @Test("without a session the workbench and / send to the sign-in page")
    func signedOut() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            let root = try await browser.get("/")
            #expect(root.status == .seeOther && root.location == "/workbench")
            let workbench = try await browser.get("/workbench")
            #expect(workbench.location == "/sign-in")
            browser.cookie = "forged-session-id"
            let forged = try await browser.get("/workbench")
            #expect(forged.location == "/sign-in")
        }
    }
}
