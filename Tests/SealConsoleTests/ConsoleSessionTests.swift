import Foundation
import Hummingbird
import HummingbirdTesting
@testable import SealConsole
import Testing

/// Sessions on the server: idle and absolute expiry on the injected clock, sign-out.
@Suite("Console sessions", .serialized)
struct ConsoleSessionTests {
    @Test("10 minutes idle ends the session: the workbench sends back to sign-in")
    func idleExpiry() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            #expect(try await browser.signIn("审批人乙", "approver passphrase").location == "/workbench")
            fixture.clock.advance(9 * 60)
            #expect(try await browser.get("/workbench").status == .ok, "9 minutes idle: still signed in, and the idle clock restarts")
            fixture.clock.advance(9 * 60)
            #expect(try await browser.get("/workbench").status == .ok)
            fixture.clock.advance(10 * 60 + 1)
            let expired = try await browser.get("/workbench")
            #expect(expired.status == .seeOther)
            #expect(expired.location == "/sign-in")
            #expect(await !fixture.console.sessions.holds(browser.cookie ?? ""), "removed on the server")
            #expect(try await browser.get("/sign-in").body.contains("登录"))
        }
    }

    @Test("8 hours in all ends the session even when it is used every few minutes")
    func absoluteExpiry() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            let signedIn = try await browser.signIn("审计员丙", "auditor passphrase")
            #expect(signedIn.location == "/workbench")
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<(8 * 60 / 5) {
                fixture.clock.advance(5 * 60)
                statuses.append(try await browser.get("/workbench").status)
            }
            #expect(statuses.count == 96 && statuses.allSatisfy { $0 == .ok }, "used every 5 minutes for 8 hours")
            fixture.clock.advance(5 * 60)
            let expired = try await browser.get("/workbench")
            #expect(expired.location == "/sign-in")
        }
    }

    @Test("sign-out (POST with the token) ends the session on the server; its cookie no longer opens anything")
    func signOut() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            #expect(try await browser.signIn("经办人丁", "clerk passphrase").location == "/workbench")
            let session = try #require(browser.cookie)
            let workbench = try await browser.get("/workbench")
            let token = try #require(workbench.csrf)
            #expect(workbench.body.contains(#"action="/sign-out""#))
            let out = try await browser.post("/sign-out", [("csrf", token)])
            #expect(out.status == .seeOther)
            #expect(out.location == "/sign-in")
            #expect(out.setCookie?.contains("Max-Age=0") == true)
            #expect(await !fixture.console.sessions.holds(session))
            // The old cookie, replayed, is a stranger.
            var replay = ConsoleBrowser(client)
            replay.cookie = session
            #expect(try await replay.get("/workbench").location == "/sign-in")
        }
    }

    @Test("requests for the sign-in form cannot fill the server: at most 1,000 such sessions, the oldest go first, signed-in ones stay")
    func anonymousCap() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var officer = ConsoleBrowser(client)
            #expect(try await officer.signIn("审批人乙", "approver passphrase").location == "/workbench")
            var first = ConsoleBrowser(client)
            _ = try await first.get("/sign-in")
            let firstID = try #require(first.cookie)
            for _ in 0..<(SessionStore.anonymousLimit + 50) {
                var stranger = ConsoleBrowser(client)
                _ = try await stranger.get("/sign-in")
            }
            let counts = await fixture.console.sessions.counts()
            #expect(counts.anonymous == SessionStore.anonymousLimit)
            #expect(counts.signedIn == 1)
            #expect(await !fixture.console.sessions.holds(firstID), "the oldest form session went first")
            #expect(try await officer.get("/workbench").status == .ok, "the signed-in officer is still signed in")
        }
    }
}
