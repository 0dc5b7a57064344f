/// A document's Signatures.xml (GB/T 33190 §18.1, root element `Signatures`): the signature counter and the list of
/// signatures, in document order.
public struct OFDSignatures: Sendable, Equatable {
    /// The file's package path (DocBody's `Signatures`).
    public var path: String
    /// Every `MaxSignId` as written, in order: one in a well-formed file; ofdrw 1.5.2 left two in `F:h` (`s006`, then
    /// `s008`), so none is silently chosen here.
    public var maxSignIDs: [String]
    /// The `Signature` entries.
    public var signatures: [OFDSignatureEntry]

    /// Reads the Signatures.xml that `location` (a DocBody's `Signatures`) points to.
    public init(_ package: OFDPackage, location: STLoc, limits: OFDPackageLimits = OFDPackageLimits()) throws {
        path = location.path
        let root = try OFDNamespace.root("Signatures", of: path, in: package, referredBy: OFDEntry.path, limits: limits)
        maxSignIDs = root.children("MaxSignId").map(\.text)
        let entries = root.children("Signature")
        guard entries.count <= limits.signatures else {
            throw OFDStructureError.badValue(path, "number of Signature entries (at most \(limits.signatures))", "\(entries.count)")
        }
        signatures = try entries.map { try OFDSignatureEntry($0, in: location.path) }
    }
}
