import Foundation
import SealCrypto
import SealDocument
import SealOFD
import SealSES
import SealTestSupport
import Testing

/// Stamping (签章) OFD documents with a real v4 seal and a real SM2 holder signature: appearances at true size for
/// position, keyword and riding placement; the package edits of ofd-signing.md §7 byte for byte.
@Suite("OFD stamping")
struct OFDStampTests {
    let fixture: StampFixture

    init() throws {
        fixture = try StampFixture.shared.get()
    }

    /// The References of the Signature.xml at `path` of `file`: (FileRef path, CheckValue), and its root element.
    func references(_ file: OFDFile, _ path: String) throws -> [(String, [UInt8])] {
        let root = try OFDXMLParser.parse(try #require(file.package.file(path)), file: path)
        let list = try #require(root.child("SignedInfo")?.child("References"))
        return try list.children("Reference").map { reference in
            let ref = try #require(reference.attributes["FileRef"])
            let value = try #require(Data(base64Encoded: reference.child("CheckValue")?.text ?? ""))
            return (try STLoc(ref, in: path).path, Array(value))
        }
    }

    /// The StampAnnots of the Signature.xml at `path`: (ID, PageRef, Boundary, Clip).
    func stampAnnots(_ file: OFDFile, _ path: String) throws -> [(String, String, String, String?)] {
        let root = try OFDXMLParser.parse(try #require(file.package.file(path)), file: path)
        return (root.child("SignedInfo")?.children("StampAnnot") ?? []).map {
            ($0.attributes["ID"] ?? "", $0.attributes["PageRef"] ?? "", $0.attributes["Boundary"] ?? "", $0.attributes["Clip"])
        }
    }

    /// Every CheckValue of the signature at `path` matches the SM3 of its file in `file`.
    func checkValuesHold(_ file: OFDFile, _ path: String) throws {
        let list = try references(file, path)
        #expect(!list.isEmpty)
        for (member, value) in list {
            let bytes = try #require(file.package.file(member), "\(member)")
            #expect(try SM3.hash(bytes) == value, "\(path): \(member)")
        }
    }

    @Test("position: true-size Boundary centred on the point; package edits exactly as §7; the signed value verifies")
    func position() throws {
        let document = try StampFixture.document(StampFixture.helloWorld)
        let (stamp, bytes) = try fixture.stamp(document, .position(page: 1, x: 105, y: 148.5))
        #expect(stamp.signatureID == "1")
        #expect(stamp.signatureXMLPath == "/Doc_0/Signs/Sign_0/Signature.xml")
        #expect(stamp.appearances == [OFDStampAppearance(id: "2", page: 1, pageID: 1, boundary: MillimetreBox(x: 85, y: 128.5, width: 40, height: 40), clip: nil)])
        #expect(stamp.placementDescription == "page 1: 85 128.5 40 40 mm")
        #expect(stamp.signingTime == StampFixture.signingTime.addingTimeInterval(-0.75))
        #expect(stamp.dataHash == (try SM3.hash(stamp.signatureXML)))

        let stamped = try StampFixture.read(bytes)
        let package = stamped.package
        // Original members byte-identical, OFD.xml only gains the Signatures element before </ofd:DocBody>.
        for (path, original) in StampFixture.helloWorld where path != "OFD.xml" {
            #expect(package.file(path) == original, "\(path)")
        }
        let ofdXML = String(decoding: StampFixture.helloWorld[0].1, as: UTF8.self).replacingOccurrences(
            of: "</ofd:DocBody>", with: "<ofd:Signatures>/Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody>")
        #expect(package.file("OFD.xml") == Array(ofdXML.utf8))
        #expect(Set(package.paths) == Set(StampFixture.helloWorld.map(\.0) + [
            "Doc_0/Signs/Signatures.xml", "Doc_0/Signs/Sign_0/Seal.esl", "Doc_0/Signs/Sign_0/Signature.xml", "Doc_0/Signs/Sign_0/SignedValue.dat",
        ]))
        #expect(package.file("Doc_0/Signs/Signatures.xml") == Array((StampFixture.declaration
            + #"<ofd:Signatures xmlns:ofd="http://www.ofdspec.org/2016"><ofd:MaxSignId>2</ofd:MaxSignId><ofd:Signature ID="1" Type="Seal" BaseLoc="/Doc_0/Signs/Sign_0/Signature.xml"/></ofd:Signatures>"#).utf8))
        #expect(package.file("Doc_0/Signs/Sign_0/Seal.esl") == fixture.seal.derEncoded)

