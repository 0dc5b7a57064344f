import Foundation
import SealFonts
import SealOFD
import SealTestSupport
import Testing

/// `OFDTextDocument` with the real Song face: the exact XML of ofd-signing.md §1, the package read back by the
/// guarded reader, line breaking by the face's advances (CJK anywhere, Latin at spaces, punctuation kept with its
/// neighbour), pages, margins and the limits.
@Suite("OFDTextDocument: text to an A4 OFD with the Song face embedded")
struct OFDTextDocumentTests {
    static let face: OpenTypeFace = {
        do { return try FontSource.songTrueType.open() } catch { fatalError("the Song face: \(error)") }
    }()
    /// A fixed DocInfo, so that the bytes are known.
    static let info = OFDDocInfo(docID: "0123456789abcdef0123456789abcdef", title: nil, creationDate: Date(timeIntervalSince1970: 1_796_256_000))

    static func document(_ text: String, title: String? = nil) throws -> OFDTextDocument {
        var info = Self.info
        info.title = title
        return try OFDTextDocument(text: Array(text.utf8), face: face, info: info)
    }

    static func member(_ document: OFDTextDocument, _ path: String) throws -> String {
        let member = try #require(document.members.first { $0.path == path }, "\(path)")
        return String(decoding: member.bytes, as: UTF8.self)
    }

