/// The face an OFD's text is set in and embedded with: what layout measures (advances in font units) and the subset
/// file the package carries. SealFonts' `OpenTypeFace` is one; SealOFD itself links no font library.
public protocol OFDFontFace {
    /// The family name written as the Font's `FontName` and `FamilyName`.
    var familyName: String { get }
    /// Font units per em.
    var unitsPerEm: Int { get }
    /// The horizontal advance of `scalar` in font units, or nil when the face has no glyph for it.
    func advance(of scalar: Unicode.Scalar) -> Int?
    /// A standalone TrueType file with the glyphs of `codepoints`, embedded as the document's font file.
    func subset(codepoints: some Sequence<Unicode.Scalar>) throws -> [UInt8]
}
