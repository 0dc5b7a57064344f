public import Foundation
import SealASN1
public import SealCrypto
import SealPKI
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

    /// Signs `content` (not carried in the result) by `signer`, whose certificate is `certificate`; the signature is
    /// verified with the certificate's key before it is returned.
    public static func sign(
        content: [UInt8], signer: some MessageSigner, certificate: Certificate, chain: [Certificate] = [], signingTime: Date
    ) throws -> DetachedSignedData {
        guard signer.signatureAlgorithm == .sm2WithSM3 else {
            throw SealSESError.signedDataSignerNotSM2(signer.publicKey.algorithm.displayName)
        }
        guard signer.publicKey == certificate.publicKey else { throw SealSESError.keyDoesNotMatchCertificate(role: "SignedData signer") }
        let attributes = [
            try CMS.Attribute(type: GBT35275.contentTypeAttribute, value: GBT35275.data),
            try CMS.Attribute(type: GBT35275.messageDigestAttribute, value: ASN1OctetString(contentBytes: try SM3.hash(content)[...])),
            try CMS.Attribute(type: GBT35275.signingTimeAttribute, value: SESTime.utcTime(signingTime)),
        ]
        let signedAttributes = try CMS.SignerInfo.signedAttributesForSigning(attributes)
        let signature = try signer.signature(for: signedAttributes)
        guard try certificate.publicKey.isValidSignature(signature, for: signedAttributes) else {
            throw SealSESError.signatureDoesNotVerify(role: "SignedData signer", subject: certificate.subject.description)
        }
        let der = try encode(
            certificates: [certificate.derEncoded] + chain.map(\.derEncoded), issuer: certificate.issuerNameDER,
            serialNumber: certificate.serialNumber, signedAttributes: attributes, signature: signature)
        return DetachedSignedData(derEncoded: der, signedAttributesDER: signedAttributes, signature: signature)
    }

    /// The canonical DER SealStation writes: a ContentInfo (GB/T 35275 signedData) with SM3, the GB/T 35275 data
    /// content type, `certificates`, and one SignerInfo (version 1, issuer and serial, SM2-1) over `signedAttributes`.
    static func encode(
        certificates: [[UInt8]], issuer: [UInt8], serialNumber: [UInt8], signedAttributes: [CMS.Attribute], signature: [UInt8]
    ) throws -> [UInt8] {
        let signerInfo = try CMS.SignerInfo(
            sid: .issuerAndSerialNumber(issuer: issuer, serialNumber: serialNumber), digestAlgorithm: CMS.AlgorithmIdentifier(GBT35275.sm3),
            signedAttributes: signedAttributes, signatureAlgorithm: CMS.AlgorithmIdentifier(GBT35275.sm2Signature), signature: signature)
        let signedData = CMS.SignedData(
            digestAlgorithms: [CMS.AlgorithmIdentifier(GBT35275.sm3)], encapContentInfo: CMS.EncapsulatedContentInfo(eContentType: GBT35275.data),
            certificates: certificates, signerInfos: [signerInfo])
        var serializer = DER.Serializer()
        try serializer.serialize(try CMS.ContentInfo(signedData: signedData, contentType: GBT35275.signedData))
        return serializer.serializedBytes
    }
}

extension DetachedSignedData {
    /// What a verification of a detached SignedData found.
    public struct Verification: Sendable {
        /// The signer's certificate (found among the carried certificates by issuer and serial).
        public var signer: Certificate
        /// The signingTime attribute.
        public var signingTime: Date?
        /// The certificates carried, in order.
        public var certificates: [Certificate]
    }

