import Foundation
import SealCrypto
import SealSES

/// What the CLI prints about a signature.
struct SignatureSummary: Encodable {
    var version: String
    var signingTime: Date?
    var documentName: String
    var propertyInfo: String
    var dataHashSM3: String
    var signer: String
    var signatureAlgorithm: String
    var sealName: String
    var sealESID: String
    var extensions: [String]
    var sm3: String
    var path: String?

    init(_ signature: ElectronicSignature, path: String?) {
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

    var rows: [(String, String)] {
        var rows: [(String, String)] = [
            ("version", version), ("signed at", signingTime.map(Output.date) ?? "not readable (v1 time information)"),
            ("document", documentName), ("document SM3", dataHashSM3), ("signer", signer),
            ("algorithm", signatureAlgorithm), ("seal", "\(sealName) (esID \(sealESID))"), ("SM3", sm3),
        ]
        if !extensions.isEmpty { rows.append(("extensions", extensions.joined(separator: "; "))) }
        if let path { rows.append(("file", path)) }
        return rows
    }
}
