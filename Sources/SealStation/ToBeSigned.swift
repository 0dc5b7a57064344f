import SealCrypto
import SealRegistry

/// What one seal use signs: the digest that goes into the signature's dataHash, and what the use log records about
/// the document (第十条). A detached document gives the SM3 of its bytes for both; a document format that embeds its
/// signature (OFD, PDF) defines the digest its signature protects, and logs the SM3 of the document it stamped.
/// Every format passes the same use gate (``Station/sign(by:sealID:_:holderKey:signatureFile:now:)``).
public struct ToBeSigned: Sendable, Equatable {
    /// The SM3 digest the signature protects (32 bytes).
    public var dataHash: [UInt8]
    /// The document's name, in the use log.
    public var documentName: String
    /// What the signature's propertyInfo names: the document's name for a detached signature, the package path of
    /// the signed description for a format that defines one (OFD: `/Doc_0/Signs/Sign_0/Signature.xml`).
    public var propertyInfo: String
    /// The SM3 of the document, lower-case hex, for the use log.
    public var documentSM3: String

    /// A value to sign.
    /// - Throws: `RegistryError.invalidInput` unless `dataHash` is an SM3 digest (32 bytes).
    public init(dataHash: [UInt8], documentName: String, documentSM3: String, propertyInfo: String? = nil) throws {
        guard dataHash.count == 32 else {
            throw RegistryError.invalidInput(field: "data hash", reason: "\(dataHash.count) bytes; an SM3 digest has 32")
        }
        self.dataHash = dataHash
        self.documentName = documentName
        self.documentSM3 = documentSM3
        self.propertyInfo = propertyInfo ?? documentName
    }

    /// A detached document: the signature protects the SM3 of its bytes, and the log records the same SM3.
    public static func document(_ bytes: [UInt8], name: String) throws -> ToBeSigned {
        let digest = try SM3.hash(bytes)
        return try ToBeSigned(dataHash: digest, documentName: name, documentSM3: Hex.encode(digest))
    }
}
