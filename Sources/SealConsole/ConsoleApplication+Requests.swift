import Foundation
import Hummingbird
import SealCrypto
import SealRegistry
import SealStation

/// The officer a request comes from: the live session and the officer signed in to it in the chosen role.
struct SignedIn: Sendable {
    let session: ConsoleSession
    let officer: OfficerRecord
}

extension ConsoleApplication {
    /// The signed-in officer of `request`, refused when there is no live session (a page redirects to sign-in) or the
    /// officer's role is not among `roles` (nil: any role).
    func signedIn(_ request: Request, roles: [OfficerRole]? = nil) async throws -> SignedIn {
        guard let session = await currentSession(request), let officer = session.officer else { throw ConsoleRefusal.signInRequired }
        if let roles, !roles.contains(officer.role) { throw ConsoleRefusal.roleRequired(allowed: roles, held: officer.role) }
        return SignedIn(session: session, officer: officer)
    }

    /// A posted form and its officer, checked in this order: a live session, the form's CSRF token, the role.
    func posted(_ request: Request, roles: [OfficerRole]? = nil) async throws -> (SignedIn, ConsoleForm) {
        let form = try await ConsoleForm.read(request, uploadLimit: uploadLimit)
        guard let session = await currentSession(request), let officer = session.officer else { throw ConsoleRefusal.signInRequired }
        try Self.checkCSRF(form.csrf, session)
        if let roles, !roles.contains(officer.role) { throw ConsoleRefusal.roleRequired(allowed: roles, held: officer.role) }
        return (SignedIn(session: session, officer: officer), form)
    }

    /// For an act with the force of a seal: the officer's passphrase typed again in the form (`confirm`), checked with
    /// the same hash, lockout and audit as sign-in; returns the officer's record read again.
    func confirmed(_ signedIn: SignedIn, _ form: ConsoleForm, to action: String) async throws -> OfficerRecord {
        guard let typed = form["confirm"], !typed.isEmpty else { throw ConsoleRefusal.passphraseRequired }
        let station = station, officer = signedIn.officer
        let passphrase = SecretBytes(utf8: typed)
        return try await work.run { try station.authenticate(officer.name, role: officer.role, passphrase: passphrase, to: action) }
    }

    /// A key passphrase or PIN from field `name` of the form, for this request only; refused when empty.
    static func secret(_ form: ConsoleForm, _ name: String, what: String) throws -> SecretBytes {
        guard let text = form[name], !text.isEmpty else { throw ConsoleRefusal.secretRequired(what: what) }
        return SecretBytes(utf8: text)
    }

    /// The page `template` titled `title` for `signedIn`, the navigation marking `path`.
    func page<Content: Sendable>(
        _ template: String, _ title: String, _ signedIn: SignedIn, path: String, _ content: Content, status: HTTPResponse.Status = .ok
    ) -> Response {
        let officer = signedIn.officer
        return pages.response(
            template,
            ConsolePage(
                title: title, officer: Badge(name: officer.name, role: officer.role.chineseName, csrf: signedIn.session.csrfToken),
                nav: NavigationLink.links(for: officer.role, current: path), content: content),
            status: status)
    }

    /// A file for the browser to save: `bytes` as `type`, named `filename` (RFC 6266, UTF-8).
    static func download(_ bytes: [UInt8], filename: String, type: String) -> Response {
        let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ascii
        return Response(
            status: .ok,
            headers: [
                .contentType: type, .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Bytes shown inline (a seal image, a preview).
    static func inline(_ bytes: [UInt8], type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The `Int64` path parameter `name`, refused (404) when it is not a number.
    static func id(_ context: BasicRequestContext, _ name: String = "id", what: String) throws -> Int64 {
        guard let id = context.parameters.get(name, as: Int64.self), id > 0 else { throw ConsoleRefusal.notFound(what: what) }
        return id
    }

    /// The query string of `request` as form fields.
    static func query(_ request: Request) -> ConsoleForm {
        ConsoleForm.parseURLEncoded(request.uri.query ?? "")
    }
}