        // Signature.xml: the exact bytes prepared, XSD order, the references over every file but the three.
        let signatureXML = try #require(package.file("Doc_0/Signs/Sign_0/Signature.xml"))
        #expect(signatureXML == stamp.signatureXML)
        let text = String(decoding: signatureXML, as: UTF8.self)
        #expect(text.hasPrefix(StampFixture.declaration + #"<ofd:Signature xmlns:ofd="http://www.ofdspec.org/2016"><ofd:SignedInfo><ofd:Provider ProviderName="SealStation" Company="SealStation" Version="0.1.0"/><ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod><ofd:SignatureDateTime>20260922141320Z</ofd:SignatureDateTime><ofd:References CheckMethod="1.2.156.10197.1.401">"#))
        #expect(text.hasSuffix(#"</ofd:References><ofd:StampAnnot ID="2" PageRef="1" Boundary="85 128.5 40 40"/><ofd:Seal><ofd:BaseLoc>/Doc_0/Signs/Sign_0/Seal.esl</ofd:BaseLoc></ofd:Seal></ofd:SignedInfo><ofd:SignedValue>/Doc_0/Signs/Sign_0/SignedValue.dat</ofd:SignedValue></ofd:Signature>"#))
        let covered = try references(stamped, "Doc_0/Signs/Sign_0/Signature.xml").map(\.0)
        #expect(covered == ["OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml", "Doc_0/Pages/Page_0/Content.xml", "Doc_0/Signs/Sign_0/Seal.esl"])
        try checkValuesHold(stamped, "Doc_0/Signs/Sign_0/Signature.xml")
        // The unchanged helloworld files hash to the CheckValues ofdrw wrote in F:SESV4SignDoc (ofd-signing.md §5).
        for (fileRef, value) in [
            ("/Doc_0/Document.xml", "8leHbNmudyFqM7JqYVNn5NLkdY2ZMe5jjr9X+TKewbA="), ("/Doc_0/PublicRes.xml", "2Io47ukhAMhlxfsQ5ZvNixC8u41tz5cMrtIERsdyDiM="),
            ("/Doc_0/Pages/Page_0/Content.xml", "5JttKNGiG/UyVR8PGGMRjU4vLUSbvcHCIm8gWRbPRNw="),
        ] {
            #expect(text.contains(#"<ofd:Reference FileRef="\#(fileRef)"><ofd:CheckValue>\#(value)</ofd:CheckValue></ofd:Reference>"#), "\(fileRef)")
        }

        // SignedValue.dat: dataHash = SM3(Signature.xml), propertyInfo = its path, same instant; it verifies.
        let signedValue = try ElectronicSignature(derEncoded: try #require(package.file("Doc_0/Signs/Sign_0/SignedValue.dat")))
        #expect(signedValue.dataHash == (try SM3.hash(signatureXML)))
        #expect(signedValue.propertyInfo == "/Doc_0/Signs/Sign_0/Signature.xml")
        #expect(signedValue.signingTime == stamp.signingTime)
        let report = SignatureVerifier(trust: .anchors([fixture.caCertificate])).verify(signedValue, document: signatureXML, fallbackTime: Date())
        #expect(report.isValid, "\(report.failures)")
    }

    @Test("Python's zipfile, hashlib SM3 and ElementTree read the stamped package: DEFLATE, UTF-8 flag, no descriptor, every CheckValue")
    func independentReader() throws {
        let document = try StampFixture.document(try StampFixture.unsignedRide())
        let (_, bytes) = try fixture.stamp(document, .riding(edge: .right))
        let directory = try TemporaryDirectory()
        let path = try directory.write("stamped.ofd", bytes)
        let script = """
            import sys, zipfile, hashlib, base64, xml.etree.ElementTree as ET
            ns = {'ofd': 'http://www.ofdspec.org/2016'}
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            for i in z.infolist():
                assert i.compress_type == zipfile.ZIP_DEFLATED and i.flag_bits & 0x800 and not i.flag_bits & 0x8 and not i.is_dir(), i.filename
            root = ET.fromstring(z.read('Doc_0/Signs/Sign_0/Signature.xml'))
            info = root.find('ofd:SignedInfo', ns)
            refs = info.find('ofd:References', ns)
            assert refs.get('CheckMethod') == '1.2.156.10197.1.401'
            names = set()
            for r in refs.findall('ofd:Reference', ns):
                name = r.get('FileRef').lstrip('/')
                names.add(name)
                assert base64.b64decode(r.find('ofd:CheckValue', ns).text) == hashlib.new('sm3', z.read(name)).digest(), name
            rest = set(z.namelist()) - names
            assert rest == {'Doc_0/Signs/Signatures.xml', 'Doc_0/Signs/Sign_0/Signature.xml', 'Doc_0/Signs/Sign_0/SignedValue.dat'}, rest
            print(len(names), len(info.findall('ofd:StampAnnot', ns)))
            """
        let result = try PythonTools.run(script: script, [path])
        #expect(result.succeeded, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "8 5")
    }

