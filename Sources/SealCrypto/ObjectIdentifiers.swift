public import SwiftASN1

/// The object identifiers the crypto core names, each with its source.
public enum ObjectIdentifiers {
    /// id-ecPublicKey (RFC 5480).
    public static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
    /// The SM2 recommended curve, GM/T 0006 `sm2p256v1`.
    public static let sm2Curve: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 301]
    /// NIST P-256, `prime256v1` (RFC 5480).
    public static let prime256v1: ASN1ObjectIdentifier = [1, 2, 840, 10045, 3, 1, 7]
    /// SM2 signature with SM3, GM/T 0006 `sm2-with-SM3`.
    public static let sm2WithSM3: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 501]
    /// ECDSA with SHA-256 (RFC 5758).
    public static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]
    /// SM3 hash, GM/T 0006.
    public static let sm3: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 401]
    /// PBES2 (RFC 8018).
    public static let pbes2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 5, 13]
    /// PBKDF2 (RFC 8018).
    public static let pbkdf2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 5, 12]
    /// scrypt (RFC 7914).
    public static let scrypt: ASN1ObjectIdentifier = [1, 3, 6, 1, 4, 1, 11591, 4, 11]
    /// hmacWithSHA1, PBKDF2's default PRF (RFC 8018).
    public static let hmacWithSHA1: ASN1ObjectIdentifier = [1, 2, 840, 113549, 2, 7]
    /// hmacWithSHA256 (RFC 8018).
    public static let hmacWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 113549, 2, 9]
    /// AES-256-CBC (NIST).
    public static let aes256CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 42]
    /// SM4-CBC, GM/T 0006.
    public static let sm4CBC: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 104, 2]
}
