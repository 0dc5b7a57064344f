/// The kind of a cross-reference section (ISO 32000-1 §7.5.4, §7.5.8): an incremental update writes the same kind as
/// the file's last section, so readers that know only tables still read a file that has only tables.
enum PDFXRefKind: Equatable {
    case table
    case stream

    /// The offset `startxref` names at the end of `bytes` and the kind of section there.
    /// - Throws: ``PDFStampError/damaged(_:)`` when the file does not end with a usable `startxref`.
    static func last(in bytes: [UInt8]) throws -> (offset: Int, kind: PDFXRefKind) {
        let keyword = Array("startxref".utf8)
        let tail = max(0, bytes.count - 2048)
        guard let start = (tail...(max(tail, bytes.count - keyword.count))).last(where: { index in
            index + keyword.count <= bytes.count && bytes[index..<(index + keyword.count)].elementsEqual(keyword)
        }) else { throw PDFStampError.damaged("no startxref in the last 2048 bytes") }
        let digits = bytes[(start + keyword.count)...].drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D }.prefix { (0x30...0x39).contains($0) }
        guard !digits.isEmpty, digits.count <= 12, let offset = Int(String(decoding: digits, as: UTF8.self)), offset < bytes.count else {
            throw PDFStampError.damaged("startxref does not name an offset inside the file")
        }
        let section = bytes[offset...].prefix(4)
        return (offset, section.elementsEqual("xref".utf8) ? .table : .stream)
    }
}
