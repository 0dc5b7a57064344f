import SealOFD
import Testing

@Suite("ST_Loc")
struct STLocTests {
    @Test("absolute from the package root, relative to the referring file's directory, '.' dropped, case as written")
    func resolves() throws {
        let cases: [(String, String, String)] = [
            ("Doc_0/Document.xml", "OFD.xml", "Doc_0/Document.xml"),
            ("/Doc_0/Document.xml", "OFD.xml", "Doc_0/Document.xml"),
            ("Pages/Page_0/Content.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml"),
            ("/Doc_0/Signs/Sign_0/Signature.xml", "Doc_0/Signs/Signatures.xml", "Doc_0/Signs/Sign_0/Signature.xml"),
            ("Sign_0/Signature.xml", "Doc_0/Signs/Signatures.xml", "Doc_0/Signs/Sign_0/Signature.xml"),
            ("../../Res/image.png", "Doc_0/Pages/Page_0/Content.xml", "Doc_0/Res/image.png"),
            ("./Res/./font.ttf", "Doc_0/PublicRes.xml", "Doc_0/Res/font.ttf"),
            ("TPLS/Tpl_0/Content.xml", "Doc_0/Document.xml", "Doc_0/TPLS/Tpl_0/Content.xml"),
            ("  Doc_0/Document.xml\n", "OFD.xml", "Doc_0/Document.xml"),
            ("//Doc_0//Document.xml", "OFD.xml", "Doc_0/Document.xml"),
            ("印章/合同专用章.png", "Doc_0/Document.xml", "Doc_0/印章/合同专用章.png"),
        ]
        for (written, file, path) in cases {
            #expect(try STLoc(written, in: file).path == path, "\(written) in \(file)")
        }
    }

    @Test("'..' escaping the package, empty values, the root, backslashes and control characters are refused, naming the value and file")
    func refuses() {
        let cases: [(String, String, String)] = [
            ("../OFD.xml", "OFD.xml", "'..' leads outside the package"),
            ("../../../etc/passwd", "Doc_0/Document.xml", "'..' leads outside the package"),
            ("/../OFD.xml", "Doc_0/Document.xml", "'..' leads outside the package"),
            ("", "OFD.xml", "it is empty"),
            ("/", "OFD.xml", "it names the package root, not a file"),
            ("Pages\\Page_0\\Content.xml", "Doc_0/Document.xml", "it contains a backslash or a control character"),
            ("Pages/Page_0\u{0}/Content.xml", "Doc_0/Document.xml", "it contains a backslash or a control character"),
        ]
        for (written, file, why) in cases {
            #expect(throws: OFDStructureError.badLoc(written, in: file, why), "\(written)") { try STLoc(written, in: file) }
        }
        let error = OFDStructureError.badLoc("../OFD.xml", in: "OFD.xml", "'..' leads outside the package")
        #expect(error.description == "the path '../OFD.xml' in OFD.xml cannot be used: '..' leads outside the package")
    }
}
