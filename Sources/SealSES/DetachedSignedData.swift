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
        let parsed: (certificates: [[UInt8]], issuer: [UInt8], serial: [UInt8], signedAttributes: [UInt8], signature: [UInt8])
        do {
            parsed = try DER.sequence(try DER.parse(der), identifier: .sequence) { nodes in
                let contentType = try ASN1ObjectIdentifier(derEncoded: &nodes)
                guard contentType == GBT35275.signedData || contentType == [1, 2, 840, 113549, 1, 7, 2] else {
                    throw fail("the content type \(contentType) is not signedData")
                }
                return try DER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { node in
                    try DER.sequence(node, identifier: .sequence) { nodes in
                        _ = try Int(derEncoded: &nodes)
                        // digestAlgorithms: checked with everything else by the canonical re-encoding below.
                        guard nodes.next() != nil else { throw fail("no digestAlgorithms") }
                        guard let encapsulated = nodes.next(), case .constructed(let encapsulatedFields) = encapsulated.content else {
                            throw fail("no encapContentInfo")
                        }
                        guard encapsulatedFields.reduce(0, { count, _ in count + 1 }) == 1 else {
                            throw fail("the SignedData carries its content; a detached signature is expected")
                        }
                        var rest: [ASN1Node] = []
                        while let node = nodes.next() { rest.append(node) }
                        var certificates: [[UInt8]] = []
                        if let first = rest.first, first.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
                            guard case .constructed(let children) = first.content else { throw fail("certificates are not constructed") }
                            certificates = children.map { Array($0.encodedBytes) }
                        }
                        guard let signerSet = rest.last, signerSet.identifier == .set, case .constructed(let signers) = signerSet.content else {
                            throw fail("no signerInfos")
                        }
                        var signerNodes = signers.makeIterator()
                        guard let signerInfo = signerNodes.next(), signerNodes.next() == nil else { throw fail("not exactly one signer") }
                        return try DER.sequence(signerInfo, identifier: .sequence) { nodes in
                            _ = try Int(derEncoded: &nodes)
                            guard let sidNode = nodes.next() else { throw fail("no signer identifier") }
                            let (issuer, serial) = try DER.sequence(sidNode, identifier: .sequence) { sid in
                                guard let name = sid.next() else { throw fail("no issuer in the signer identifier") }
                                return (Array(name.encodedBytes), Array(try ArraySlice<UInt8>(derEncoded: &sid)))
                            }
                            guard let digestNode = nodes.next() else { throw fail("no digest algorithm in the signer") }
                            let digest = try DER.sequence(digestNode, identifier: .sequence) { try ASN1ObjectIdentifier(derEncoded: &$0) }
                            guard digest == GBT35275.sm3 else { throw fail("the digest algorithm \(digest) is not SM3") }
                            guard let attributes = nodes.next(),
                                  attributes.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                            else { throw fail("no signed attributes") }
                            _ = nodes.next()  // signatureAlgorithm: SM2 either way (1.2.156.10197.1.301.1 or .501)
                            let signature = try ASN1OctetString(derEncoded: &nodes)
                            var signedBytes = Array(attributes.encodedBytes)
                            signedBytes[0] = 0x31  // [0] IMPLICIT → SET OF, as signed (RFC 5652 §5.4)
                            return (certificates, issuer, serial, signedBytes, Array(signature.bytes))
                        }
                    }
                }
            }
        } catch let error as SealSESError {
            throw error
        } catch {
            throw fail("not a DER SignedData: \(ParseProblem.describe(error))")
        }
        let certificates = try parsed.certificates.map { try Certificate(derEncoded: $0) }
        guard let signer = certificates.first(where: { $0.issuerNameDER == parsed.issuer && $0.serialNumber == parsed.serial }) else {
            throw fail("the signer's certificate is not among the carried certificates")
        }
        // The signed attributes: contentType = data, messageDigest = SM3(content), signingTime.
        var contentTypeOK = false, digestOK = false
        var signingTime: Date?
        var attributes: [CMS.Attribute] = []
        do {
        guard case .constructed(let attributeNodes) = try DER.parse(parsed.signedAttributes).content else {
            throw fail("the signed attributes are not a SET")
        }
        for attribute in attributeNodes {
            try DER.sequence(attribute, identifier: .sequence) { nodes in
                let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
                guard let values = nodes.next(), case .constructed(let set) = values.content, let value = set.first(where: { _ in true }) else {
                    throw fail("attribute \(type) has no value")
                }
                attributes.append(try CMS.Attribute(type: type, values: [ASN1Any(derEncoded: value)]))
                switch type {
                case GBT35275.contentTypeAttribute:
                    let inner = try ASN1ObjectIdentifier(derEncoded: value)
                    contentTypeOK = inner == GBT35275.data || inner == [1, 2, 840, 113549, 1, 7, 1]
                case GBT35275.messageDigestAttribute:
                    digestOK = Array(try ASN1OctetString(derEncoded: value).bytes) == (try SM3.hash(content))
                case GBT35275.signingTimeAttribute:
                    signingTime = SESTime.date(try UTCTime(derEncoded: value))
                default: break
                }
            }
        }
        } catch let error as SealSESError {
            throw error
        } catch {
            throw fail("malformed signed attributes: \(ParseProblem.describe(error))")
        }
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
