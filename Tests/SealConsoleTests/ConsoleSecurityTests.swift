import Foundation
import Hummingbird
import HummingbirdTesting
import SealConsole
import Testing

/// What every response carries and what the console refuses before any page: foreign Host, outside resources.
@Suite("The console's Host check and security headers", .serialized)
struct ConsoleSecurityTests {
    static let expectedHeaders: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'"),
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
    ]

    static func expectSecurityHeaders(_ page: ConsoleBrowser.Page, sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, value) in expectedHeaders {
            let found = page.headers.filter { $0.name.canonicalName == name.lowercased() }.map(\.value)
            #expect(found == [value], "\(name)", sourceLocation: sourceLocation)
        }
    }

    @Test("a foreign Host is refused with 421 (and the security headers); localhost:port is accepted on 127.0.0.1")
    func foreignHost() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            for foreign in ["evil.example:8600", "127.0.0.1:9999", "192.168.1.20:8600", "127.0.0.1", "attacker.example"] {
                var browser = ConsoleBrowser(client)
                browser.host = foreign
                let page = try await browser.get("/sign-in")
                #expect(page.status == .misdirectedRequest, "\(foreign)")
                #expect(page.setCookie == nil, "no session for \(foreign)")
                #expect(page.body.contains("127.0.0.1:8600"))
                Self.expectSecurityHeaders(page)
            }
            var local = ConsoleBrowser(client)
            local.host = "localhost:8600"
            #expect(try await local.get("/sign-in").status == .ok)
        }
    }

    @Test("pages are zh-CN, carry the security headers, and name only the console's own style sheet")
    func headersAndPage() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            let page = try await browser.get("/sign-in")
            #expect(page.status == .ok)
            #expect(page.body.contains(#"<html lang="zh-CN">"#))
            #expect(page.body.contains("姓名") && page.body.contains("口令"))
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            Self.expectSecurityHeaders(page)
            // Nothing from outside: no scheme-qualified URL, no inline script or style; the one script is the console's own.
            #expect(!page.body.contains("http://") && !page.body.contains("https://") && !page.body.contains("//cdn"))
            #expect(page.body.components(separatedBy: "<script").count == 2)
            #expect(page.body.contains(#"<script src="/static/console.js" defer></script>"#))
            #expect(!page.body.contains("<script>") && !page.body.contains("style=") && !page.body.contains(" on"))
            let script = try await browser.get("/static/console.js")
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(!script.body.contains("http:") && !script.body.contains("https:") && !script.body.contains("eval("))
            #expect(page.body.contains(#"href="/static/console.css""#))
            let css = try await browser.get("/static/console.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(!css.body.contains("url(") && !css.body.contains("@import"))
            Self.expectSecurityHeaders(css)
            let missing = try await browser.get("/no-such-page")
            #expect(missing.status == .notFound)
            Self.expectSecurityHeaders(missing)
        }
    }

    /// swift-mustache's own escaping compares `Character`s, and `"` or `<` followed by a combining mark is one
    /// grapheme that it leaves as it is; the console escapes the bytes.
    @Test("a quote or < followed by a combining mark is escaped")
    func combiningMarks() async throws {
        let fixture = try await ConsoleFixture()
        try await fixture.console.application().test(.router) { client in
            var browser = ConsoleBrowser(client)
            #expect(try await browser.signIn("审批人乙", "approver passphrase").location == "/workbench")
            // The literals stay outside #expect: its macro cannot quote a literal with a combining mark after a quote.
            let breakout = "\"\u{301} autofocus onfocus=alert(1) x=\"\u{301}"
            let escapedAttribute = "value=\"&quot;\u{301} autofocus onfocus=alert(1) x=&quot;\u{301}\""
            let unescapedAttribute = "\"\u{301} autofocus"
            let list = try await browser.get("/seals?name=" + ConsoleBrowser.encode(breakout))
            #expect(list.status == .ok)
            #expect(list.body.contains(escapedAttribute))
            #expect(!list.body.contains(unescapedAttribute))
            // A unit name like that is refused at 申请 (the seal font has no combining marks); a search term is echoed.
            let tag = try await browser.get("/seals?name=" + ConsoleBrowser.encode("<\u{301}script>"))
            let escapedTag = "&lt;\u{301}script&gt;"
            let unescapedTag = "<\u{301}script"
            #expect(tag.body.contains(escapedTag))
            #expect(!tag.body.contains(unescapedTag))
        }
    }
}