    @Test("the files are exactly the XML of ofd-signing.md §1: declaration line, one root line, ofd: prefix, escaped text")
    func exactBytes() throws {
        let document = try Self.document("你好, OFD & <世界>")
        #expect(document.members.map(\.path) == [
            "OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml", "Doc_0/Pages/Page_0/Content.xml", "Doc_0/Res/font_1.ttf",
        ])
        let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let ns = "xmlns:ofd=\"http://www.ofdspec.org/2016\""
        #expect(try Self.member(document, "OFD.xml") == declaration
            + "<ofd:OFD \(ns) Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0123456789abcdef0123456789abcdef</ofd:DocID>"
            + "<ofd:CreationDate>2026-12-03</ofd:CreationDate><ofd:Creator>SealStation</ofd:Creator><ofd:CreatorVersion>0.1.0</ofd:CreatorVersion>"
            + "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        #expect(try Self.member(document, "Doc_0/Document.xml") == declaration
            + "<ofd:Document \(ns)><ofd:CommonData><ofd:MaxUnitID>4</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
            + "<ofd:ApplicationBox>0 0 210 297</ofd:ApplicationBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            + "<ofd:Pages><ofd:Page ID=\"2\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>")
        #expect(try Self.member(document, "Doc_0/PublicRes.xml") == declaration
            + "<ofd:Res \(ns) BaseLoc=\"Res\"><ofd:Fonts><ofd:Font ID=\"1\" FontName=\"AR PL UMing CN\" FamilyName=\"AR PL UMing CN\">"
            + "<ofd:FontFile>font_1.ttf</ofd:FontFile></ofd:Font></ofd:Fonts></ofd:Res>")
        // CJK 4.2 mm, Latin and space 2.1 mm (UMing's half-width forms); baseline 1.05 + 0.88 × 4.2 below the line's top.
        #expect(try Self.member(document, "Doc_0/Pages/Page_0/Content.xml") == declaration
            + "<ofd:Page \(ns)><ofd:Content><ofd:Layer ID=\"3\"><ofd:TextObject ID=\"4\" Boundary=\"25 25 37.8 6.3\" Font=\"1\" Size=\"4.2\">"
            + "<ofd:TextCode X=\"0\" Y=\"4.746\" DeltaX=\"4.2 4.2 2.1 2.1 2.1 2.1 2.1 2.1 2.1 2.1 2.1 4.2 4.2\">你好, OFD &amp; &lt;世界&gt;</ofd:TextCode>"
            + "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>")
        let font = try #require(document.members.last?.bytes)
        let embedded = try OpenTypeFace(bytes: font)
        #expect(embedded.familyName == "AR PL UMing CN")
        for scalar in "你好, OFD & <世界>".unicodeScalars { #expect(embedded.glyph(for: scalar) != nil, "\(scalar)") }
    }

    @Test("the ZIP reads back with OFDFile: pages, DocID, MaxUnitID above every ID, the font file at its ST_Loc, all members DEFLATE")
    func readsBack() throws {
        let text = String(repeating: "电子印章是以密码技术为核心的电子图形化签名制章。Seal text wraps here. ", count: 120)
        let document = try Self.document(text, title: "测试 <标题> & \"引号\"")
        let bytes = try document.package()
        let file = try OFDFile(try OFDPackage(data: Data(bytes)))
        let body = try #require(file.bodies.first)
        #expect(body.docBody.docID == "0123456789abcdef0123456789abcdef")
        #expect(body.document.pages.count == document.pages.count)
        #expect(document.pages.count == 3)
        #expect(body.signatures == nil)
        #expect(Set(file.package.paths) == Set(document.members.map(\.path)))
        for member in document.members { #expect(file.package.file(member.path) == member.bytes, "\(member.path)") }
        // Every ID in the document is unique and at most MaxUnitID.
        var ids: [UInt32] = []
        func collect(_ element: OFDXMLElement) {
            if let id = element.attributes["ID"], let number = UInt32(id) { ids.append(number) }
            element.children.forEach(collect)
        }
        for path in ["Doc_0/PublicRes.xml", "Doc_0/Document.xml"] + body.document.pages.map(\.baseLoc.path) {
            collect(try OFDXMLParser.parse(try #require(file.package.file(path)), file: path))
        }
        #expect(Set(ids).count == ids.count)
        #expect(ids.max() == body.document.maxUnitID)
        let title = try OFDXMLParser.parse(try #require(file.package.file("OFD.xml")), file: "OFD.xml")
        #expect(title.child("DocBody")?.child("DocInfo")?.child("Title")?.text == "测试 <标题> & \"引号\"")
        // The local headers carry DEFLATE (8), no data descriptor (bit 3) and the UTF-8 flag (bit 11).
        var offset = 0
        var headers = 0
        while offset + 30 <= bytes.count, bytes[offset..<offset + 4].elementsEqual([0x50, 0x4B, 0x03, 0x04]) {
            let flags = UInt16(bytes[offset + 6]) | UInt16(bytes[offset + 7]) << 8
            let method = UInt16(bytes[offset + 8]) | UInt16(bytes[offset + 9]) << 8
            #expect(method == 8 && flags & 0x0008 == 0 && flags & 0x0800 != 0)
            let compressed = Int(bytes[offset + 18]) | Int(bytes[offset + 19]) << 8 | Int(bytes[offset + 20]) << 16 | Int(bytes[offset + 21]) << 24
            let nameLength = Int(bytes[offset + 26]) | Int(bytes[offset + 27]) << 8
            let extraLength = Int(bytes[offset + 28]) | Int(bytes[offset + 29]) << 8
            offset += 30 + nameLength + extraLength + compressed
            headers += 1
        }
        #expect(headers == document.members.count)
    }

    @Test("CJK breaks between any two characters, 38 to a 160 mm line; Latin at spaces; an over-long word is cut at the edge")
    func wrapping() throws {
        let cjk = try Self.document(String(repeating: "印", count: 100))
        #expect(cjk.pages[0].map(\.scalars.count) == [38, 38, 24])
        #expect(cjk.pages[0].allSatisfy { $0.width <= 160 })

        let words = (0..<60).map { "word\($0)" }.joined(separator: " ")
        let latin = try Self.document(words)
        let lines = latin.pages[0].map(\.text)
        #expect(lines.joined(separator: " ") == words, "no word split, no space lost between words")
        #expect(lines.allSatisfy { !$0.hasPrefix(" ") && !$0.hasSuffix(" ") })
        #expect(latin.pages[0].allSatisfy { $0.width <= 160 })
        #expect(lines.count > 1)

        let long = try Self.document(String(repeating: "a", count: 100))
        #expect(long.pages[0].map(\.scalars.count) == [76, 24])

        // 37 ideographs fill the line but for one place: the 38th with its closing comma does not fit, and the comma
        // never starts a line, so the 38th ideograph goes down with it.
        let kinsoku = try Self.document(String(repeating: "章", count: 38) + "，后文")
        #expect(kinsoku.pages[0].map(\.text) == [String(repeating: "章", count: 37), "章，后文"])
        let opening = try Self.document(String(repeating: "章", count: 37) + "《书名》")
        #expect(opening.pages[0].map(\.text) == [String(repeating: "章", count: 37), "《书名》"])
    }

    @Test("line ends (LF, CRLF, CR), empty lines, tabs, a form feed page break, a full page, and a centred title")
    func pagesAndTitle() throws {
        let document = try Self.document("a\r\nb\rc\n\n\td\u{0C}\ne", title: "标题")
        #expect(document.pages.count == 2)
        #expect(document.pages[0].map(\.text) == ["标题", "a", "b", "c", "    d"])
        #expect(document.pages[1].map(\.text) == ["e"])
        let title = document.pages[0][0]
        #expect(title.size == 6.3)
        #expect(abs(title.x + title.width / 2 - 105) < 0.001, "the title is centred")
        // The title line (9.45 mm) and an empty line, then "a": the empty line before "d" keeps its place.
        #expect(zip(document.pages[0].map(\.y), [25, 40.75, 47.05, 53.35, 65.95]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(document.pages[1][0].y == 25)

        // An empty text is one empty page, still a readable package with its (.notdef-only) font.
        let empty = try Self.document("")
        #expect(empty.pages.count == 1 && empty.pages[0].isEmpty)
        let emptyFile = try OFDFile(try OFDPackage(data: Data(try empty.package())))
        #expect(emptyFile.bodies.first?.document.pages.count == 1)

        // 39 lines of 6.3 mm fit between the 25 mm margins; the 40th starts page 2.
        let full = try Self.document((1...40).map { "line \($0)" }.joined(separator: "\n"))
        #expect(full.pages.map(\.count) == [39, 1])
    }

    @Test("20 pages of text: every line inside the 25 mm margins, and the time it takes")
    func twentyPages() throws {
        let paragraph = "第一条　为了规范电子印章的管理和使用，保障电子印章的安全可靠，根据《中华人民共和国电子签名法》等法律法规，制定本办法。"
            + "The seal station issues seals on an offline machine. "
        let text = String(repeating: paragraph + "\n", count: 260)
        let start = ContinuousClock.now
        let document = try Self.document(text, title: "二十页")
        let bytes = try document.package()
        let elapsed = ContinuousClock.now - start
        print("from-text 20 pages: \(document.pages.count) pages, \(bytes.count) bytes, \(elapsed)")
        #expect(document.pages.count >= 20)
        for (number, page) in document.pages.enumerated() {
            for line in page {
                #expect(line.x >= 25 && line.x + line.width <= 185 + 1e-9 && line.y >= 25 && line.y + line.height <= 272 + 1e-9, "page \(number + 1): \(line.text)")
            }
        }
        #expect(elapsed < .seconds(5))
    }

    @Test("refused: over 1 MiB, over 500 pages, not UTF-8 (naming the line), control characters, characters not in the font")
    func limits() throws {
        let big = [UInt8](repeating: 0x61, count: OFDTextDocument.maximumTextBytes + 1)
        #expect(throws: OFDTextError.textTooLarge(bytes: big.count, limit: 1 << 20)) {
            try OFDTextDocument(text: big, face: Self.face, info: Self.info)
        }
        _ = try Self.document(String(repeating: "\u{0C}", count: 499))
        #expect(throws: OFDTextError.tooManyPages(limit: 500)) { try Self.document(String(repeating: "\u{0C}", count: 500)) }
        #expect(throws: OFDTextError.tooManyPages(limit: 500)) { try Self.document(String(repeating: "x\n", count: 39 * 500 + 1)) }
        var invalid = Array("第一行\n第二行 ".utf8)
        invalid += [0xE5, 0x41]
        #expect(throws: OFDTextError.notUTF8(line: 2, offset: 20)) { try OFDTextDocument(text: invalid, face: Self.face, info: Self.info) }
        #expect("\(OFDTextError.notUTF8(line: 2, offset: 20))".contains("line 2"))
        #expect(throws: OFDTextError.controlCharacter(line: 3, scalar: 0x0B)) { try Self.document("a\nb\nc\u{0B}") }
        #expect(throws: OFDTextError.characterNotInFont(line: 2, scalar: 0x1F600, font: "AR PL UMing CN")) { try Self.document("好\n笑\u{1F600}") }
        #expect("\(OFDTextError.characterNotInFont(line: 2, scalar: 0x1F600, font: "AR PL UMing CN"))".contains("U+1F600"))
        #expect(throws: OFDTextError.badTitle) { try Self.document("x", title: "two\nlines") }
        #expect(throws: OFDTextError.characterNotInFont(line: 0, scalar: 0x1F600, font: "AR PL UMing CN")) { try Self.document("好\n笑", title: "标题\u{1F600}") }
        #expect("\(OFDTextError.characterNotInFont(line: 0, scalar: 0x1F600, font: "AR PL UMing CN"))".hasPrefix("the title: "))
        // A byte order mark at the start is not text.
        let bom = try OFDTextDocument(text: [0xEF, 0xBB, 0xBF] + Array("文".utf8), face: Self.face, info: Self.info)
        #expect(bom.pages[0].map(\.text) == ["文"])
    }
}
