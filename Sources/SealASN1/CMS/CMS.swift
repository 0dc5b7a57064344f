public import SwiftASN1

/// RFC 5652 Cryptographic Message Syntax, the SignedData part, with any content-type OIDs: the PKCS #7 ones
/// (1.2.840.113549.1.7.x) that PDF signatures carry, or GB/T 35275's (1.2.156.10197.6.1.4.2.x). Every structure is
/// read and written as DER; a SignerInfo keeps the exact bytes of its signed attributes, which its signature covers.
public enum CMS {
    /// id-data, 1.2.840.113549.1.7.1.
    public static let data: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 1]
    /// id-signedData, 1.2.840.113549.1.7.2.
    public static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]
    /// id-contentType (PKCS #9), 1.2.840.113549.1.9.3.
    public static let contentTypeAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 3]
    /// id-messageDigest, 1.2.840.113549.1.9.4.
    public static let messageDigestAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]
    /// id-signingTime, 1.2.840.113549.1.9.5.
    public static let signingTimeAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 5]
    /// id-aa-signingCertificateV2 (RFC 5035), 1.2.840.113549.1.9.16.2.47: the signer certificate's hash, signed.
    public static let signingCertificateV2Attribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 47]
    /// SHA-256, 2.16.840.1.101.3.4.2.1.
    public static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
}
