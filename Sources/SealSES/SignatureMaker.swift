public import Foundation
import SealASN1
public import SealCrypto
import SwiftASN1

/// Makes GB/T 38540 (v4) signatures (电子签章) over detached documents.
public enum SignatureMaker {
    /// Signs `document` with `seal`: dataHash = SM3(document), timeInfo = `signingTime`, propertyInfo = the document
    /// name (non-ASCII percent-encoded, since the field is an IA5String), signed by `holderKey` (a software key or a token key) whose certificate
    /// must be one of the seal's holders. The signature is verified with the holder certificate's key before it is
    /// returned.
    /// - Throws: `SealSESError` when the seal, key, certificate or time do not fit together, or
    ///   `.signatureDoesNotVerify` when the signature made does not verify.
    public static func sign(
        document: [UInt8], documentName: String, seal: ElectronicSeal, holderKey: some MessageSigner,
        holderCertificate: Certificate, signingTime: Date
    ) throws -> ElectronicSignature {
        try sign(dataHash: try SM3.hash(document), documentName: documentName, seal: seal, holderKey: holderKey,
                 holderCertificate: holderCertificate, signingTime: signingTime)
    }

    /// As ``sign(document:documentName:seal:holderKey:holderCertificate:signingTime:)`` over a digest the caller
    /// computed: `dataHash` is the SM3 a document format defines as what its signature protects (for a detached
    /// document, the SM3 of its bytes).
    public static func sign(
        dataHash: [UInt8], documentName: String, seal: ElectronicSeal, holderKey: some MessageSigner,
        holderCertificate: Certificate, signingTime: Date
    ) throws -> ElectronicSignature {
        guard case .v4(let sealStructure) = seal.structure, seal.version == .v4 else {
            throw SealSESError.sealNotV4(seal.version.rawValue)
        }
        guard holderKey.publicKey == holderCertificate.publicKey else {
            throw SealSESError.keyDoesNotMatchCertificate(role: "holder")
        }
        guard seal.lists(holderCertificate) else {
            throw SealSESError.signerNotAHolder(subject: holderCertificate.subject.description)
        }
        guard seal.validStart <= signingTime, signingTime <= seal.validEnd else {
            throw SealSESError.signingTimeOutsideSealValidity(signingTime)
        }
        let toSign = try SESv4.TBS_Sign(
            version: 4, eseal: sealStructure, timeInfo: try SESTime.generalizedTime(signingTime),
            dataHash: dataHash, propertyInfo: percentEncoded(documentName), extDatas: nil)
        var serializer = DER.Serializer()
        try serializer.serialize(toSign)
        let signedBytes = serializer.serializedBytes
        let value = try holderKey.signature(for: signedBytes)
        // Checked with the holder certificate's key over the bytes embedded, before anyone can keep or log it.
        guard try holderCertificate.publicKey.isValidSignature(value, for: signedBytes) else {
            throw SealSESError.signatureDoesNotVerify(role: "holder", subject: holderCertificate.subject.description)
        }
        let signature = try SESv4.SES_Signature(
            toSignBytes: signedBytes, cert: holderCertificate.derEncoded, signatureAlgID: holderKey.signatureAlgorithm.oid,
            signature: value)
        return try ElectronicSignature(structure: .v4(signature))
    }

    /// ASCII stays; every other UTF-8 byte (and '%') becomes %XX, so the name fits an IA5String and decodes back.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if byte >= 0x20, byte < 0x7f, byte != UInt8(ascii: "%") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + Hex.encode([byte]).uppercased()
            }
        }
        return out
    }
}

extension ElectronicSeal {
    /// Whether `certificate` is one of the seal's holders: byte-equal to a listed certificate, or its SM3 equal to
    /// a listed digest.
    public func lists(_ certificate: Certificate) -> Bool {
        holderCertificates.contains(certificate.derEncoded)
            || holderCertificateDigests.contains { $0.value == certificate.fingerprint }
    }
}
