public import SwiftASN1

/// GB/T 35275-2017 《信息安全技术 SM2密码算法加密签名消息语法规范》: the OIDs it gives the RFC 5652 structures (``CMS``)
/// with SM2/SM3/SM4 — the content types, SM3, the SM2-1 signature, SM2-3 encryption and SM4-CBC. Used for the detached signature over a filing bundle's
/// tag manifest (OpenSSL 3.0's CMS cannot sign with SM2) and read in PDF signatures that carry them; and for the EnvelopedData of a bundle encrypted to its receiving authority.
public enum GBT35275 {
    /// data, 1.2.156.10197.6.1.4.2.1 (GB/T 35275 §8; RFC 5652's id-data 1.2.840.113549.1.7.1).
    public static let data: ASN1ObjectIdentifier = [1, 2, 156, 10197, 6, 1, 4, 2, 1]
    /// signedData, 1.2.156.10197.6.1.4.2.2 (RFC 5652's id-signedData 1.2.840.113549.1.7.2).
    public static let signedData: ASN1ObjectIdentifier = [1, 2, 156, 10197, 6, 1, 4, 2, 2]
    /// envelopedData, 1.2.156.10197.6.1.4.2.3 (RFC 5652's id-envelopedData 1.2.840.113549.1.7.3).
    public static let envelopedData: ASN1ObjectIdentifier = [1, 2, 156, 10197, 6, 1, 4, 2, 3]
    /// SM2-3 public-key encryption, 1.2.156.10197.1.301.3 (keyEncryptionAlgorithm of a KeyTransRecipientInfo).
    public static let sm2Encryption: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 301, 3]
    /// SM4-CBC, 1.2.156.10197.1.104.2 (contentEncryptionAlgorithm; its parameter is the IV as an OCTET STRING).
    public static let sm4CBC: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 104, 2]
    /// SM3, 1.2.156.10197.1.401 (digestAlgorithm).
    public static let sm3: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 401]
    /// SM2-1 signature, 1.2.156.10197.1.301.1 (GB/T 35275's digestEncryptionAlgorithm for SM2 signatures).
    public static let sm2Signature: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 301, 1]
    /// PKCS #9 contentType, messageDigest and signingTime attributes (RFC 5652 §11).
    public static let contentTypeAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 3]
    public static let messageDigestAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]
    public static let signingTimeAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 5]
}
