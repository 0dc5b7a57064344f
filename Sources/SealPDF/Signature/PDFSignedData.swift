public import Foundation
import SealASN1
public import SealCrypto
import SealSES
import SwiftASN1

/// The CMS SignedData a PDF signature's /Contents holds: detached, one signer, messageDigest over the byte range (SM3
/// for SM2 keys, SHA-256 for P-256) signed with contentType and — for `/SubFilter /adbe.pkcs7.detached` — signingTime,
/// or — for `/ETSI.CAdES.detached` — signingCertificateV2; the signer certificate and its chain, and, for a seal, the
/// SES_Signature as SealStation's unsigned attribute (``PDFSESAttribute``).
public enum PDFSignedData {
    /// Which content-type OIDs the CMS carries.
    public enum ContentTypes: String, Sendable, CaseIterable {
        /// PKCS #7's (1.2.840.113549.1.7.x), which every PDF tool reads (the default).
        case pkcs7
        /// GB/T 35275's (1.2.156.10197.6.1.4.2.x) with its SM2-1 signature OID, for validators that demand them.
        case gbt35275
    }

    /// The ContentInfo DER signing `signedBytes` by `signer` (whose certificate is `certificate`) in the profile of
    /// `subFilter`, verified with the certificate's key before it is returned. `contentTypes` applies to SM2 PKCS #7
    /// signatures only.
    public static func sign(
        _ signedBytes: [UInt8], signer: some MessageSigner, certificate: Certificate, chain: [Certificate], signingTime: Date,
        sesSignature: [UInt8]?, subFilter: PDFSubFilter = .adbePKCS7Detached, contentTypes: ContentTypes = .pkcs7
    ) throws -> [UInt8] {
        try sign(
            messageDigest: try signer.signatureAlgorithm.digest.hash(signedBytes), signer: signer, certificate: certificate, chain: chain,
            signingTime: signingTime, sesSignature: sesSignature, subFilter: subFilter, contentTypes: contentTypes)
    }

    /// As ``sign(_:signer:certificate:chain:signingTime:sesSignature:subFilter:contentTypes:)`` with the signed bytes'
    /// digest already computed — SM3 for an SM2 signer, SHA-256 for P-256 (`signer.signatureAlgorithm.digest`).
    public static func sign(
        messageDigest: [UInt8], signer: some MessageSigner, certificate: Certificate, chain: [Certificate], signingTime: Date,
        sesSignature: [UInt8]?, subFilter: PDFSubFilter = .adbePKCS7Detached, contentTypes: ContentTypes = .pkcs7
    ) throws -> [UInt8] {
        guard signer.publicKey == certificate.publicKey else { throw SealSESError.keyDoesNotMatchCertificate(role: "PDF signer") }
        let algorithm = signer.signatureAlgorithm
        guard messageDigest.count == 32 else { throw SealSESError.signedDataInvalid("a message digest of \(messageDigest.count) bytes; SM3 and SHA-256 give 32") }
        let digestOID = algorithm.digest == .sm3 ? ObjectIdentifiers.sm3 : CMS.sha256
        let gm = contentTypes == .gbt35275 && algorithm == .sm2WithSM3 && subFilter == .adbePKCS7Detached
        let dataType = gm ? GBT35275.data : CMS.data
        let attributes = try signedAttributes(
            subFilter: subFilter, contentType: dataType, signingTime: signingTime, certificate: certificate,
            messageDigest: messageDigest)
        let toSign = try CMS.SignerInfo.signedAttributesForSigning(attributes)
        let signature = try signer.signature(for: toSign)
        guard try certificate.publicKey.isValidSignature(signature, for: toSign) else {
            throw SealSESError.signatureDoesNotVerify(role: "PDF signer", subject: "\(certificate.subject)")
        }
        let unsigned = try sesSignature.map { [CMS.Attribute(encodedType: PDFSESAttribute.encodedType, values: [try ASN1Any(erasing: ASN1OctetString(contentBytes: $0[...]))])] }
        let signerInfo = try CMS.SignerInfo(
            sid: .issuerAndSerialNumber(issuer: certificate.issuerNameDER, serialNumber: certificate.serialNumber),
            digestAlgorithm: CMS.AlgorithmIdentifier(digestOID), signedAttributes: attributes,
            signatureAlgorithm: CMS.AlgorithmIdentifier(gm ? GBT35275.sm2Signature : algorithm.oid), signature: signature,
            unsignedAttributes: unsigned)
        let signedData = CMS.SignedData(
            digestAlgorithms: [CMS.AlgorithmIdentifier(digestOID)], encapContentInfo: CMS.EncapsulatedContentInfo(eContentType: dataType),
            certificates: [certificate.derEncoded] + chain.map(\.derEncoded), signerInfos: [signerInfo])
        var serializer = DER.Serializer()
        try serializer.serialize(try CMS.ContentInfo(signedData: signedData, contentType: gm ? GBT35275.signedData : CMS.signedData))
        return serializer.serializedBytes
    }

