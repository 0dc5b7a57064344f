/// The sign-in form's fields (every one optional: a missing field is refused with a sentence, not a decoding error).
struct SignInForm: Decodable, Sendable {
    var csrf: String?
    var name: String?
    var passphrase: String?
    var role: String?
}
