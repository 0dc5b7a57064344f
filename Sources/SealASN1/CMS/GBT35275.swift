public import SwiftASN1

/// GB/T 35275-2017 《信息安全技术 SM2密码算法加密签名消息语法规范》: the OIDs it gives the RFC 5652 structures (``CMS``)
/// with SM2/SM3 — the content types, SM3 and the SM2-1 signature. Used for the detached signature over a filing bundle's
/// tag manifest (OpenSSL 3.0's CMS cannot sign with SM2) and read in PDF signatures that carry them.
public enum GBT35275 {
    /// data, 1.2.156.10197.6.1.4.2.1 (GB/T 35275 §8; RFC 5652's id-data 1.2.840.113549.1.7.1).
    public static let data: ASN1ObjectIdentifier = [1, 2, 156, 10197, 6, 1, 4, 2, 1]
    /// signedData, 1.2.156.10197.6.1.4.2.2 (RFC 5652's id-signedData 1.2.840.113549.1.7.2).
    public static let signedData: ASN1ObjectIdentifier = [1, 2, 156, 10197, 6, 1, 4, 2, 2]
    /// SM3, 1.2.156.10197.1.401 (digestAlgorithm).
    public static let sm3: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 401]
    /// SM2-1 signature, 1.2.156.10197.1.301.1 (GB/T 35275's digestEncryptionAlgorithm for SM2 signatures).
    public static let sm2Signature: ASN1ObjectIdentifier = [1, 2, 156, 10197, 1, 301, 1]
    /// PKCS #9 contentType, messageDigest and signingTime attributes (RFC 5652 §11).
    public static let contentTypeAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 3]
    public static let messageDigestAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]
    public static let signingTimeAttribute: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 5]
}
