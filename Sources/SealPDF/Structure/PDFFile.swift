/// A PDF read through libqpdf: its pages, its signature fields and where each revision ends. Reading is shallow
/// and bounded by ``PDFLimits`` (file size, declared objects, pages, form fields), so a hostile object graph is
/// refused by name instead of being followed.
public struct PDFFile: Sendable {
    /// The file's bytes.
    public let bytes: [UInt8]
    /// The number of pages.
    public let pageCount: Int
    /// Each page's geometry: its visible box, /Rotate and /UserUnit (the first two inherited through /Parent).
    public let pages: [PDFPageGeometry]
    /// Every signed signature field (with a /V signature dictionary), in AcroForm order.
    public let signatureFields: [PDFSignatureField]
    /// The end offsets of the file's revisions: after each `%%EOF` that a `startxref` precedes, its line end included.
    public let revisionEnds: [Int]
    /// Whether the file is encrypted.
    public let isEncrypted: Bool
    /// What libqpdf warned about while reading (a reconstructed cross-reference table, a damaged object).
    public let warnings: [String]

    /// Reads `bytes` (named `name` in messages).
    /// - Throws: ``PDFStructureError`` naming what cannot be read or which limit is exceeded.
    public init(_ bytes: [UInt8], name: String, limits: PDFLimits = .init()) throws {
        guard bytes.count <= limits.fileBytes else { throw PDFStructureError.tooLarge(bytes: bytes.count, limit: limits.fileBytes) }
        guard Self.startsLikePDF(bytes) else { throw PDFStructureError.notPDF }
        let document = try QPDFDocument(bytes: bytes, description: name)
        if let size = document.trailer["/Size"]?.integer, size > Int64(limits.objects) || size < 0 {
            throw PDFStructureError.tooManyObjects(count: Int(clamping: size), limit: limits.objects)
        }
        let pages = try document.pages()
        guard pages.count <= limits.pages else { throw PDFStructureError.tooManyPages(count: pages.count, limit: limits.pages) }
        var pageIndex: [PDFReference: Int] = [:]
        for (index, page) in pages.enumerated() {
            if let reference = page.reference { pageIndex[reference] = index + 1 }
        }
        self.bytes = bytes
        pageCount = pages.count
        self.pages = pages.map { page in
            PDFPageGeometry(
                box: Self.visibleBox(page), rotate: Int(clamping: Self.inherited("/Rotate", of: page)?.integer ?? 0),
                userUnit: page["/UserUnit"]?.number ?? 1)
        }
        isEncrypted = document.isEncrypted
        signatureFields = try Self.signatureFields(document, pageIndex: pageIndex, limits: limits)
        try document.check()
        warnings = document.warnings
        revisionEnds = Self.revisionEnds(bytes)
    }

    /// A page's /CropBox or /MediaBox, inherited; US Letter when there is none.
    private static func visibleBox(_ page: QPDFObject) -> [Double] {
        for key in ["/CropBox", "/MediaBox"] {
            if let box = inherited(key, of: page)?.items.compactMap(\.number), box.count == 4 { return box }
        }
        return [0, 0, 612, 792]
    }

    /// The value of an inheritable page attribute, looked up through at most 32 /Parent levels (a loop ends there).
    private static func inherited(_ key: String, of page: QPDFObject) -> QPDFObject? {
        var node: QPDFObject? = page
        var depth = 0
        while let current = node, depth < 32 {
            if let value = current[key] { return value }
            node = current["/Parent"]
            depth += 1
        }
        return nil
    }

    /// Whether `%PDF-` appears in the first 1024 bytes (ISO 32000-1 §7.5.2; readers accept leading junk that long).
    static func startsLikePDF(_ bytes: [UInt8]) -> Bool {
        let marker = Array("%PDF-".utf8)
        let head = bytes.prefix(1024 + marker.count)
        guard head.count >= marker.count else { return false }
        return (0...(head.count - marker.count)).contains { offset in
            head[offset..<(offset + marker.count)].elementsEqual(marker)
        }
    }

