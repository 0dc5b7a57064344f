public import SealOFD

/// An OpenType face sets and embeds the text of the OFDs SealOFD writes (`OFDTextDocument`); `subset(codepoints:)`
/// is the face's own hb-subset.
extension OpenTypeFace: OFDFontFace {
    public func advance(of scalar: Unicode.Scalar) -> Int? {
        glyph(for: scalar).map { advance(glyph: $0) }
    }
}
