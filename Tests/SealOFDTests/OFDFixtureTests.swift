import Foundation
import SealOFD
import SealTestSupport
import Testing

/// Every third-party stamped OFD of ../shared/fixtures/ofd/ (see its README) read through the guarded package
/// reader: the page list and the signature list, as the later verifier will start from them.
@Suite("OFD fixtures")
struct OFDFixtureTests {
    /// (file, page IDs, Signatures.xml path, signatures as (ID, kind, Signature.xml path)).
    static let expected: [(String, [UInt32], String, [(String, OFDSignatureEntry.Kind, String)])] = [
        ("ofdrw-reader__SESV4SignDoc.ofd", [1], "Doc_0/Signs/Signatures.xml", [("1", .seal, "Doc_0/Signs/Sign_0/Signature.xml")]),
        ("ofdrw-sign__allprotected.ofd", [1], "Doc_0/Signs/Signatures.xml", [("001", .seal, "Doc_0/Signs/Sign_0/Signature.xml")]),
        ("ofdrw-converter__V4RideRight.ofd", [1, 21, 43, 63, 83], "Doc_0/Signs/Signatures.xml", [("s001", .seal, "Doc_0/Signs/Sign_0/Signature.xml")]),
        (
            "ofdrw-converter__h.ofd", [1, 21, 43, 63, 83], "Doc_0/Signs/Signatures.xml",
            [("s001", .seal, "Doc_0/Signs/Sign_0/Signature.xml"), ("s007", .seal, "Doc_0/Signs/Sign_1/Signature.xml")]
        ),
        ("ofdrw-converter__1.ofd", [1], "Doc_0/Signs/Signatures.xml", [("2", .seal, "Doc_0/Signs/Sign_0/Signature.xml")]),
        ("ofdrw-sign__v4signed.ofd", [1], "Doc_0/Signs/Signatures.xml", [("1", .seal, "Doc_0/Signs/Sign_0/Signature.xml")]),
        ("ofdrw-converter__fapiao-shili.ofd", [1], "Doc_0/Signs/Signatures.xml", [("1", .seal, "Doc_0/Signs/Sign_0/Signature.xml")]),
        // KingGrid: BaseLoc="Sign_0/Signature.xml", relative to Signatures.xml's directory.
        ("ofdrw-converter__999.ofd", [10, 92, 271, 450, 629], "Doc_0/Signs/Signatures.xml", [("1", .seal, "Doc_0/Signs/Sign_0/Signature.xml")]),
        ("ofdrw-converter__SignScaleError.ofd", [2], "Doc_0/Signs/Signatures.xml", [("1", .seal, "Doc_0/Signs/Sign_0/Signature.xml")]),
        ("ofdrw-converter__buguifan-ziyuan-lujing.ofd", [1], "Doc_0/Signs/Signatures.xml", [("1", .seal, "Doc_0/Signs/Sign_0/Signature.xml")]),
        ("ofdrw-converter__draw_param_ref.ofd", [1, 331, 547, 763, 979], "Doc_0/Signs/Signatures.xml", [("2", .seal, "Doc_0/Signs/Sign_0/Signature.xml")]),
        // 数科 namespace http://www.ofdspec.org; a Seal and a Type=Sign signature.
        (
            "ofdrw-layout__keyword.ofd", [1], "Doc_0/Signs/Signatures.xml",
            [("2", .seal, "Doc_0/Signs/Sign_1/Signature.xml"), ("4", .sign, "Doc_0/Signs/Sign_3/Signature.xml")]
        ),
        // iOFD: Signatures.xml beside Document.xml.
        ("ofdrw-converter__n.ofd", [1001, 1021], "Doc_0/Signatures.xml", [("0", .seal, "Doc_0/Signs/Sign_0/Signature.xml")]),
        (
            "ofdrw-converter__zsbk.ofd", [1, 677], "Doc_0/Signs/Signatures.xml",
            [("2", .seal, "Doc_0/Signs/Sign_0/Signature.xml"), ("4", .seal, "Doc_0/Signs/Sign_1/Signature.xml")]
        ),
    ]

    @Test("every fixture in ../shared/fixtures/ofd is listed here")
    func everyFixtureIsCovered() throws {
        let directory = try #require(SharedFixtures.ofdDirectory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".ofd") }.sorted()
        #expect(names == Self.expected.map(\.0).sorted())
    }

    @Test("each fixture reads: OFD.xml, DocRoot, the pages with their BaseLoc, Signatures.xml and each signature's BaseLoc")
    func fixturesRead() throws {
        for (name, pageIDs, signaturesPath, signatures) in Self.expected {
            let file = try OFDFile(contentsOf: try SharedFixtures.ofd(name))
            #expect(file.bodies.count == 1, "\(name)")
            let body = try #require(file.bodies.first, "\(name)")
            #expect(body.docBody.docRoot.path == "Doc_0/Document.xml", "\(name)")
            #expect(body.document.pages.map(\.id) == pageIDs, "\(name)")
            for page in body.document.pages {
                #expect(file.package.file(page.baseLoc.path) != nil, "\(name): page \(page.id) at \(page.baseLoc.path)")
            }
            let list = try #require(body.signatures, "\(name)")
            #expect(list.path == signaturesPath, "\(name)")
            #expect(list.signatures.map(\.id) == signatures.map(\.0), "\(name)")
            #expect(list.signatures.map(\.kind) == signatures.map(\.1), "\(name)")
            #expect(list.signatures.map(\.baseLoc.path) == signatures.map(\.2), "\(name)")
            for signature in list.signatures {
                #expect(file.package.file(signature.baseLoc.path) != nil, "\(name): \(signature.baseLoc.path)")
            }
        }
    }

    @Test("ST_Loc as written is kept: 999's relative BaseLoc, and the template case bug of v4signed (TPLS) that fapiao-shili 'fixed'")
    func locationsAsWritten() throws {
        let kingGrid = try OFDFile(contentsOf: try SharedFixtures.ofd("ofdrw-converter__999.ofd"))
        #expect(kingGrid.bodies[0].signatures?.signatures[0].baseLoc.written == "Sign_0/Signature.xml")
        let original = try OFDFile(contentsOf: try SharedFixtures.ofd("ofdrw-sign__v4signed.ofd"))
        let fixed = try OFDFile(contentsOf: try SharedFixtures.ofd("ofdrw-converter__fapiao-shili.ofd"))
        let originalTemplates = original.bodies[0].document.templatePages
        let fixedTemplates = fixed.bodies[0].document.templatePages
        #expect(!originalTemplates.isEmpty)
        #expect(originalTemplates.map(\.id) == fixedTemplates.map(\.id))
        // Paths are case-sensitive: the template written TPLS/… is not the member Doc_0/Tpls/….
        for template in originalTemplates {
            #expect(template.baseLoc.path.hasPrefix("Doc_0/TPLS/"), "\(template.baseLoc.path)")
            #expect(original.package.file(template.baseLoc.path) == nil, "\(template.baseLoc.path)")
        }
        for template in fixedTemplates {
            #expect(fixed.package.file(template.baseLoc.path) != nil, "\(template.baseLoc.path)")
        }
        let twice = try OFDFile(contentsOf: try SharedFixtures.ofd("ofdrw-converter__h.ofd"))
        #expect(twice.bodies[0].signatures?.maxSignIDs == ["s006", "s008"])
        #expect(original.bodies[0].signatures?.maxSignIDs.count == 1)
        let drawParam = try OFDFile(contentsOf: try SharedFixtures.ofd("ofdrw-converter__draw_param_ref.ofd"))
        #expect(drawParam.bodies[0].document.templatePages.count == 2)
    }
}
