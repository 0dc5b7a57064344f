/// The rule a new key passphrase must meet — a holder key's (`issue`) or a backup's (`backup`): at least
/// `minimumCharacters` characters. The command line and the console both apply it.
public enum KeyPassphraseRule {
    /// The fewest characters a new key passphrase may have.
    public static let minimumCharacters = 8

    /// Whether `text` is long enough.
    public static func accepts(_ text: String) -> Bool { text.count >= minimumCharacters }
}
