/// Why an encrypted filing bundle cannot be made or opened; each case names the problem in the reader's terms.
public enum BundleEnvelopeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not a DER ContentInfo holding a GB/T 35275 EnvelopedData.
    case notEnveloped(reason: String)
    /// The file is larger than an encrypted bundle may be.
    case tooLarge(bytes: Int, limit: Int)
    /// A version, content type or algorithm this reader does not take; `what` names the field, `value` what was found.
    case unsupported(what: String, value: String)
    /// A value has the wrong size or form (an IV, the encrypted content).
    case malformed(String)
    /// The bundle is encrypted and no key was given to decrypt it.
    case keyRequired(recipients: [EnvelopeRecipient])
    /// The bundle is not encrypted for the certificate given.
    case notForRecipient(recipients: [EnvelopeRecipient], given: EnvelopeRecipient)
    /// The recipient certificate's key cannot receive SM2-encrypted keys.
    case recipientNotSM2(String)
    /// The recipient certificate's keyUsage does not allow keyEncipherment.
    case recipientNotForEncryption(EnvelopeRecipient)
    /// The private key given is not the key of the recipient certificate given.
    case keyDoesNotMatchCertificate(EnvelopeRecipient)
    /// The content does not decrypt with the key: another key pair under the same certificate name, or a changed
    /// encrypted key or content. One answer for all of them (a bad padding is not told apart from a wrong key).
    case cannotDecrypt(EnvelopeRecipient)
    /// The decrypted content is larger than the bundle limit.
    case contentTooLarge(bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .notEnveloped(let reason):
            return "not an encrypted filing bundle (GB/T 35275 EnvelopedData): \(reason)"
        case .tooLarge(let bytes, let limit):
            return "the encrypted bundle is \(bytes) bytes; at most \(limit) are read"
        case .unsupported(let what, let value):
            return "the encrypted bundle uses \(what) \(value), which SealStation does not read "
                + "(it reads EnvelopedData version 0, one SM2 key-transport recipient per certificate, SM4-CBC content)"
        case .malformed(let detail):
            return "the encrypted bundle is malformed: \(detail)"
        case .keyRequired(let recipients):
            return "the bundle is encrypted for \(Self.list(recipients)); give that recipient's key and certificate "
                + "(--decrypt-key, --decrypt-cert) to decrypt it"
        case .notForRecipient(let recipients, let given):
            return "the bundle is encrypted for \(Self.list(recipients)), not for the certificate given (\(given))"
        case .recipientNotSM2(let algorithm):
            return "the recipient certificate's key is \(algorithm); a bundle is encrypted only to an SM2 key"
        case .recipientNotForEncryption(let recipient):
            return "the recipient certificate (\(recipient)) does not allow key encipherment (its keyUsage); "
                + "ask the receiving authority for its encryption certificate"
        case .keyDoesNotMatchCertificate(let recipient):
            return "the decryption key is not the key of the recipient certificate (\(recipient))"
        case .cannotDecrypt(let recipient):
            return "the bundle does not decrypt with the key of \(recipient): the encrypted file was changed or damaged, "
                + "or it was encrypted to another key"
        case .contentTooLarge(let bytes, let limit):
            return "the encrypted bundle holds \(bytes) bytes; at most \(limit) are read"
        }
    }

    private static func list(_ recipients: [EnvelopeRecipient]) -> String {
        recipients.map { "(\($0))" }.joined(separator: " or ")
    }
}
