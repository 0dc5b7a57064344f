/// One `DocBody` of OFD.xml (GB/T 33190 §7.4): a document's identification, its DocRoot and, when signed, its
/// Signatures file.
public struct DocBody: Sendable, Equatable {
    /// `DocInfo/DocID`, when present (ofdrw and tax files: 32 hex characters).
    public var docID: String?
    /// `DocRoot`: the document's Document.xml.
    public var docRoot: STLoc
    /// `Signatures`: the document's Signatures.xml, absent when it is not signed.
    public var signatures: STLoc?

    /// Reads a `DocBody` element of `file` (OFD.xml).
    init(_ element: OFDXMLElement, in file: String) throws {
        docID = element.child("DocInfo")?.child("DocID")?.text
        guard let root = element.child("DocRoot") else { throw OFDStructureError.missing(file, "DocBody/DocRoot") }
        docRoot = try STLoc(root.text, in: file)
        signatures = try element.child("Signatures").map { try STLoc($0.text, in: file) }
    }
}
