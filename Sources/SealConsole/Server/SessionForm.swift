/// A form that carries only the session's CSRF token (sign-out).
struct SessionForm: Decodable, Sendable {
    var csrf: String?
}
