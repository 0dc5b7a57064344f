public import Foundation
public import Hummingbird
public import Logging
public import SealCrypto
import SealRegistry
import SealResources
public import SealStation

/// The officers' console over an opened station: the router (sign-in, sign-out, workbench, a page for every
/// workflow, style sheet and script) behind the Host check and the security headers, and the Hummingbird application that serves it on a loopback address.
/// `sealstation serve` and the tests build it the same way.
public struct ConsoleApplication: Sendable {
    /// The session cookie's name.
    public static let sessionCookie = "sealconsole_session"

    let station: Station
    /// The address served, whose host:port every request's `Host` must name.
    public let listen: ListenAddress
    let pages: ConsolePages
    let sessions: SessionStore
    let work = RegistryWork()
    let jobs = ConsoleJobs()
    /// The clock of sessions and of every act recorded (tests move it).
    let now: @Sendable () -> Date
    /// The largest upload (a document to stamp or verify, an attachment) accepted, in bytes.
    let uploadLimit: Int
    /// How 制作 and 签章 reach PKCS#11 tokens.
    let tokens: ConsoleTokens
    /// How 制作 encrypts a holder key kept in files.
    let keyEncryption: KeyEncryption

    /// The default upload limit: 32 MiB.
    public static let defaultUploadLimit = 32 * 1024 * 1024

    /// The console of `station` on `listen`, with the templates and style sheet in `assets` (`ShippedData.console`);
    /// `now` is the clock of sessions and of the acts recorded (tests move it); uploads above `uploadLimit` bytes are
    /// refused; tokens are reached through `tokens`; holder keys kept in files are encrypted with `keyEncryption`.
    /// - Throws: `ConsoleAssetsError` when a template or the style sheet cannot be read.
    public init(
        station: Station, listen: ListenAddress, assets: URL, uploadLimit: Int = ConsoleApplication.defaultUploadLimit,
        tokens: ConsoleTokens = ConsoleTokens(), keyEncryption: KeyEncryption = .default,
        now: @escaping @Sendable () -> Date = { Date() }
    ) async throws(ConsoleAssetsError) {
        self.station = station
        self.listen = listen
        self.pages = try await ConsolePages(directory: assets)
        self.sessions = SessionStore(now: now)
        self.now = now
        self.uploadLimit = uploadLimit
        self.tokens = tokens
        self.keyEncryption = keyEncryption
    }

    /// The directory of the console's templates and style sheet, found the documented way (`--console-assets`,
    /// `SEALSTATION_CONSOLE`, the install prefix, the package resources).
    /// - Throws: `DataResolutionError` naming every place looked at.
    public static func assets(flag: String? = nil) throws -> URL {
        try DataResolver.current.console(flag: flag)
    }