    /// Verifies `der` (a ContentInfo with a GB/T 35275 or RFC 5652 signedData) over `content`: detached (no
    /// eContent), SM3, exactly one signer found among the carried certificates, contentType data and messageDigest =
    /// SM3(content) in the signed attributes, the SM2 signature (ID 1234567812345678) over those attributes re-tagged
    /// as a SET, and the signer's chain to `anchors` at the signing time.
    /// - Throws: `SealSESError.signedDataInvalid` naming the first failure.
    public static func verify(_ der: [UInt8], content: [UInt8], anchors: [Certificate]) throws -> Verification {
        func fail(_ reason: String) -> SealSESError { .signedDataInvalid(reason) }
        // Read with the one CMS model; the canonical re-encoding below then accounts for every byte of the file.
        let signedData: CMS.SignedData
        do {
            let contentInfo = try CMS.ContentInfo(derEncoded: der)
            guard contentInfo.contentType == GBT35275.signedData || contentInfo.contentType == CMS.signedData else {
                throw fail("the content type \(contentInfo.contentType) is not signedData")
            }
            signedData = try contentInfo.signedData()
        } catch let error as SealSESError {
            throw error
        } catch {
            throw fail("not a DER SignedData: \(ParseProblem.describe(error))")
        }
        guard signedData.encapContentInfo.eContent == nil else { throw fail("the SignedData carries its content; a detached signature is expected") }
        guard signedData.signerInfos.count == 1, let signerInfo = signedData.signerInfos.first else { throw fail("not exactly one signer") }
        guard case .issuerAndSerialNumber(let issuer, let serial) = signerInfo.sid else {
            throw fail("the signer is named by key identifier; SealStation's signatures name it by issuer and serial number")
        }
        guard signerInfo.digestAlgorithm.algorithm == GBT35275.sm3 else {
            throw fail("the digest algorithm \(signerInfo.digestAlgorithm.algorithm) is not SM3")
        }
        guard let signedAttributes = signerInfo.signedAttributes, let signedAttributesDER = signerInfo.signedAttributesDER else {
            throw fail("no signed attributes")
        }
        let carried = signedData.certificates ?? []
        let certificates = try carried.map { try Certificate(derEncoded: $0) }
        guard let signer = certificates.first(where: { $0.issuerNameDER == issuer && $0.serialNumber == serial }) else {
            throw fail("the signer's certificate is not among the carried certificates")
        }
        // The signed attributes: contentType = data, messageDigest = SM3(content), signingTime.
        var contentTypeOK = false, digestOK = false
        var signingTime: Date?
        var attributes: [CMS.Attribute] = []
        do {
            for attribute in signedAttributes {
                guard let type = attribute.type, let value = attribute.values.first else {
                    throw fail("a signed attribute has no value or an unreadable type")
                }
                attributes.append(try CMS.Attribute(type: type, values: [value]))
                switch type {
                case GBT35275.contentTypeAttribute:
                    let inner = try ASN1ObjectIdentifier(asn1Any: value)
                    contentTypeOK = inner == GBT35275.data || inner == CMS.data
                case GBT35275.messageDigestAttribute:
                    digestOK = Array(try ASN1OctetString(asn1Any: value).bytes) == (try SM3.hash(content))
                case GBT35275.signingTimeAttribute:
                    signingTime = SESTime.date(try UTCTime(asn1Any: value))
                default: break
                }
            }
        } catch let error as SealSESError {
            throw error
        } catch {
            throw fail("malformed signed attributes: \(ParseProblem.describe(error))")
        }
        let parsed = (certificates: carried, issuer: issuer, serial: serial, signedAttributes: signedAttributesDER, signature: signerInfo.signature)
        guard contentTypeOK else { throw fail("the contentType attribute is not data") }
        guard digestOK else { throw fail("messageDigest does not match SM3 of the content") }
        guard try signer.publicKey.isValidSignature(parsed.signature, for: parsed.signedAttributes) else {
            throw fail("the SM2 signature over the signed attributes does not verify")
        }
        let chain = CertificateChainVerifier(trustAnchors: anchors, intermediates: certificates)
            .verify(signer, at: signingTime ?? Date())
        guard chain.isValid else {
            throw fail("the signer's certificate does not chain to the anchors: \(chain.problems.map { "\($0)" }.joined(separator: "; "))")
        }
        // Every carried certificate is part of the signer's chain, and the whole structure is exactly the canonical
        // DER SealStation writes: no byte of the file is outside what was checked.
        for certificate in certificates where !chain.chain.contains(certificate) {
            throw fail("carried certificate \(certificate.subject) is not in the signer's chain")
        }
        let canonical = try encode(
            certificates: parsed.certificates, issuer: parsed.issuer, serialNumber: parsed.serial, signedAttributes: attributes,
            signature: parsed.signature)
        guard canonical == der else {
            throw fail("the SignedData is not in canonical form (version, algorithms, content info or ordering differ)")
        }
        return Verification(signer: signer, signingTime: signingTime, certificates: certificates)
    }
}
