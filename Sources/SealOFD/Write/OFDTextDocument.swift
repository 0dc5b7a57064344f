public import Foundation

/// An unsigned OFD package (GB/T 33190) made from plain text: A4 pages, an optional title on the first page, the
/// text wrapped by the real advances of the face, a page break at each form feed and whenever a page is full, one
/// `TextObject`/`TextCode` per line, and the face's subset embedded as `Doc_0/Res/font_1.ttf` so that every reader
/// draws the same glyphs. The XML is written in the exact form of ofd-signing.md §1.
public struct OFDTextDocument: Sendable {
    /// The most text accepted: 1 MiB.
    public static let maximumTextBytes = 1 << 20
    /// The most pages written: 500.
    public static let maximumPages = 500
    /// The package path of the embedded font.
    public static let fontPath = "Doc_0/Res/font_1.ttf"

    /// The laid-out lines of each page (a page may have none).
    public let pages: [[OFDTextLine]]
    /// The package's files in the order they are zipped: OFD.xml, Doc_0/Document.xml, Doc_0/PublicRes.xml, the
    /// pages' Content.xml, the font.
    public let members: [OFDPackageMember]

    /// Lays out `text` (UTF-8) with `face` and builds the package's files.
    /// - Parameters:
    ///   - text: the text, UTF-8 (a byte order mark at its start is skipped); `\n`, `\r\n` or `\r` end a line, `\f`
    ///     starts a new page, a tab is four spaces.
    ///   - face: the face to measure with and embed (a subset of it).
    ///   - info: DocID, title (set on the first page too), creation date, creator.
    /// - Throws: ``OFDTextError`` naming the line and character, or the limit.
    public init(text: [UInt8], face: some OFDFontFace, info: OFDDocInfo = OFDDocInfo(), layout: OFDTextLayout = .a4) throws(OFDTextError) {
        guard text.count <= Self.maximumTextBytes else { throw OFDTextError.textTooLarge(bytes: text.count, limit: Self.maximumTextBytes) }
        guard face.unitsPerEm > 0, face.unitsPerEm <= 16_384 else { throw OFDTextError.badFace("units per em \(face.unitsPerEm)") }
        let scalars = try Self.decode(text)
        var title: [Unicode.Scalar]?
        if let given = info.title {
            let titleScalars = Array(given.unicodeScalars)
            guard !titleScalars.isEmpty, !titleScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }) else {
                throw OFDTextError.badTitle
            }
            title = titleScalars
        }
        let pages = try Self.layOut(scalars, title: title, face: face, layout: layout)
        var used = Set<Unicode.Scalar>()
        for page in pages { for line in page { used.formUnion(line.scalars) } }
        let font: [UInt8]
        do {
            font = try face.subset(codepoints: used.sorted { $0.value < $1.value })
        } catch {
            throw OFDTextError.fontSubset(font: face.familyName, reason: "\(error)")
        }
        self.pages = pages
        self.members = Self.members(pages: pages, info: info, fontName: face.familyName, font: font, layout: layout)
    }

    /// The package as ZIP bytes (DEFLATE, sizes in the local headers, UTF-8 names), written through ZIPFoundation.
    /// - Throws: ``OFDTextError/packageWriting(_:)``.
    public func package(modificationDate: Date = Date()) throws(OFDTextError) -> [UInt8] {
        do {
            return try OFDPackageWriter.zip(members, modificationDate: modificationDate)
        } catch {
            throw OFDTextError.packageWriting(error.description)
        }
    }

    // MARK: - Text

    /// The scalars of `bytes`, checked: UTF-8, no control characters but tab, CR, LF and FF. Tabs become four spaces
    /// and every line end one LF.
    static func decode(_ bytes: [UInt8]) throws(OFDTextError) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var line = 1
        var offset = 0
        var previousCR = false
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                defer { offset += UTF8.width(scalar) }
                if scalar == "\r" {
                    scalars.append("\n")
                    line += 1
                    previousCR = true
                    continue
                }
                defer { previousCR = false }
                switch scalar.value {
                case 0x0A:
                    if previousCR { continue decoding }
                    scalars.append("\n")
                    line += 1
                case 0x0C:
                    scalars.append(scalar)
                case 0x09:
                    scalars.append(contentsOf: repeatElement(" ", count: 4))
                case 0xFEFF where scalars.isEmpty && offset == 0:
                    break
                case 0..<0x20, 0x7F, 0x80...0x9F:
                    throw OFDTextError.controlCharacter(line: line, scalar: scalar.value)
                default:
                    scalars.append(scalar)
                }
            case .emptyInput:
                break decoding
            case .error:
                // The decoder consumed at least one byte that is not UTF-8; `offset` is where it started.
                throw OFDTextError.notUTF8(line: line, offset: offset)
            }
        }
        return scalars
    }

    // MARK: - Layout

    /// The pages: the title (wrapped, centred) and an empty line on the first page, then the paragraphs.
    static func layOut(
        _ scalars: [Unicode.Scalar], title: [Unicode.Scalar]?, face: some OFDFontFace, layout: OFDTextLayout
    ) throws(OFDTextError) -> [[OFDTextLine]] {
        var advanceCache: [Unicode.Scalar: Int] = [:]
        var line = 1
        func advances(_ run: [Unicode.Scalar], size: Double) throws(OFDTextError) -> [Double] {
            var result: [Double] = []
            result.reserveCapacity(run.count)
            for scalar in run {
                let units: Int
                if let known = advanceCache[scalar] {
                    units = known
                } else {
                    guard let measured = face.advance(of: scalar), measured >= 0, measured <= 4 * face.unitsPerEm else {
                        throw OFDTextError.characterNotInFont(line: line, scalar: scalar.value, font: face.familyName)
                    }
                    advanceCache[scalar] = measured
                    units = measured
                }
                result.append(Double(units) / Double(face.unitsPerEm) * size)
            }
            return result
        }

        var pages: [[OFDTextLine]] = [[]]
        var y = layout.margin
        func place(_ run: ArraySlice<Unicode.Scalar>, _ widths: ArraySlice<Double>, size: Double, height: Double, centred: Bool) throws(OFDTextError) {
            if y + height > layout.textBottom + 1e-9 {
                guard pages.count < maximumPages else { throw OFDTextError.tooManyPages(limit: maximumPages) }
                pages.append([])
                y = layout.margin
            }
            if !run.isEmpty {
                let width = widths.reduce(0, +)
                let x = centred ? layout.margin + max(0, (layout.textWidth - width) / 2) : layout.margin
                pages[pages.count - 1].append(
                    OFDTextLine(scalars: Array(run), advances: Array(widths), x: x, y: y, height: height, size: size))
            }
            y += height
        }

        if let title {
            line = 0  // the title's characters are reported as the title's
            defer { line = 1 }
            let widths = try advances(title, size: layout.titleSize)
            for range in OFDLineBreaker.lines(title, advances: widths, width: layout.textWidth) {
                try place(title[range], widths[range], size: layout.titleSize, height: layout.titleLineHeight, centred: true)
            }
            try place([], [], size: layout.fontSize, height: layout.lineHeight, centred: false)
        }
        var paragraph: [Unicode.Scalar] = []
        func flush() throws(OFDTextError) {
            let widths = try advances(paragraph, size: layout.fontSize)
            for range in OFDLineBreaker.lines(paragraph, advances: widths, width: layout.textWidth) {
                try place(paragraph[range], widths[range], size: layout.fontSize, height: layout.lineHeight, centred: false)
            }
            paragraph.removeAll(keepingCapacity: true)
        }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\n":
                try flush()
                line += 1
            case "\u{0C}":
                if !paragraph.isEmpty { try flush() }
                guard pages.count < maximumPages else { throw OFDTextError.tooManyPages(limit: maximumPages) }
                pages.append([])
                y = layout.margin
                // A form feed on a line of its own ends that line too.
                if index < scalars.count, scalars[index] == "\n" {
                    index += 1
                    line += 1
                }
            default:
                paragraph.append(scalar)
            }
        }
        if !paragraph.isEmpty { try flush() }
        return pages
    }

    // MARK: - Files

    /// The XML files and the font. IDs: the font 1, then per page the page, its layer and its text objects;
    /// MaxUnitID is the last one.
    static func members(pages: [[OFDTextLine]], info: OFDDocInfo, fontName: String, font: [UInt8], layout: OFDTextLayout) -> [OFDPackageMember] {
        let ns = OFDXMLText.namespaceAttribute
        let fontID = 1
        var nextID = fontID + 1
        var pageEntries = ""
        var pageFiles: [OFDPackageMember] = []
        for (number, lines) in pages.enumerated() {
            let pageID = nextID
            let layerID = nextID + 1
            nextID += 2
            pageEntries += "<ofd:Page ID=\"\(pageID)\" BaseLoc=\"Pages/Page_\(number)/Content.xml\"/>"
            var content = OFDXMLText.declaration + "<ofd:Page \(ns)><ofd:Content><ofd:Layer ID=\"\(layerID)\">"
            for line in lines {
                let deltas = line.advances.dropLast().map(OFDXMLText.number).joined(separator: " ")
                let baseline = OFDTextLayout.baseline(size: line.size, height: line.height)
                content += "<ofd:TextObject ID=\"\(nextID)\" Boundary=\"\(OFDXMLText.box(line.x, line.y, max(line.width, 0.001), line.height))\""
                content += " Font=\"\(fontID)\" Size=\"\(OFDXMLText.number(line.size))\">"
                content += "<ofd:TextCode X=\"0\" Y=\"\(OFDXMLText.number(baseline))\""
                if !deltas.isEmpty { content += " DeltaX=\"\(deltas)\"" }
                content += ">\(OFDXMLText.escaped(line.text))</ofd:TextCode></ofd:TextObject>"
                nextID += 1
            }
            content += "</ofd:Layer></ofd:Content></ofd:Page>"
            pageFiles.append(OFDPackageMember(path: "Doc_0/Pages/Page_\(number)/Content.xml", bytes: Array(content.utf8)))
        }
        let maxUnitID = nextID - 1
        let box = OFDXMLText.box(0, 0, layout.pageWidth, layout.pageHeight)
        let ofd = OFDXMLText.declaration + "<ofd:OFD \(ns) Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody>\(info.xml)"
            + "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        let document = OFDXMLText.declaration + "<ofd:Document \(ns)><ofd:CommonData><ofd:MaxUnitID>\(maxUnitID)</ofd:MaxUnitID>"
            + "<ofd:PageArea><ofd:PhysicalBox>\(box)</ofd:PhysicalBox><ofd:ApplicationBox>\(box)</ofd:ApplicationBox></ofd:PageArea>"
            + "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>\(pageEntries)</ofd:Pages></ofd:Document>"
        let name = OFDXMLText.escaped(fontName)
        let fontFile = String(fontPath.split(separator: "/").last ?? "font_1.ttf")
        let publicRes = OFDXMLText.declaration + "<ofd:Res \(ns) BaseLoc=\"Res\"><ofd:Fonts>"
            + "<ofd:Font ID=\"\(fontID)\" FontName=\"\(name)\" FamilyName=\"\(name)\"><ofd:FontFile>\(fontFile)</ofd:FontFile></ofd:Font>"
            + "</ofd:Fonts></ofd:Res>"
        return [
            OFDPackageMember(path: "OFD.xml", bytes: Array(ofd.utf8)),
            OFDPackageMember(path: "Doc_0/Document.xml", bytes: Array(document.utf8)),
            OFDPackageMember(path: "Doc_0/PublicRes.xml", bytes: Array(publicRes.utf8)),
        ] + pageFiles + [OFDPackageMember(path: fontPath, bytes: font)]
    }
}