    /// The Hummingbird application serving the console on `listen`, logging to `logger` (Hummingbird's own when nil);
    /// `onRunning` is called once it listens.
    public func application(logger: Logger? = nil, onRunning: @escaping @Sendable () async -> Void = {}) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: nil),
            onServerRunning: { _ in await onRunning() }, logger: logger)
    }

    /// The console's routes and middleware.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SecurityHeadersMiddleware(pages: pages))
        router.add(middleware: HostCheckMiddleware(accepted: listen.acceptedHosts))
        router.get("/") { _, _ in Self.redirect("/workbench") }
        router.get("/static/console.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: pages.styleSheet)))
        }
        router.get("/sign-in") { request, _ in try await signInPage(request) }
        router.post("/sign-in") { request, _ in try await signIn(request) }
        router.post("/sign-out") { request, _ in try await signOut(request) }
        router.get("/workbench") { request, _ in try await workbench(request) }
        router.get("/static/console.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: pages.script)))
        }
        addApplicationRoutes(to: router)
        addSealRoutes(to: router)
        addFilingRoutes(to: router)
        addAuditRoutes(to: router)
        addJobRoutes(to: router)
        addUseRoutes(to: router)
        addStampPreviewRoutes(to: router)
        addVerifyRoutes(to: router)
        addUseLogRoutes(to: router)
        return router
    }

    // MARK: - Sign-in

    private func signInPage(_ request: Request) async throws -> Response {
        if let session = await currentSession(request), session.officer != nil { return Self.redirect("/workbench") }
        let session = try await sessions.create(for: nil)
        var response = pages.response("sign-in", SignInPage(csrf: session.csrfToken))
        response.setCookie(Self.cookie(session.id))
        return response
    }

    private func signIn(_ request: Request) async throws -> Response {
        let form = try await ConsoleForm.read(request, uploadLimit: ConsoleForm.textLimit)
        guard let session = await currentSession(request) else {
            // The sign-in page's own session has expired: a fresh form, nothing checked.
            return try await freshSignIn(status: .forbidden, error: "登录页已过期，请重新输入姓名和口令。")
        }
        try Self.checkCSRF(form.csrf, session)
        let name = form.text("name") ?? ""
        guard !name.isEmpty, let passphraseText = form["passphrase"], !passphraseText.isEmpty else {
            return pages.response("sign-in", SignInPage(csrf: session.csrfToken, name: name, error: SignInMessage.missingFields), status: .badRequest)
        }
        let station = station
        let roles = try await work.run { try station.roles(of: name) }
        let role: OfficerRole
        if let chosen = form["role"].flatMap(OfficerRole.init(rawValue:)) {
            role = chosen
        } else if roles.count == 1, let only = roles.first {
            role = only
        } else if roles.isEmpty {
            return pages.response(
                "sign-in", SignInPage(csrf: session.csrfToken, name: name, error: SignInMessage.sentence(for: RegistryError.officerNotFound(name: name))),
                status: .unauthorized)
        } else {
            return pages.response(
                "sign-in", SignInPage(csrf: session.csrfToken, name: name, error: SignInMessage.chooseRole, roles: roles, chosen: roles.first))
        }
        let passphrase = SecretBytes(utf8: passphraseText)
        let officer: OfficerRecord
        do {
            officer = try await work.run { try station.authenticate(name, role: role, passphrase: passphrase, to: "sign in to the console") }
        } catch {
            let shownRoles = roles.count > 1 ? roles : []
            return pages.response(
                "sign-in", SignInPage(csrf: session.csrfToken, name: name, error: SignInMessage.sentence(for: error), roles: shownRoles, chosen: role),
                status: .unauthorized)
        }
        // A new session id at sign-in: the id the sign-in page handed out is never a signed-in one.
        await sessions.remove(session.id)
        let signedIn = try await sessions.create(for: officer)
        var response = Self.redirect("/workbench")
        response.setCookie(Self.cookie(signedIn.id))
        return response
    }

    private func freshSignIn(status: HTTPResponse.Status, error: String) async throws -> Response {
        let session = try await sessions.create(for: nil)
        var response = pages.response("sign-in", SignInPage(csrf: session.csrfToken, error: error), status: status)
        response.setCookie(Self.cookie(session.id))
        return response
    }

    private func signOut(_ request: Request) async throws -> Response {
        let form = try await ConsoleForm.read(request, uploadLimit: ConsoleForm.textLimit)
        guard let session = await currentSession(request) else { return Self.redirect("/sign-in") }
        try Self.checkCSRF(form.csrf, session)
        await sessions.remove(session.id)
        var response = Self.redirect("/sign-in")
        response.setCookie(Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    // MARK: - Workbench

    private func workbench(_ request: Request) async throws -> Response {
        let signedIn = try await signedIn(request)
        let builder = Workbench(station: station)
        let officer = signedIn.officer
        let (sections, counts) = try await work.run { try builder.sections(for: officer) }
        return page("workbench", "工作台", signedIn, path: "/workbench", WorkbenchPage(sections: sections, counts: counts))
    }

    // MARK: - Sessions

    func currentSession(_ request: Request) async -> ConsoleSession? {
        guard let id = request.cookies[Self.sessionCookie]?.value, !id.isEmpty else { return nil }
        return await sessions.touch(id)
    }

    /// Refuses (403) a form whose CSRF token is missing or is not the session's.
    static func checkCSRF(_ token: String?, _ session: ConsoleSession) throws {
        guard let token, constantTimeEqual(Array(token.utf8), Array(session.csrfToken.utf8)) else {
            throw ConsoleRefusal.csrfMismatch
        }
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    static func cookie(_ id: String) -> Cookie {
        Cookie(name: sessionCookie, value: id, path: "/", httpOnly: true, sameSite: .strict)
    }

    static func redirect(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }
}
