/// One `TextObject` of a page's content (GB/T 33190 §11.2): its ID, Boundary, font size and optional transform, and
/// its text codes.
public struct OFDTextObject: Sendable, Equatable {
    /// `ID` (ST_ID).
    public var id: UInt32
    /// `Boundary`: the object's box on the page; TextCode X/Y are relative to its top-left corner.
    public var boundary: STBox
    /// `Size`: the em size in mm.
    public var size: Double
    /// `CTM` (a b c d e f), when written: maps the object's coordinates into its Boundary.
    public var ctm: [Double]?
    /// The `TextCode` children, in order.
    public var codes: [OFDTextCode]

    init(_ element: OFDXMLElement, in file: String) throws {
        id = try OFDNamespace.id(element.attributes["ID"], "TextObject ID", in: file)
        guard let boundary = element.attributes["Boundary"] else { throw OFDStructureError.missing(file, "Boundary on TextObject \(id)") }
        self.boundary = try STBox(boundary, what: "Boundary of TextObject \(id)", in: file)
        guard let size = element.attributes["Size"] else { throw OFDStructureError.missing(file, "Size on TextObject \(id)") }
        self.size = try STArray.number(Substring(size), what: "Size of TextObject \(id)", in: file)
        guard self.size >= 0 else { throw OFDStructureError.badValue(file, "Size of TextObject \(id)", size) }
        if let ctm = element.attributes["CTM"] {
            let values = try STArray(ctm, what: "CTM of TextObject \(id)", in: file, maximumCount: 6).values
            guard values.count == 6 else { throw OFDStructureError.badValue(file, "CTM of TextObject \(id)", ctm) }
            self.ctm = values
        } else {
            self.ctm = nil
        }
        codes = try element.children("TextCode").map { try OFDTextCode($0, in: file) }
    }
}
