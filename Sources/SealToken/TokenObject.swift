import SealCrypto

/// One object on a token, as `sealstation token objects` lists it. Secret values are never read.
public struct TokenObject: Codable, Equatable, Sendable {
    /// The object's class, by its PKCS#11 name.
    public enum ObjectClass: String, Codable, Sendable {
        case data, certificate, publicKey = "public-key", privateKey = "private-key", secretKey = "secret-key", other

        init(code: UInt) {
            switch code {
            case PKCS11Code.dataClass: self = .data
            case PKCS11Code.certificateClass: self = .certificate
            case PKCS11Code.publicKeyClass: self = .publicKey
            case PKCS11Code.privateKeyClass: self = .privateKey
            case 4: self = .secretKey
            default: self = .other
            }
        }
    }

    public var objectClass: ObjectClass
    public var label: String
    /// CKA_ID in hex; the key pair, its certificate and its seal share one.
    public var id: String
    /// CKA_APPLICATION of data objects.
    public var application: String?
    /// CKA_KEY_TYPE of keys, in hex.
    public var keyType: String?
    /// Bytes of CKA_VALUE when it can be read (certificates, data); nil for keys.
    public var valueLength: Int?
    /// For private keys: whether CKA_SENSITIVE is set and CKA_EXTRACTABLE is clear.
    public var sensitive: Bool?
    public var extractable: Bool?
}
