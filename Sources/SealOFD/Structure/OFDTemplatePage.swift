/// One `CommonData/TemplatePage` of Document.xml (GB/T 33190 §7.5): a background page that pages draw under their content.
public struct OFDTemplatePage: Sendable, Equatable {
    /// `ID` (ST_ID).
    public var id: UInt32
    /// `BaseLoc`: the template's Content.xml, resolved against Document.xml's directory.
    public var baseLoc: STLoc

    init(_ element: OFDXMLElement, in file: String) throws {
        id = try OFDNamespace.id(element.attributes["ID"], "TemplatePage ID", in: file)
        guard let loc = element.attributes["BaseLoc"] else { throw OFDStructureError.missing(file, "BaseLoc on TemplatePage \(id)") }
        baseLoc = try STLoc(loc, in: file)
    }
}
