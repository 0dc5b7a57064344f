import Foundation
import SealDocument
import SealFonts
import SealOFD
import SealPKI
import SealRender
import SealResources
import SealSES
import SealTestSupport
import Testing

/// An OFD reader we did not write draws our pages: PyPI easyofd (in `.build-venv`, from Scripts/setup) renders a page
/// to PNG through Scripts/render-ofd.py, which counts dark (text) and red (seal) pixels inside boxes in page mm.
@Suite("OFD rendering by easyofd: our from-text pages, a third-party seal")
struct OFDRenderTests {
    static func render(_ file: String, page: Int = 1, dpi: Int = 100, boxes: [[Double]]) throws -> OFDRendering.Report {
        try OFDRendering.render(file, page: page, dpi: dpi, boxes: boxes)
    }

    /// The page's four margins (25 mm) as boxes: top, bottom, left, right.
    static let margins: [[Double]] = [[0, 0, 210, 25], [0, 272, 210, 25], [0, 25, 25, 247], [185, 25, 25, 247]]

    @Test("easyofd draws every page of a from-text OFD with the embedded subset: text inside the text area, nothing in the margins")
    func fromTextRenders() throws {
        let face = try FontSource.songTrueType.open()
        let paragraph = "第一条　为了规范电子印章的管理和使用，保障电子印章的安全可靠，根据《中华人民共和国电子签名法》等法律法规，制定本办法。"
            + "The seal station issues seals on an offline, air-gapped machine; every line is wrapped by the face's own advances. "
        let text = String(repeating: paragraph + "\n", count: 8) + "\u{0C}最后一页只有一行。"
        let document = try OFDTextDocument(text: Array(text.utf8), face: face, info: OFDDocInfo(title: "电子印章管理办法（试行）"))
        #expect(document.pages.count >= 2)
        let directory = try TemporaryDirectory()
        let path = try directory.write("text.ofd", try document.package())
        for page in 1...document.pages.count {
            let report = try Self.render(path, page: page, boxes: [[25, 25, 160, 247]] + Self.margins)
            #expect(report.pages == document.pages.count)
            #expect(report.song == "embedded:font_1.ttf", "easyofd drew with \(report.song), not the embedded subset")
            // A4 at 100 dpi.
            #expect(abs(report.width - 827) <= 1 && abs(report.height - 1169) <= 1, "\(report.width)×\(report.height)")
            let area = report.boxes[0]
            let lines = document.pages[page - 1].count
            #expect(area.dark > lines * 150, "page \(page): \(area.dark) dark pixels for \(lines) lines")
            #expect(area.dark == report.dark_total, "page \(page): dark pixels outside the text area")
            for (margin, box) in zip(["top", "bottom", "left", "right"], report.boxes.dropFirst()) {
                #expect(box.dark == 0, "page \(page): \(box.dark) dark pixels in the \(margin) margin")
            }
            #expect(report.red_total == 0)
        }
    }

    @Test("a from-text OFD stamped by position with a round seal (SealRender PNG) verifies, and easyofd draws the seal red inside its StampAnnot box only")
    func stampedFromTextRenders() throws {
        // A station, a maker and a holder; the seal's picture is the real round-42 template drawn by SealRender.
        let station = try StationFixture()
        let (makerKey, makerCertificate) = try station.issue(.maker, "/C=CN/O=某市公安局/CN=制章人", days: 1000)
        let (holderKey, holderCertificate) = try station.issue(.holder, "/C=CN/O=北京某某科技发展有限公司/CN=公章", days: 800)
        let template = try TemplateLibrary(directory: DataResolver.current.templates()).template("round-42")
        let renderer = try SealRenderer()
        let layout = try renderer.layout(template, content: SealContent(["name": "北京某某科技发展有限公司", "code": "1101080012345"]))
        let png = try renderer.render(layout, format: .png, dpi: 300)
        let size = Int(template.widthMM.rounded())
        let request = SealMakingRequest(
            esID: "11010800000002", type: .unit, name: "北京某某科技发展有限公司", holders: [holderCertificate], listHoldersByDigest: false,
            createDate: StationFixture.now, validStart: StationFixture.now, validEnd: StationFixture.now.addingTimeInterval(730 * 86_400),
            picture: SealPicture(type: "PNG", data: png, widthMM: size, heightMM: size))
        let seal = try SealMaker.make(request, makerKey: makerKey, makerCertificate: makerCertificate)

        let face = try FontSource.songTrueType.open()
        let text = String(repeating: "甲方与乙方经协商一致，订立本合同，共同遵守。The parties agree as follows.\n", count: 30)
        let document = try OFDTextDocument(text: Array(text.utf8), face: face, info: OFDDocInfo(title: "采购合同"))
        let unsigned = try OFDFile(try OFDPackage(data: Data(try document.package())))
        let stamp = try OFDStamp.prepare(
            unsigned, seal: seal, placement: .position(page: 1, x: 105, y: 148.5), signingTime: StationFixture.now.addingTimeInterval(86_400))
        let signature = try SignatureMaker.sign(
            dataHash: stamp.dataHash, documentName: stamp.signatureXMLPath, seal: seal, holderKey: holderKey,
            holderCertificate: holderCertificate, signingTime: stamp.signingTime)
        let stamped = try stamp.package(signedValue: signature)
        let report = try OFDVerifier(trust: .anchors([station.ca.certificate])).verify(stamped, name: "stamped.ofd")
        #expect(report.isValid, "\(report.problems) \(report.signatures.map(\.failures))")

        let directory = try TemporaryDirectory()
        let path = try directory.write("stamped.ofd", stamped)
        let half = Double(size) / 2
        let box = [105 - half, 148.5 - half, Double(size), Double(size)]
        // The box, and the box grown by half a millimetre (two pixels at 100 dpi: the ring's anti-aliased edge on pixels
        // that the box's edge cuts).
        let grown = [box[0] - 0.5, box[1] - 0.5, box[2] + 1, box[3] + 1]
        let rendered = try Self.render(path, boxes: [box, grown])
        let inside = rendered.boxes[0]
        #expect(inside.red > inside.pixels / 10, "\(inside.red) red pixels of \(inside.pixels) in the StampAnnot box")
        #expect(inside.red * 100 >= rendered.red_total * 99, "\(rendered.red_total - inside.red) of \(rendered.red_total) red pixels outside the box")
        #expect(rendered.red_total == rendered.boxes[1].red, "\(rendered.red_total - rendered.boxes[1].red) red pixels more than 0.5 mm outside the box")
        #expect(rendered.dark_total > 1000, "the text is drawn under the seal")
    }

    @Test("easyofd draws the seal of ofdrw-sign__allprotected.ofd red inside its StampAnnot box 50 50 40 40 and nowhere else")
    func thirdPartySealRenders() throws {
        let fixture = try SharedFixtures.ofd("ofdrw-sign__allprotected.ofd").path
        let file = try OFDFile(contentsOf: URL(fileURLWithPath: fixture))
        #expect(file.bodies.first?.signatures?.signatures.count == 1)
        let report = try Self.render(fixture, boxes: [[50, 50, 40, 40]])
        let inside = report.boxes[0]
        // A round seal fills about π/4 of its box with its ring, star and text, about a fifth of it red here.
        #expect(inside.red > inside.pixels / 10, "\(inside.red) red pixels of \(inside.pixels) in the StampAnnot box")
        #expect(report.red_total - inside.red == 0, "\(report.red_total - inside.red) red pixels outside the StampAnnot box")
    }
}