    @Test("keyword: the seal is centred on the text's box (TextObject Boundary + TextCode X/Y + DeltaX advances)")
    func keyword() throws {
        let document = try StampFixture.document(StampFixture.helloWorld)
        // "OFD" = characters 4…6: x 31.7 + 12 … + 16.5, baseline 25.4 + 3, height = Size 3 → centre (45.95, 26.9).
        let stamp = try OFDStamp.prepare(document, seal: fixture.seal, placement: .keyword(text: "OFD", occurrence: 1), signingTime: StampFixture.signingTime)
        let appearance = try #require(stamp.appearances.first)
        #expect(stamp.appearances.count == 1 && appearance.page == 1 && appearance.pageID == 1 && appearance.clip == nil)
        #expect(appearance.boundary.description == "25.95 6.9 40 40")
        #expect(abs(appearance.boundary.x + 20 - 45.95) < 1e-9 && abs(appearance.boundary.y + 20 - 26.9) < 1e-9)
        #expect(stamp.placementDescription == "keyword 'OFD' (occurrence 1), page 1: 25.95 6.9 40 40 mm")
        // Chinese text: "你好" = characters 0…1, x 31.7 … 37.7 → centre x 34.7.
        let chinese = try OFDStamp.prepare(document, seal: fixture.seal, placement: .keyword(text: "你好", occurrence: 1), signingTime: StampFixture.signingTime)
        #expect(chinese.appearances.first?.boundary.description == "14.7 6.9 40 40")
        let packaged = try StampFixture.read(try stamp.package(signedValue: try fixture.sign(stamp)))
        #expect(try stampAnnots(packaged, "Doc_0/Signs/Sign_0/Signature.xml").map(\.2) == ["25.95 6.9 40 40"])
    }

