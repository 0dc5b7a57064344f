public import SealSES

/// A document format that carries its seal inside the document (OFD, PDF): what the signature protects, and how a
/// made signature is put into the document. The station's use gate
/// (``Station/stamp(by:sealID:_:holderKey:output:now:)``) signs ``toBeSigned`` with the holder key, then asks for the
/// stamped document, and writes it only with the use log entry.
public protocol DocumentStamping {
    /// The digest the signature protects, the name its propertyInfo carries, and the document's name and SM3 for the
    /// use log (before stamping).
    var toBeSigned: ToBeSigned { get }

    /// The stamped document with `signature` in it, checked by the format (every digest it carries recomputed, the
    /// signature found where the format says) before it is returned. `signer` is the holder key that made
    /// `signature`, for a format that signs its own container too (PDF's CMS); OFD does not use it.
    func stamped(with signature: ElectronicSignature, signer: DocumentSigner) throws -> StampedDocument
}

/// A document with a seal stamped into it, ready to be written.
public struct StampedDocument: Sendable {
    /// The stamped document's bytes.
    public var bytes: [UInt8]
    /// The signature's identifier in the document (OFD `Signature@ID`, a PDF field name).
    public var signatureID: String
    /// Where the seal appears, for the use log ("page 1: 84 229 42 42 mm").
    public var placement: String

    public init(bytes: [UInt8], signatureID: String, placement: String) {
        self.bytes = bytes
        self.signatureID = signatureID
        self.placement = placement
    }
}
