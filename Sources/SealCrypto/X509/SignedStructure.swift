import SwiftASN1

// Certificate          ::= SEQUENCE { tbsCertificate TBSCertificate, signatureAlgorithm AlgorithmIdentifier,
//                                     signatureValue BIT STRING }                                   (RFC 5280 §4.1)
// CertificationRequest ::= SEQUENCE { certificationRequestInfo CertificationRequestInfo,
//                                     signatureAlgorithm AlgorithmIdentifier, signature BIT STRING } (RFC 2986 §4.2)
/// The common outer shape of a certificate and a CSR. The to-be-signed part is kept as the exact bytes read, so
/// signatures are checked over what was received, never over a re-encoding.
struct SignedStructure: DERImplicitlyTaggable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var toBeSignedBytes: ArraySlice<UInt8>
    var signatureAlgorithm: AlgorithmIdentifier
    var signature: ASN1BitString

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            guard let tbs = nodes.next(), tbs.identifier == .sequence else {
                throw ASN1Error.unexpectedFieldType(.sequence)
            }
            let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
            let signature = try ASN1BitString(derEncoded: &nodes)
            return SignedStructure(toBeSignedBytes: tbs.encodedBytes, signatureAlgorithm: algorithm, signature: signature)
        }
    }

    init(toBeSignedBytes: ArraySlice<UInt8>, signatureAlgorithm: AlgorithmIdentifier, signature: ASN1BitString) {
        self.toBeSignedBytes = toBeSignedBytes
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            coder.serializeRawBytes(toBeSignedBytes)
            try coder.serialize(signatureAlgorithm)
            try coder.serialize(signature)
        }
    }

    /// The DER SubjectPublicKeyInfo inside a TBSCertificate or CertificationRequestInfo, as stored.
    ///
    ///     TBSCertificate ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, serialNumber, signature, issuer,
    ///                                   validity, subject, subjectPublicKeyInfo, … }
    ///     CertificationRequestInfo ::= SEQUENCE { version INTEGER, subject Name, subjectPKInfo, attributes [0] }
    func subjectPublicKeyInfoBytes(isCertificate: Bool) throws -> ArraySlice<UInt8> {
        let root = try DER.parse(toBeSignedBytes)
        guard case .constructed(let children) = root.content else { throw ASN1Error.unexpectedFieldType(root.identifier) }
        var nodes = Array(children)
        if isCertificate, let first = nodes.first, first.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
            nodes.removeFirst()
        }
        let index = isCertificate ? 5 : 2
        guard nodes.count > index, nodes[index].identifier == .sequence else {
            throw ASN1Error.invalidASN1Object(reason: "no subjectPublicKeyInfo")
        }
        return nodes[index].encodedBytes
    }

    /// Whether the signature verifies under `issuerKey` over the exact to-be-signed bytes.
    /// - Throws: `.unsupportedSignatureAlgorithm`, `.keyAlgorithmMismatch`.
    func isSignatureValid(under issuerKey: PublicKey, userID: [UInt8]) throws -> Bool {
        guard let algorithm = SignatureAlgorithm(oid: signatureAlgorithm.algorithm) else {
            throw SealCryptoError.unsupportedSignatureAlgorithm(oid: signatureAlgorithm.algorithm.description)
        }
        guard algorithm.keyAlgorithm == issuerKey.algorithm else {
            throw SealCryptoError.keyAlgorithmMismatch(
                expected: algorithm.keyAlgorithm.displayName, actual: issuerKey.algorithm.displayName)
        }
        // A signature BIT STRING with unused bits is not a signature value (RFC 5280; OpenSSL's X509_verify refuses
        // it too), even when its bytes are those of a valid signature.
        guard signature.paddingBits == 0 else { return false }
        return try issuerKey.isValidSignature(Array(signature.bytes), for: toBeSignedBytes, userID: userID)
    }
}