    /// The signed signature fields of the AcroForm's field tree, walked with a visited set and the limits.
    private static func signatureFields(_ document: QPDFDocument, pageIndex: [PDFReference: Int], limits: PDFLimits) throws -> [PDFSignatureField] {
        guard let form = document.root["/AcroForm"], let fields = form["/Fields"] else { return [] }
        var found: [PDFSignatureField] = []
        var visited: Set<PDFReference> = []
        var walked = 0
        func walk(_ field: QPDFObject, parentName: String?, inheritedType: String?, depth: Int) throws {
            guard depth <= limits.fieldDepth else { throw PDFStructureError.fieldTree("fields are nested more than \(limits.fieldDepth) deep") }
            if let reference = field.reference {
                guard visited.insert(reference).inserted else { throw PDFStructureError.fieldTree("field \(reference) is reached twice (a loop)") }
            }
            walked += 1
            guard walked <= limits.fields else { throw PDFStructureError.fieldTree("more than \(limits.fields) fields") }
            guard field.kind == .dictionary else { return }
            let partial = field["/T"]?.text
            let name = [parentName, partial].compactMap { $0 }.joined(separator: ".")
            let type = field["/FT"]?.name ?? inheritedType
            if let kids = field["/Kids"], kids.kind == .array {
                for kid in kids.items where kid["/Parent"] != nil || kid["/T"] != nil || kid["/Kids"] != nil {
                    try walk(kid, parentName: name.isEmpty ? nil : name, inheritedType: type, depth: depth + 1)
                }
            }
            guard type == "Sig", let value = field["/V"], value.kind == .dictionary else { return }
            var widgets: [(page: Int?, rect: [Double])] = []
            for widget in [field] + (field["/Kids"]?.items.filter { $0["/T"] == nil && $0["/Subtype"]?.name == "Widget" } ?? []).prefix(limits.pages) {
                guard let rect = widget["/Rect"]?.items.compactMap(\.number), rect.count == 4 else { continue }
                widgets.append((widget["/P"]?.reference.flatMap { pageIndex[$0] }, rect))
            }
            let page = widgets.first?.page
            let rect = widgets.first?.rect
            var signatureField = PDFSignatureField(
                name: name.isEmpty ? (field.reference.map { "field \($0)" } ?? "unnamed field") : name,
                field: field.reference, signature: value.reference, filter: value["/Filter"]?.name,
                subFilter: value["/SubFilter"]?.name, byteRange: value["/ByteRange"]?.items.compactMap(\.integer) ?? [],
                contents: value["/Contents"]?.bytes ?? [], signingTimeText: value["/M"]?.text, reason: value["/Reason"]?.text,
                signerName: value["/Name"]?.text, page: page, rect: rect)
            signatureField.widgets = widgets
            found.append(signatureField)
        }
        for field in fields.items { try walk(field, parentName: nil, inheritedType: nil, depth: 0) }
        return found
    }

    /// The offsets just after each `%%EOF` marker that follows a `startxref` (and its line end).
    static func revisionEnds(_ bytes: [UInt8]) -> [Int] {
        let marker = Array("%%EOF".utf8)
        let startxref = Array("startxref".utf8)
        var ends: [Int] = []
        var sawStartxref = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "s"), index + startxref.count <= count, bytes[index..<(index + startxref.count)].elementsEqual(startxref) {
                sawStartxref = true
                index += startxref.count
                continue
            }
            if byte == UInt8(ascii: "%"), sawStartxref, index + marker.count <= count, bytes[index..<(index + marker.count)].elementsEqual(marker) {
                var end = index + marker.count
                if end < count, bytes[end] == 0x0D { end += 1 }
                if end < count, bytes[end] == 0x0A { end += 1 }
                ends.append(end)
                sawStartxref = false
                index = end
                continue
            }
            index += 1
        }
        return ends
    }
}
