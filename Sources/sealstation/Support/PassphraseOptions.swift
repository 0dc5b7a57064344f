import ArgumentParser
import SealCommandLine
import SealCrypto
import SealPKI
import SealStation

/// Where a passphrase comes from: `--passphrase-file` (or the option named by `option`), else a no-echo prompt on
/// the terminal. Never argv.
struct PassphraseOptions: ParsableArguments {
    @Option(
        name: .customLong("passphrase-file"),
        help: ArgumentHelp(
            "Read the passphrase from the first line of FILE instead of prompting (the file must be 0600; others' access is refused).",
            valueName: "FILE"))
    var passphraseFile: String?

    /// The option that gives the file, named when there is no terminal to prompt on.
    var option = "--passphrase-file"

    /// The fewest characters a new passphrase may have.
    static let minimumNewPassphraseLength = KeyPassphraseRule.minimumCharacters

    /// An existing passphrase (for unlocking a key).
    func existing(for what: String) throws -> SecretBytes {
        if let passphraseFile { return try Self.read(file: passphraseFile) }
        return try SecretSource.prompt("Passphrase for \(what): ", what: "passphrase for \(what)", option: option)
    }

    /// A new passphrase: asked twice on a terminal. For encrypting a key it must have at least 8 characters; an
    /// officer's (`officer: true`) is checked by the station's own rule (``OfficerPassphraseRule``: 12 characters,
    /// not the officer's name), so the message names that rule.
    func new(for what: String, officer: Bool = false) throws -> SecretBytes {
        let secret: SecretBytes
        if let passphraseFile {
            secret = try Self.read(file: passphraseFile)
        } else {
            secret = try SecretSource.prompt("New passphrase for \(what): ", what: "new passphrase for \(what)", option: option)
            let again = try SecretSource.prompt("Repeat the passphrase: ", what: "new passphrase for \(what)", option: option)
            guard secret.isEqual(to: again) else { throw CLIError.passphrasesDoNotMatch }
        }
        if officer { return secret }
        // Count UTF-8 scalars in place (no String copy of the secret): every byte that is not a continuation byte.
        let characters = secret.withUnsafeBytes { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) } }
        guard characters >= Self.minimumNewPassphraseLength else {
            throw CLIError.passphraseTooShort(length: characters, minimum: Self.minimumNewPassphraseLength)
        }
        return secret
    }

    /// The first line of `file`, without its line ending; the bytes read are zeroed. The file must be private to
    /// its owner (a passphrase or PIN others can read is refused, naming `chmod 600`).
    static func read(file: String) throws -> SecretBytes {
        try SecretSource.firstLine(of: file)
    }
}