    /// Two pages: page 1 A4 by default (no PageArea) with "甲方乙方", page 2 landscape by its own Area with "乙方"
    /// in a text object scaled by its CTM; OFD.xml with the prefix `o:` instead of `ofd:`.
    static let twoPages: [(String, [UInt8])] = [
        ("OFD.xml", #"<o:OFD xmlns:o="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><o:DocBody><o:DocInfo><o:DocID>0123456789abcdef0123456789abcdef</o:DocID></o:DocInfo><o:DocRoot>Doc_0/Document.xml</o:DocRoot></o:DocBody></o:OFD>"#),
        ("Doc_0/Document.xml", #"<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>10</ofd:MaxUnitID></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page ID="5" BaseLoc="Pages/Page_1/Content.xml"/></ofd:Pages></ofd:Document>"#),
        ("Doc_0/Pages/Page_0/Content.xml", #"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2"><ofd:TextObject ID="3" Boundary="30 100 100 10" Font="9" Size="4"><ofd:TextCode X="0" Y="4" DeltaX="g 3 4">甲方乙方</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"#),
        ("Doc_0/Pages/Page_1/Content.xml", #"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Area><ofd:PhysicalBox>0 0 297 210</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="6"><ofd:PageBlock ID="7"><ofd:TextObject ID="8" Boundary="100 50 50 20" Font="9" Size="5" CTM="2 0 0 2 0 0"><ofd:TextCode X="1" Y="5" DeltaX="g 2 5">乙方</ofd:TextCode></ofd:TextObject></ofd:PageBlock></ofd:Layer></ofd:Content></ofd:Page>"#),
    ].map { ($0.0, Array((StampFixture.declaration + $0.1).utf8)) }

    @Test("keyword across pages (g repeats, a missing advance, PageBlock, CTM); page Area overrides the A4 default; any OFD.xml prefix")
    func keywordAcrossPages() throws {
        let document = try StampFixture.document(Self.twoPages)
        // Page 1: "乙方" = characters 2…3 at x 8 … 12 + 4 (no DeltaX for the last: the em size) → (30+12, 100+4−2).
        let first = try OFDStamp.prepare(document, seal: fixture.seal, placement: .keyword(text: "乙方", occurrence: 1), signingTime: StampFixture.signingTime)
        #expect(first.appearances.map(\.boundary.description) == ["22 82 40 40"])
        #expect(first.appearances.map(\.pageID) == [1])
        // Page 2: x 1 … 11, y 0 … 5 scaled by 2 → 102 … 122, 50 … 60 → centre (112, 55).
        let (second, bytes) = try fixture.stamp(document, .keyword(text: "乙方", occurrence: 2))
        #expect(second.appearances.map(\.boundary.description) == ["92 35 40 40"])
        #expect(second.appearances.map(\.page) == [2] && second.appearances.map(\.pageID) == [5])
        #expect(throws: OFDStampError.keywordNotFound(text: "乙方", occurrence: 3, found: 2)) {
            try OFDStamp.prepare(document, seal: fixture.seal, placement: .keyword(text: "乙方", occurrence: 3), signingTime: StampFixture.signingTime)
        }
        // x = 250 fits the landscape page 2 (297 mm wide), not the A4 page 1.
        _ = try OFDStamp.prepare(document, seal: fixture.seal, placement: .position(page: 2, x: 250, y: 100), signingTime: StampFixture.signingTime)
        #expect(throws: OFDStampError.outsidePage(page: 1, box: MillimetreBox(x: 230, y: 80, width: 40, height: 40), pageBox: MillimetreBox(x: 0, y: 0, width: 210, height: 297))) {
            try OFDStamp.prepare(document, seal: fixture.seal, placement: .position(page: 1, x: 250, y: 100), signingTime: StampFixture.signingTime)
        }
        let ofdXML = String(decoding: Self.twoPages[0].1, as: UTF8.self).replacingOccurrences(
            of: "</o:DocBody>", with: "<o:Signatures>/Doc_0/Signs/Signatures.xml</o:Signatures></o:DocBody>")
        #expect(try StampFixture.read(bytes).package.file("OFD.xml") == Array(ofdXML.utf8))
    }

    @Test("keyword not found, or not that often: the error names the keyword and how many occurrences exist")
    func keywordNotFound() throws {
        let document = try StampFixture.document(StampFixture.helloWorld)
        #expect(throws: OFDStampError.keywordNotFound(text: "合同", occurrence: 1, found: 0)) {
            try OFDStamp.prepare(document, seal: fixture.seal, placement: .keyword(text: "合同", occurrence: 1), signingTime: StampFixture.signingTime)
        }
        #expect(throws: OFDStampError.keywordNotFound(text: "OFD", occurrence: 2, found: 1)) {
            try OFDStamp.prepare(document, seal: fixture.seal, placement: .keyword(text: "OFD", occurrence: 2), signingTime: StampFixture.signingTime)
        }
        let error = OFDStampError.keywordNotFound(text: "OFD", occurrence: 2, found: 1)
        #expect(error.description == "the keyword 'OFD' occurs 1 time in the document, so occurrence 2 does not exist")
    }

