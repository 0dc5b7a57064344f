public import SealCrypto
import SealRegistry

/// The rule every new officer passphrase must meet (`init`, `officer add`, `officer passwd`): at least
/// `minimumCharacters` characters (Swift `Character`s, so 口令 counts two and an accented letter one), and not
/// containing the officer's name, compared case-insensitively and also with the name's spaces removed.
public enum OfficerPassphraseRule {
    /// The fewest characters an officer passphrase may have.
    public static let minimumCharacters = 12

    /// Checks `passphrase` as a new passphrase for officer `name`.
    /// - Throws: `RegistryError.passphraseTooShort`, `RegistryError.passphraseContainsName`.
    public static func check(_ passphrase: SecretBytes, officer name: String) throws {
        // Characters and case folding need a String; like SecretBytes(utf8:), that copy cannot be zeroed, so it is
        // made here only, for the check, and not kept.
        let (characters, containsName) = passphrase.withUnsafeBytes { bytes -> (Int, Bool) in
            let text = String(decoding: bytes, as: UTF8.self)
            let folded = text.lowercased(), foldedName = name.lowercased()
            let names = [foldedName, foldedName.filter { !$0.isWhitespace }].filter { !$0.isEmpty }
            return (text.count, names.contains { folded.contains($0) })
        }
        guard characters >= minimumCharacters else {
            throw RegistryError.passphraseTooShort(officer: name, characters: characters, minimum: minimumCharacters)
        }
        guard !containsName else { throw RegistryError.passphraseContainsName(officer: name) }
    }
}