    /// The signed attributes of `subFilter`'s profile.
    static func signedAttributes(
        subFilter: PDFSubFilter, contentType: ASN1ObjectIdentifier, signingTime: Date, certificate: Certificate, messageDigest: [UInt8]
    ) throws -> [CMS.Attribute] {
        var attributes = [try CMS.Attribute(type: CMS.contentTypeAttribute, value: contentType)]
        switch subFilter {
        case .adbePKCS7Detached:
            attributes.append(try CMS.Attribute(type: CMS.signingTimeAttribute, value: SESTime.utcTime(signingTime)))
        case .etsiCAdESDetached:
            let certificateID = CMS.ESSCertIDv2(certHash: try DigestAlgorithm.sha256.hash(certificate.derEncoded))
            attributes.append(try CMS.Attribute(type: CMS.signingCertificateV2Attribute, value: CMS.SigningCertificateV2(certs: [certificateID])))
        }
        attributes.append(try CMS.Attribute(type: CMS.messageDigestAttribute, value: ASN1OctetString(contentBytes: messageDigest[...])))
        return attributes
    }

    /// The space to reserve in /Contents for a signature by `certificate` with `chain` carrying `sesBytes` bytes of
    /// SES_Signature: a dry run with the largest DER signature values plus a quarter for slack (never a constant).
    public static func reservation(
        certificate: Certificate, chain: [Certificate], sesBytes: Int, subFilter: PDFSubFilter = .adbePKCS7Detached
    ) throws -> Int {
        let largest = [UInt8](repeating: 0x7F, count: 72)
        let attributes = try signedAttributes(
            subFilter: subFilter, contentType: GBT35275.data, signingTime: Date(), certificate: certificate,
            messageDigest: [UInt8](repeating: 0, count: 32))
        let unsigned = sesBytes > 0
            ? [CMS.Attribute(encodedType: PDFSESAttribute.encodedType, values: [try ASN1Any(erasing: ASN1OctetString(contentBytes: [UInt8](repeating: 0, count: sesBytes)[...]))])]
            : nil
        let signerInfo = try CMS.SignerInfo(
            sid: .issuerAndSerialNumber(issuer: certificate.issuerNameDER, serialNumber: certificate.serialNumber),
            digestAlgorithm: CMS.AlgorithmIdentifier(CMS.sha256), signedAttributes: attributes,
            signatureAlgorithm: CMS.AlgorithmIdentifier(GBT35275.sm2Signature), signature: largest, unsignedAttributes: unsigned)
        let signedData = CMS.SignedData(
            digestAlgorithms: [CMS.AlgorithmIdentifier(CMS.sha256)], encapContentInfo: CMS.EncapsulatedContentInfo(eContentType: CMS.data),
            certificates: [certificate.derEncoded] + chain.map(\.derEncoded), signerInfos: [signerInfo])
        var serializer = DER.Serializer()
        try serializer.serialize(try CMS.ContentInfo(signedData: signedData, contentType: GBT35275.signedData))
        let dryRun = serializer.serializedBytes.count
        return dryRun + dryRun / 4
    }
}
