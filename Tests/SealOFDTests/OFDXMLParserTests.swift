import Foundation
import SealOFD
import Testing

@Suite("OFD XML parser")
struct OFDXMLParserTests {
    func parse(_ text: String, file: String = "Doc_0/Document.xml", limits: OFDPackageLimits = OFDPackageLimits()) throws -> OFDXMLElement {
        try OFDXMLParser.parse(Array(text.utf8), file: file, limits: limits)
    }

    @Test("an OFD file parses: local names, namespace, attributes, trimmed text, children in order")
    func parsesOFD() throws {
        let root = try parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID> 4 </ofd:MaxUnitID></ofd:CommonData>\
            <ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page ID="2" BaseLoc="Pages/Page_1/Content.xml"/></ofd:Pages>\
            <ofd:Text><![CDATA[a<b]]> &amp; 你好</ofd:Text></ofd:Document>
            """)
        #expect(root.name == "Document")
        #expect(root.namespace == "http://www.ofdspec.org/2016")
        #expect(root.child("CommonData")?.child("MaxUnitID")?.text == "4")
        #expect(root.child("Pages")?.children("Page").map { $0.attributes["ID"] } == ["1", "2"])
        #expect(root.child("Text")?.text == "a<b & 你好")
    }

    @Test("a DOCTYPE, an external entity (XXE) and nested entity expansion (billion laughs) are refused at once, naming the file")
    func refusesDTDs() throws {
        let laughs = (1...9).map { level in
            "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
        }.joined()
        let documents = [
            "<?xml version=\"1.0\"?><!DOCTYPE ofd:OFD><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><r>&xxe;</r>",
            "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\"><r/>",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % remote SYSTEM \"http://127.0.0.1:9/x\"> %remote;]><r/>",
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">\(laughs)]><lolz>&lol9;</lolz>",
            "<?xml version=\"1.0\"?>\n<!doctype r><r/>",
        ]
        let clock = ContinuousClock()
        for document in documents {
            let start = clock.now
            #expect(throws: OFDXMLError.documentTypeDeclaration("OFD.xml"), "\(document.prefix(60))") { try parse(document, file: "OFD.xml") }
            #expect(clock.now - start < .milliseconds(100))
        }
        #expect(OFDXMLError.documentTypeDeclaration("OFD.xml").description.hasPrefix("OFD.xml declares a DTD or entities"))
    }

    @Test("an entity reference without a declaration, broken XML, two roots, UTF-16, oversized and too deep files are refused")
    func refusesOther() throws {
        #expect(throws: OFDXMLError.self) { try parse("<r>&xxe;</r>") }
        #expect(throws: OFDXMLError.self) { try parse("<r><a></r>") }
        #expect(throws: OFDXMLError.self) { try parse("") }
        let utf16: [UInt8] = [0xFF, 0xFE] + "<r/>".utf8.flatMap { byte -> [UInt8] in [byte, 0] }
        #expect(throws: OFDXMLError.notUTF8("x.xml")) { try OFDXMLParser.parse(utf16, file: "x.xml") }
        #expect(throws: OFDXMLError.notUTF8("x.xml")) { try OFDXMLParser.parse([0x3C, 0x72, 0xFF, 0x2F, 0x3E], file: "x.xml") }
        #expect(throws: OFDXMLError.tooLarge("x.xml", limit: 100)) {
            try parse("<r>" + String(repeating: "a", count: 200) + "</r>", file: "x.xml", limits: OFDPackageLimits(xmlBytes: 100))
        }
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(throws: OFDXMLError.tooDeep("x.xml", limit: 256)) { try parse(deep, file: "x.xml") }
        // 100,000 levels: refused at the limit, no stack exhaustion.
        let deeper = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        #expect(throws: OFDXMLError.self) { try parse(deeper, file: "x.xml") }
    }
}