    @Test("a page out of range, and a seal leaving the page, are refused naming the page")
    func pageChecks() throws {
        let document = try StampFixture.document(StampFixture.helloWorld)
        for page in [0, 2, -1] {
            #expect(throws: OFDStampError.pageOutOfRange(page: page, pageCount: 1)) {
                try OFDStamp.prepare(document, seal: fixture.seal, placement: .position(page: page, x: 105, y: 148.5), signingTime: StampFixture.signingTime)
            }
        }
        #expect(throws: OFDStampError.outsidePage(page: 1, box: MillimetreBox(x: -10, y: 128.5, width: 40, height: 40), pageBox: MillimetreBox(x: 0, y: 0, width: 210, height: 297))) {
            try OFDStamp.prepare(document, seal: fixture.seal, placement: .position(page: 1, x: 10, y: 148.5), signingTime: StampFixture.signingTime)
        }
        #expect(throws: OFDStampError.invalidPosition(x: .infinity, y: 1)) {
            try OFDStamp.prepare(document, seal: fixture.seal, placement: .position(page: 1, x: .infinity, y: 1), signingTime: StampFixture.signingTime)
        }
        // A huge centre is refused as a position (its box could not even be printed).
        #expect(throws: OFDStampError.invalidPosition(x: 1e300, y: 1)) {
            try OFDStamp.prepare(document, seal: fixture.seal, placement: .position(page: 1, x: 1e300, y: 1), signingTime: StampFixture.signingTime)
        }
        #expect(OFDStampError.pageOutOfRange(page: 2, pageCount: 1).description == "page 2 does not exist: the document has 1 page (pages are numbered from 1)")
    }

    @Test("riding on 5 pages: ofdrw's boundaries and clips of F:V4RideRight for a 40 mm seal on 210 mm pages")
    func riding() throws {
        let document = try StampFixture.document(try StampFixture.unsignedRide())
        let (stamp, bytes) = try fixture.stamp(document, .riding(edge: .right))
        #expect(stamp.signatureID == "1")
        #expect(stamp.appearances.map(\.id) == ["2", "3", "4", "5", "6"])
        #expect(stamp.appearances.map(\.page) == [1, 2, 3, 4, 5])
        #expect(stamp.placementDescription == "riding right, pages 1–5")
        // The fixture: StampAnnot s002…s006 (ofdrw, a 40 mm y offset); here y is centred: 297/2 − 20 = 128.5.
        let reference = try OFDFile(contentsOf: try SharedFixtures.ofd("ofdrw-converter__V4RideRight.ofd"))
        let expected = try stampAnnots(reference, "Doc_0/Signs/Sign_0/Signature.xml")
        #expect(expected.map(\.2) == ["202 40 40 40", "194 40 40 40", "186 40 40 40", "178 40 40 40", "170 40 40 40"])
        let stamped = try StampFixture.read(bytes)
        let written = try stampAnnots(stamped, "Doc_0/Signs/Sign_0/Signature.xml")
        #expect(written.map(\.1) == expected.map(\.1))  // PageRef 1, 21, 43, 63, 83
        #expect(written.map(\.3) == expected.map(\.3))  // Clip i·8 0 8 40
        #expect(written.map { $0.2.replacingOccurrences(of: " 128.5 ", with: " 40 ") } == expected.map(\.2))
        #expect(stamp.appearances.map(\.boundary.x) == [202, 194, 186, 178, 170])
        #expect(Set(stamp.appearances.map(\.boundary.y)) == [128.5])
        #expect(stamped.bodies[0].signatures?.maxSignIDs == ["6"])
        try checkValuesHold(stamped, "Doc_0/Signs/Sign_0/Signature.xml")
        // Every member of the unsigned document is covered, Signatures.xml is not.
        let covered = Set(try references(stamped, "Doc_0/Signs/Sign_0/Signature.xml").map(\.0))
        #expect(covered == Set(try StampFixture.unsignedRide().map(\.0) + ["Doc_0/Signs/Sign_0/Seal.esl"]))
        // The other edges, mirrored: left shows slice n−1−i at x = −(n−1−i)·8; bottom slices the height.
        let left = try OFDStamp.prepare(document, seal: fixture.seal, placement: .riding(edge: .left), signingTime: StampFixture.signingTime)
        #expect(left.appearances.map(\.boundary.x) == [-32, -24, -16, -8, 0])
        #expect(left.appearances.compactMap(\.clip?.x) == [32, 24, 16, 8, 0])
        let bottom = try OFDStamp.prepare(document, seal: fixture.seal, placement: .riding(edge: .bottom), signingTime: StampFixture.signingTime)
        #expect(bottom.appearances.map(\.boundary.y) == [289, 281, 273, 265, 257])
        #expect(bottom.appearances.map(\.clip) == (0..<5).map { MillimetreBox(x: 0, y: Double($0) * 8, width: 40, height: 8) })
        #expect(Set(bottom.appearances.map(\.boundary.x)) == [85])
    }

    @Test("a riding seal on a 1-page document is refused")
    func ridingOnePage() throws {
        let document = try StampFixture.document(StampFixture.helloWorld)
        #expect(throws: OFDStampError.ridingNeedsPages(pageCount: 1)) {
            try OFDStamp.prepare(document, seal: fixture.seal, placement: .riding(edge: .right), signingTime: StampFixture.signingTime)
        }
    }

    @Test("stamping twice: the first signature's CheckValues stay valid, Signatures.xml lists both, the second covers Sign_0")
    func twice() throws {
        let document = try StampFixture.document(StampFixture.helloWorld)
        let (first, once) = try fixture.stamp(document, .position(page: 1, x: 105, y: 148.5))
        let stampedOnce = try StampFixture.read(once)
        let (second, twice) = try fixture.stamp(stampedOnce, .keyword(text: "OFD", occurrence: 1))
        #expect(second.signatureID == "3")
        #expect(second.appearances.map(\.id) == ["4"])
        #expect(second.signatureXMLPath == "/Doc_0/Signs/Sign_1/Signature.xml")
        let stamped = try StampFixture.read(twice)
        // Every member of the once-stamped package but Signatures.xml is byte-identical, OFD.xml included.
        for path in stampedOnce.package.paths where path != "Doc_0/Signs/Signatures.xml" {
            #expect(stamped.package.file(path) == stampedOnce.package.file(path), "\(path)")
        }
        try checkValuesHold(stamped, "Doc_0/Signs/Sign_0/Signature.xml")
        try checkValuesHold(stamped, "Doc_0/Signs/Sign_1/Signature.xml")
        #expect(stamped.package.file("Doc_0/Signs/Sign_0/Signature.xml") == first.signatureXML)
        let list = try #require(stamped.bodies[0].signatures)
        #expect(list.maxSignIDs == ["4"])
        #expect(list.signatures.map(\.id) == ["1", "3"])
        #expect(list.signatures.map(\.baseLoc.path) == ["Doc_0/Signs/Sign_0/Signature.xml", "Doc_0/Signs/Sign_1/Signature.xml"])
        #expect(stamped.package.file("Doc_0/Signs/Signatures.xml") == Array((StampFixture.declaration
            + #"<ofd:Signatures xmlns:ofd="http://www.ofdspec.org/2016"><ofd:MaxSignId>4</ofd:MaxSignId><ofd:Signature ID="1" Type="Seal" BaseLoc="/Doc_0/Signs/Sign_0/Signature.xml"/><ofd:Signature ID="3" Type="Seal" BaseLoc="/Doc_0/Signs/Sign_1/Signature.xml"/></ofd:Signatures>"#).utf8))
        let covered = Set(try references(stamped, "Doc_0/Signs/Sign_1/Signature.xml").map(\.0))
        #expect(covered == Set(stampedOnce.package.paths).subtracting(["Doc_0/Signs/Signatures.xml"]).union(["Doc_0/Signs/Sign_1/Seal.esl"]))
        #expect(covered.contains("Doc_0/Signs/Sign_0/SignedValue.dat") && covered.contains("OFD.xml"))
    }

    @Test("SealOFD's own OFDVerifier finds every stamp valid: position, keyword on top of it, riding; no deviations or warnings")
    func verifies() throws {
        let verifier = OFDVerifier(trust: .anchors([fixture.caCertificate]))
        let (_, once) = try fixture.stamp(try StampFixture.document(StampFixture.helloWorld), .position(page: 1, x: 105, y: 148.5))
        let (_, twice) = try fixture.stamp(try StampFixture.read(once), .keyword(text: "OFD", occurrence: 1))
        let (_, riding) = try fixture.stamp(try StampFixture.document(try StampFixture.unsignedRide()), .riding(edge: .right))
        for (name, bytes, count) in [("once.ofd", once, 1), ("twice.ofd", twice, 2), ("riding.ofd", riding, 1)] {
            let report = try verifier.verify(bytes, name: name)
            #expect(report.isValid, "\(name): \(report.problems) \(report.signatures.map(\.failures))")
            #expect(report.signatures.count == count, "\(name)")
            // F:V4RideRight's own Document.xml names a PublicRes.xml its package does not have; nothing else is warned of.
            #expect(report.warnings.allSatisfy { name == "riding.ofd" && $0.message.contains("PublicRes.xml, which is not in the package") }, "\(name): \(report.warnings)")
            #expect(report.signatures.allSatisfy { $0.deviations.isEmpty }, "\(name): \(report.signatures.map(\.deviations))")
        }
        #expect(try verifier.verify(riding, name: "riding.ofd").signatures.first?.appearances.count == 5)
    }

    @Test("a whole-protected document (F:allprotected covers Signatures.xml) is refused naming the signature")
    func wholeProtected() throws {
        let document = try OFDFile(contentsOf: try SharedFixtures.ofd("ofdrw-sign__allprotected.ofd"))
        let refusal = OFDStampError.signaturesFileProtected(signatureID: "001", file: "/Doc_0/Signs/Signatures.xml")
        #expect(throws: refusal) {
            try OFDStamp.prepare(document, seal: fixture.seal, placement: .position(page: 1, x: 105, y: 148.5), signingTime: StampFixture.signingTime)
        }
        #expect(refusal.description.contains("signature 001 protects /Doc_0/Signs/Signatures.xml"))
    }

    @Test("continuing a third-party ContinueSign document (F:SESV4SignDoc): its signature's CheckValues stay valid, IDs continue")
    func continuesOfdrw() throws {
        let document = try OFDFile(contentsOf: try SharedFixtures.ofd("ofdrw-reader__SESV4SignDoc.ofd"))
        let (stamp, bytes) = try fixture.stamp(document, .position(page: 1, x: 150, y: 200))
        #expect(stamp.signatureID == "3" && stamp.appearances.map(\.id) == ["4"])
        let stamped = try StampFixture.read(bytes)
        try checkValuesHold(stamped, "Doc_0/Signs/Sign_0/Signature.xml")
        try checkValuesHold(stamped, "Doc_0/Signs/Sign_1/Signature.xml")
        for path in document.package.paths where path != "Doc_0/Signs/Signatures.xml" {
            #expect(stamped.package.file(path) == document.package.file(path), "\(path)")
        }
        #expect(stamped.bodies[0].signatures?.maxSignIDs == ["4"])
    }

    @Test("every third-party fixture either takes a stamp that keeps its signatures' CheckValues, or is refused as whole-protected")
    func fixtures() throws {
        let directory = try #require(SharedFixtures.ofdDirectory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".ofd") }.sorted()
        var outcomes: [String: String] = [:]
        for name in names {
            let document = try OFDFile(contentsOf: try SharedFixtures.ofd(name))
            let box = try #require(document.bodies.first?.document.pages.first).id
            do {
                // (105, 70) lies on A4 pages and on the 210 × 140 mm invoices.
                let (stamp, bytes) = try fixture.stamp(document, .position(page: 1, x: 105, y: 70))
                let stamped = try StampFixture.read(bytes)
                // Whatever held before holds after: each earlier Reference that matched still matches.
                for entry in document.bodies[0].signatures?.signatures ?? [] {
                    let before = try references(document, entry.baseLoc.path)
                    let after = try references(stamped, entry.baseLoc.path)
                    #expect(after.map(\.0) == before.map(\.0), "\(name)")
                    for (member, value) in before where (try? SM3.hash(document.package.file(member) ?? [])) == value {
                        #expect(try SM3.hash(try #require(stamped.package.file(member))) == value, "\(name): \(member)")
                    }
                }
                try checkValuesHold(stamped, String(stamp.signatureXMLPath.dropFirst()))
                outcomes[name] = "stamped \(stamp.signatureID) on page \(box)"
            } catch let error as OFDStampError {
                outcomes[name] = "\(error)"
            }
        }
        for (name, outcome) in outcomes.sorted(by: { $0.key < $1.key }) { print("OFD stamp on \(name): \(outcome)") }
        // Refused: the documents whose earlier signature covers Signatures.xml (ofdrw WholeProtected, and two third parties).
        let protected = [
            "ofdrw-sign__allprotected.ofd": "001", "ofdrw-converter__h.ofd": "s001", "ofdrw-converter__V4RideRight.ofd": "s001",
            "ofdrw-converter__draw_param_ref.ofd": "2", "ofdrw-layout__keyword.ofd": "4",
        ]
        for name in names {
            if let id = protected[name] {
                #expect(outcomes[name]?.hasPrefix("signature \(id) protects /Doc_0/Signs/Signatures.xml") == true, "\(name): \(outcomes[name] ?? "")")
            } else {
                #expect(outcomes[name]?.hasPrefix("stamped ") == true, "\(name): \(outcomes[name] ?? "")")
            }
        }
        #expect(outcomes["ofdrw-reader__SESV4SignDoc.ofd"] == "stamped 3 on page 1")
    }

    @Test("package(signedValue:) refuses a signed value made for other bytes or another path")
    func wrongSignedValue() throws {
        let document = try StampFixture.document(StampFixture.helloWorld)
        let stamp = try OFDStamp.prepare(document, seal: fixture.seal, placement: .position(page: 1, x: 105, y: 148.5), signingTime: StampFixture.signingTime)
        let other = try SignatureMaker.sign(
            document: stamp.signatureXML + [0x0A], documentName: stamp.signatureXMLPath, seal: fixture.seal, holderKey: fixture.holderKey,
            holderCertificate: fixture.holderCertificate, signingTime: stamp.signingTime)
        #expect(throws: OFDStampError.self) { try stamp.package(signedValue: other) }
        let wrongPath = try SignatureMaker.sign(
            dataHash: stamp.dataHash, documentName: "/Doc_0/Signs/Sign_9/Signature.xml", seal: fixture.seal, holderKey: fixture.holderKey,
            holderCertificate: fixture.holderCertificate, signingTime: stamp.signingTime)
        #expect(throws: OFDStampError.signedValueMismatch(field: "propertyInfo", expected: "/Doc_0/Signs/Sign_0/Signature.xml", found: "/Doc_0/Signs/Sign_9/Signature.xml")) {
            try stamp.package(signedValue: wrongPath)
        }
        let wrongTime = try SignatureMaker.sign(
            dataHash: stamp.dataHash, documentName: stamp.signatureXMLPath, seal: fixture.seal, holderKey: fixture.holderKey,
            holderCertificate: fixture.holderCertificate, signingTime: stamp.signingTime.addingTimeInterval(1))
        #expect(throws: OFDStampError.self) { try stamp.package(signedValue: wrongTime) }
    }

    @Test("ST_Array: the g repeat syntax expands; nan, inf, hex, huge numbers and bad repeats are refused")
    func stArray() throws {
        #expect(try STArray("g 3 1.5 2 -0.25 1e2", what: "DeltaX", in: "Content.xml").values == [1.5, 1.5, 1.5, 2, -0.25, 100])
        for bad in ["nan", "inf", "0x10", "1e999", "g 0 1", "g 3", "g x 1", "1..2", "2000000", "g 70000 1"] {
            #expect(throws: OFDStructureError.self, "\(bad)") { try STArray(bad, what: "DeltaX", in: "Content.xml") }
        }
        #expect(try STBox("0 0 210 297", what: "PhysicalBox", in: "Doc_0/Document.xml") == STBox(x: 0, y: 0, width: 210, height: 297))
        // Read as written: a tax invoice's TextObject has Boundary "90 58 -3 5".
        #expect(try STBox("90 58 -3 5", what: "Boundary", in: "Content.xml") == STBox(x: 90, y: 58, width: -3, height: 5))
        #expect(throws: OFDStructureError.badValue("Content.xml", "Boundary", "1 2 3")) { try STBox("1 2 3", what: "Boundary", in: "Content.xml") }
    }

    @Test("timing: prepare + sign + package on the 1-page and the 5-page document")
    func timing() throws {
        let clock = ContinuousClock()
        for (name, members, placement) in [
            ("1-page helloworld", StampFixture.helloWorld, StampPlacement.position(page: 1, x: 105, y: 148.5)),
            ("5-page V4RideRight (riding)", try StampFixture.unsignedRide(), StampPlacement.riding(edge: .right)),
        ] {
            let document = try StampFixture.document(members)
            var best = (total: Duration.seconds(1000), signing: Duration.seconds(1000))
            for _ in 0..<5 {
                var signing = Duration.zero
                let total = try clock.measure {
                    let stamp = try OFDStamp.prepare(document, seal: fixture.seal, placement: placement, signingTime: StampFixture.signingTime)
                    var signed: ElectronicSignature?
                    signing = try clock.measure { signed = try fixture.sign(stamp) }
                    _ = try stamp.package(signedValue: try #require(signed))
                }
                best = (min(best.total, total), min(best.signing, signing))
            }
            print("OFD stamp timing, \(name): \(best.total) in all, of which SM2 signing \(best.signing) (best of 5; prepare + package with self-check = the rest)")
            #expect(best.total < .seconds(2))
        }
    }
}
