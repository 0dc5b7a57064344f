import Foundation
import SealRegistry

/// One browser's session on the server: who signed in (nil before sign-in), its CSRF token and its times. Never a
/// passphrase.
struct ConsoleSession: Sendable {
    /// The cookie value: 32 random bytes, base64url.
    let id: String
    /// The token every form of this session carries and every POST must return.
    let csrfToken: String
    /// The signed-in officer in the role chosen at sign-in; nil for the sign-in page's own session.
    let officer: OfficerRecord?
    let createdAt: Date
    var lastSeen: Date
    /// The order in which the store made it.
    let serial: UInt64
}
