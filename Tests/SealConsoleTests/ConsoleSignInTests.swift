import Foundation
import Hummingbird
import HummingbirdTesting
@testable import SealConsole
import SealRegistry
import Testing

/// Sign-in through the station's own authentication: cookie, Chinese refusals, lockout, CSRF.
@Suite("Signing in to the console", .serialized)
struct ConsoleSignInTests {
    @Test("a right passphrase signs in: a new HttpOnly SameSite=Strict session cookie on Path=/, then the workbench")
    func signIn() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            let form = try await browser.get("/sign-in")
            let formCookie = try #require(form.setCookie)
            #expect(formCookie.contains("; HttpOnly") && formCookie.contains("; SameSite=Strict") && formCookie.contains("; Path=/"))
            let before = try #require(browser.cookie)
            let signedIn = try await browser.post("/sign-in", [("csrf", form.csrf ?? ""), ("name", "审批人乙"), ("passphrase", "approver passphrase")])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/workbench")
            let cookie = try #require(signedIn.setCookie)
            #expect(cookie.contains("; HttpOnly"))
            #expect(cookie.contains("; SameSite=Strict"))
            #expect(cookie.contains("; Path=/"))
            #expect(!cookie.contains("Max-Age") && !cookie.contains("Expires"), "a session cookie, gone with the browser")
            let id = try #require(browser.cookie)
            #expect(id != before, "a new session id at sign-in")
            #expect(id.count == 43 && Data(base64Encoded: id.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "=")?.count == 32)
            #expect(await !fixture.console.sessions.holds(before), "the sign-in page's session is gone")
            let workbench = try await browser.get("/workbench")
            #expect(workbench.status == .ok)
            #expect(workbench.body.contains("工作台") && workbench.body.contains("审批人乙"))
            #expect(!workbench.body.contains("approver passphrase"))
        }
    }

    @Test("a wrong passphrase is a Chinese sentence with the attempts left; the fifth locks, and the lock is shown")
    func wrongPassphraseAndLockout() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            for attempt in 1...4 {
                let page = try await browser.signIn("经办人丁", "not the passphrase")
                #expect(page.status == .unauthorized)
                #expect(page.body.contains("口令不正确。还可以再试 \(5 - attempt) 次"), "\(page.body)")
                #expect(page.setCookie == nil, "no signed-in session")
                #expect(try fixture.officer("经办人丁", .operatorRole)?.failedAttempts == attempt)
            }
            let fifth = try await browser.signIn("经办人丁", "not the passphrase")
            #expect(fifth.body.contains("已因连续 5 次口令错误被锁定"))
            let record = try #require(try fixture.officer("经办人丁", .operatorRole))
            #expect(record.locked && record.failedAttempts == 5)
            // Locked: the right passphrase is refused too, with the same sentence.
            let right = try await browser.signIn("经办人丁", "clerk passphrase")
            #expect(right.status == .unauthorized)
            #expect(right.body.contains("已因连续 5 次口令错误被锁定"))
            #expect(try await browser.get("/workbench").location == "/sign-in")
            // The refusals are in the audit log as the CLI's are.
            let dump = try fixture.snapshot()
            #expect(dump.contains("officer.login-failed") && dump.contains("officer.locked"))
        }
    }

    @Test("an unknown name and a missing field are Chinese sentences; nothing is counted")
    func unknownName() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            let unknown = try await browser.signIn("无此人", "whatever passphrase")
            #expect(unknown.body.contains("没有名为“无此人”的人员。"))
            let empty = try await browser.signIn("审批人乙", "")
            #expect(empty.status == .badRequest)
            #expect(empty.body.contains("请填写姓名和口令。"))
            #expect(try fixture.officer("审批人乙", .approver)?.failedAttempts == 0)
        }
    }

    @Test("an officer with two roles chooses one, then signs in in that role")
    func roleChooser() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            let choose = try await browser.signIn("两职戊", "wu approver passphrase")
            #expect(choose.status == .ok)
            #expect(choose.body.contains("请选择角色"))
            #expect(choose.body.contains(#"<option value="approver""#) && choose.body.contains(#"<option value="operator""#))
            #expect(!choose.body.contains("wu approver passphrase"), "the passphrase is not sent back")
            #expect(try fixture.officer("两职戊", .operatorRole)?.failedAttempts == 0, "nothing checked before the role is chosen")
            let signedIn = try await browser.post(
                "/sign-in", [("csrf", choose.csrf ?? ""), ("name", "两职戊"), ("passphrase", "wu approver passphrase"), ("role", "approver")])
            #expect(signedIn.location == "/workbench")
            let workbench = try await browser.get("/workbench")
            #expect(workbench.body.contains("待审批的印章申请"))
        }
    }

    @Test("a POST without or with a wrong CSRF token is refused with 403 and changes nothing in the registry")
    func csrf() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            let form = try await browser.get("/sign-in")
            let token = try #require(form.csrf)
            let before = try fixture.snapshot()
            // A wrong passphrase would count toward the lock: refused before it is looked at.
            for fields in [
                [("name", "经办人丁"), ("passphrase", "not the passphrase")],
                [("csrf", ""), ("name", "经办人丁"), ("passphrase", "not the passphrase")],
                [("csrf", String(token.reversed())), ("name", "经办人丁"), ("passphrase", "not the passphrase")],
                [("csrf", token + "x"), ("name", "经办人丁"), ("passphrase", "clerk passphrase")],
            ] {
                let refused = try await browser.post("/sign-in", fields)
                #expect(refused.status == .forbidden)
                #expect(refused.body.contains("CSRF 令牌不符"))
                ConsoleSecurityTests.expectSecurityHeaders(refused)
            }
            // Another browser's token is no better.
            var other = ConsoleBrowser(client)
            let otherToken = try #require(try await other.get("/sign-in").csrf)
            #expect(try await browser.post("/sign-in", [("csrf", otherToken), ("name", "经办人丁"), ("passphrase", "clerk passphrase")]).status == .forbidden)
            #expect(try fixture.snapshot() == before)
            #expect(try fixture.officer("经办人丁", .operatorRole)?.failedAttempts == 0)

            // Signed in, a sign-out without the token leaves the session.
            let signedIn = try await browser.post("/sign-in", [("csrf", token), ("name", "经办人丁"), ("passphrase", "clerk passphrase")])
            #expect(signedIn.location == "/workbench")
            let session = try #require(browser.cookie)
            let signedInSnapshot = try fixture.snapshot()
            #expect(try await browser.post("/sign-out", []).status == .forbidden)
            #expect(try await browser.post("/sign-out", [("csrf", token)]).status == .forbidden, "the sign-in page's token is not the session's")
            #expect(await fixture.console.sessions.holds(session))
            #expect(try await browser.get("/workbench").status == .ok)
            #expect(try fixture.snapshot() == signedInSnapshot)
        }
    }

    @Test("a form larger than the limit is refused with 413")
    func oversized() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            let form = try await browser.get("/sign-in")
            let before = try fixture.snapshot()
            let page = try await browser.post(
                "/sign-in", [("csrf", form.csrf ?? ""), ("name", "经办人丁"), ("passphrase", String(repeating: "x", count: 20_000))])
            #expect(page.status == .contentTooLarge)
            #expect(try fixture.snapshot() == before)
        }
    }
}
