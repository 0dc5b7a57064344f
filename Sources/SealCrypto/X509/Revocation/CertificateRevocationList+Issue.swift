public import Foundation
import SwiftASN1

extension CertificateRevocationList {
    /// Issues a v2 CRL by `issuer`, signed by `signer` (its key; SM2 with SM3 and the ID 1234567812345678, or ECDSA
    /// with SHA-256): cRLNumber `number`, authorityKeyIdentifier from the issuer's subjectKeyIdentifier,
    /// thisUpdate/nextUpdate, and one entry per revoked certificate with its reasonCode (absent for unspecified, as
    /// RFC 5280 §5.3.1 asks) and invalidityDate when known. The signature is checked with the issuer certificate's key
    /// over the bytes returned.
    /// - Throws: `.invalidCRL` for an issuer that may not sign CRLs, a reversed window, a bad number or serial, or a
    ///   serial listed twice; `.issuerKeyDoesNotMatchIssuerCertificate`; `.signatureDoesNotVerify`.
    public static func issue(
        issuer: Certificate, signer: some MessageSigner, number: [UInt8], thisUpdate: Date, nextUpdate: Date,
        entries: [RevokedCertificate]
    ) throws -> CertificateRevocationList {
        guard signer.publicKey == issuer.publicKey else { throw SealCryptoError.issuerKeyDoesNotMatchIssuerCertificate }
        if let usage = issuer.keyUsage, !usage.contains(.cRLSign) {
            throw SealCryptoError.invalidCRL(reason: "\(issuer.subject) may not sign CRLs (its keyUsage lacks cRLSign)")
        }
        guard thisUpdate < nextUpdate else {
            throw SealCryptoError.invalidCRL(reason: "nextUpdate \(nextUpdate.formatted(.iso8601)) is not after thisUpdate \(thisUpdate.formatted(.iso8601))")
        }
        let number = Array(number.drop { $0 == 0 })
        guard number.count <= 20 else { throw SealCryptoError.invalidCRL(reason: "the CRL number is \(number.count) bytes long, more than 20") }
        var seen = Set<SerialKey>()
        for entry in entries {
            guard (1...20).contains(entry.serialNumber.count) else { throw SealCryptoError.invalidSerialNumber(byteCount: entry.serialNumber.count) }
            guard seen.insert(SerialKey(bytes: entry.serialNumber)).inserted else {
                throw SealCryptoError.invalidCRL(reason: "serial number \(Hex.encode(entry.serialNumber)) is listed twice")
            }
        }
        let algorithm = AlgorithmIdentifier(algorithm: signer.signatureAlgorithm.oid, parameters: nil)

        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(1)  // v2
            try coder.serialize(algorithm)
            coder.serializeRawBytes(issuer.subjectNameDER)
            try X509Time.serialize(thisUpdate, into: &coder)
            try X509Time.serialize(nextUpdate, into: &coder)
            if !entries.isEmpty {
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    for entry in entries { try serialize(entry, into: &coder) }
                }
            }
            try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    if let keyIdentifier = issuer.subjectKeyIdentifier {
                        try X509ExtensionField.serialize(
                            X509ExtensionField.authorityKeyIdentifier,
                            value: try X509ExtensionField.authorityKeyIdentifierValue(keyIdentifier), into: &coder)
                    }
                    var value = DER.Serializer()
                    try value.serialize(number[...])
                    try X509ExtensionField.serialize(X509ExtensionField.cRLNumber, value: value.serializedBytes, into: &coder)
                }
            }
        }
        let toBeSigned = tbs.serializedBytes
        let signature = try signer.signature(for: toBeSigned)
        let list = SignedStructure(
            toBeSignedBytes: toBeSigned[...], signatureAlgorithm: algorithm,
            signature: ASN1BitString(bytes: signature[...], paddingBits: 0))
        var outer = DER.Serializer()
        try outer.serialize(list)
        let crl = try CertificateRevocationList(derEncoded: outer.serializedBytes)
        // Checked with the issuer certificate's key as a verifier will, over the bytes returned.
        guard try crl.isSignatureValid(under: issuer.publicKey) else {
            throw SealCryptoError.signatureDoesNotVerify(made: "the CRL signature of \(issuer.subject)")
        }
        return crl
    }

    private static func serialize(_ entry: RevokedCertificate, into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(entry.serialNumber[...])
            try X509Time.serialize(entry.revocationDate, into: &coder)
            let reason = entry.reason.flatMap { $0 == .unspecified ? nil : $0 }
            guard reason != nil || entry.invalidityDate != nil else { return }
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                if let reason {
                    var value = DER.Serializer()
                    try reason.rawValue.serialize(into: &value, withIdentifier: .enumerated)
                    try X509ExtensionField.serialize(X509ExtensionField.reasonCode, value: value.serializedBytes, into: &coder)
                }
                if let invalidityDate = entry.invalidityDate {
                    var value = DER.Serializer()
                    try value.serialize(X509Time.generalizedTime(invalidityDate))
                    try X509ExtensionField.serialize(X509ExtensionField.invalidityDate, value: value.serializedBytes, into: &coder)
                }
            }
        }
    }
}
