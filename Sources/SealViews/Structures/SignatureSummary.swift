public import Foundation
import SealCrypto
public import SealSES
import SwiftASN1

/// What is shown about a GB/T 38540 signature (SES_Signature): time, document, signer, algorithm, seal and SM3.
public struct SignatureSummary: Encodable, Sendable, Hashable {
    public var version: String
    /// The signing time; absent when it cannot be read (v1 time information).
    public var signingTime: Date?
    public var documentName: String
    public var propertyInfo: String
    /// The signed document's SM3 (dataHash), in hex.
    public var dataHashSM3: String
    /// The signer certificate's subject.
    public var signer: String
    public var signatureAlgorithm: String
    public var sealName: String
    public var sealESID: String
    /// Each extension as `OID (critical): N bytes`.
    public var extensions: [String]
    /// SM3 of the signature's DER, in hex.
    public var sm3: String
    /// The file the signature was read from or written to, when there is one.
    public var path: String?

    /// The summary of `signature`, read from or written to `path` if given.
    public init(_ signature: ElectronicSignature, path: String?) {
        version = signature.version.rawValue
        signingTime = signature.signingTime
        documentName = signature.documentName
        propertyInfo = signature.propertyInfo
        dataHashSM3 = Hex.encode(signature.dataHash)
        signer = Describe.subject(ofCertificate: signature.signerCertificate)
        signatureAlgorithm = signature.signatureAlgorithm.description
        sealName = signature.seal.name
        sealESID = signature.seal.esID
        extensions = signature.extensions.map(Describe.extensionData)
        sm3 = Describe.sm3(signature.derEncoded)
        self.path = path
    }

    /// Label–value rows for a detail view.
    public var rows: [(String, String)] {
        var rows: [(String, String)] = [
            ("version", version), ("signed at", signingTime.map(ViewText.date) ?? "not readable (v1 time information)"),
            ("document", documentName), ("document SM3", dataHashSM3), ("signer", signer),
            ("algorithm", signatureAlgorithm), ("seal", "\(sealName) (esID \(sealESID))"), ("SM3", sm3),
        ]
        if !extensions.isEmpty { rows.append(("extensions", extensions.joined(separator: "; "))) }
        if let path { rows.append(("file", path)) }
        return rows
    }
}
