/// One `Pages/Page` of Document.xml (GB/T 33190 §7.5): the page's ID and the location of its content file.
public struct OFDPage: Sendable, Equatable {
    /// `ID` (ST_ID): what a StampAnnot's `PageRef` names.
    public var id: UInt32
    /// `BaseLoc`: the page's Content.xml, resolved against Document.xml's directory.
    public var baseLoc: STLoc

    init(_ element: OFDXMLElement, in file: String) throws {
        id = try OFDNamespace.id(element.attributes["ID"], "Page ID", in: file)
        guard let loc = element.attributes["BaseLoc"] else { throw OFDStructureError.missing(file, "BaseLoc on Page \(id)") }
        baseLoc = try STLoc(loc, in: file)
    }
}
