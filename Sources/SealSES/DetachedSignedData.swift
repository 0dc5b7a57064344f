public import Foundation
public import SealASN1
public import SealCrypto
import SwiftASN1

/// Detached GB/T 35275 SignedData over a content (a filing bundle's tag manifest): SM3 digest, signed attributes
/// contentType = data (1.2.156.10197.6.1.4.2.1), messageDigest = SM3(content) and signingTime, signed with SM2 (ID
/// 1234567812345678) over the DER SET of those attributes, the signer's certificate and chain carried.
public struct DetachedSignedData: Sendable {
    /// The ContentInfo DER (content type signedData 1.2.156.10197.6.1.4.2.2).
    public let derEncoded: [UInt8]
    /// The exact bytes the signature covers: the signed attributes as a DER SET.
    public let signedAttributesDER: [UInt8]
    /// The SM2 signature, DER SEQUENCE{r, s}.
    public let signature: [UInt8]

    /// Signs `content` (not carried in the result) by `signer`, whose certificate is `certificate`.
    public static func sign(
        content: [UInt8], signer: some MessageSigner, certificate: Certificate, chain: [Certificate] = [], signingTime: Date
    ) throws -> DetachedSignedData {
        guard signer.signatureAlgorithm == .sm2WithSM3 else {
            throw SealSESError.signedDataSignerNotSM2(signer.publicKey.algorithm.displayName)
        }
        guard signer.publicKey == certificate.publicKey else { throw SealSESError.keyDoesNotMatchCertificate(role: "SignedData signer") }
        let attributes = [
            try GBT35275.Attribute(type: GBT35275.contentTypeAttribute, value: GBT35275.data),
            try GBT35275.Attribute(type: GBT35275.messageDigestAttribute, value: ASN1OctetString(contentBytes: try SM3.hash(content)[...])),
            try GBT35275.Attribute(type: GBT35275.signingTimeAttribute, value: SESTime.utcTime(signingTime)),
        ]
        let signedAttributes = try GBT35275.SignerInfo.signedAttributesForSigning(attributes)
        let signature = try signer.signature(for: signedAttributes)
        let signerInfo = GBT35275.SignerInfo(
            sid: GBT35275.IssuerAndSerialNumber(issuerNameDER: certificate.issuerNameDER, serialNumber: certificate.serialNumber),
            signedAttributes: attributes, signature: signature)
        var serializer = DER.Serializer()
        try serializer.serialize(GBT35275.SignedData(
            certificates: [certificate.derEncoded] + chain.map(\.derEncoded), signerInfos: [signerInfo]))
        return DetachedSignedData(derEncoded: serializer.serializedBytes, signedAttributesDER: signedAttributes, signature: signature)
    }
}
