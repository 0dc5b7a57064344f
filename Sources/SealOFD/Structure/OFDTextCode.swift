/// One `TextCode` of a text object (GB/T 33190 §11.3): a run of characters, its start point relative to the text
/// object's Boundary (Y is the baseline) and the advances between consecutive characters.
public struct OFDTextCode: Sendable, Equatable {
    /// `X`, `Y` when written (absent: they continue from the previous TextCode).
    public var x: Double?
    public var y: Double?
    /// `DeltaX`, `DeltaY` expanded (`g` repeats): entry k is the advance from character k to k+1, in mm.
    public var deltaX: [Double]
    public var deltaY: [Double]
    /// The characters (the XML text, surrounding whitespace trimmed by the parser).
    public var text: String

    init(_ element: OFDXMLElement, in file: String) throws {
        x = try element.attributes["X"].map { try STArray.number(Substring($0), what: "TextCode X", in: file) }
        y = try element.attributes["Y"].map { try STArray.number(Substring($0), what: "TextCode Y", in: file) }
        deltaX = try element.attributes["DeltaX"].map { try STArray($0, what: "TextCode DeltaX", in: file).values } ?? []
        deltaY = try element.attributes["DeltaY"].map { try STArray($0, what: "TextCode DeltaY", in: file).values } ?? []
        text = element.text
    }
}
