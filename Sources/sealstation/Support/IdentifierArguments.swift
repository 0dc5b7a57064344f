import SealPKI

/// Identifier options: parsed with a transform, so a malformed code is refused at parse time with the rule it fails
/// (the character and its position), and the command exits 1 like every refused input (see ``problem(in:)``).
enum IdentifierArgument {
    static func creditCode(_ text: String) throws -> UnifiedSocialCreditCode { try UnifiedSocialCreditCode(text) }

    static func residentIdentityNumber(_ text: String) throws -> ResidentIdentityNumber { try ResidentIdentityNumber(text) }

    /// The identifier check that made argument parsing fail, if that is why it failed.
    static func problem(in error: any Error) -> IdentifierError? {
        func search(_ value: Any, depth: Int) -> IdentifierError? {
            if let found = value as? IdentifierError { return found }
            guard depth < 8 else { return nil }
            for child in Mirror(reflecting: value).children {
                if let found = search(child.value, depth: depth + 1) { return found }
            }
            return nil
        }
        return search(error, depth: 0)
    }

}
