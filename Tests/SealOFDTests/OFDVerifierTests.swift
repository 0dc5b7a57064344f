import Foundation
import SealCrypto
import SealDocument
import SealOFD
import SealSES
import SealTestSupport
import Testing
import ZIPFoundation

/// The verdicts ../shared/fixtures/ofd/README.md states for every third-party stamped OFD ("What a correct verifier
/// must conclude"), with no trust check and the as-of dates given there; then hostile changes of a stamped file
/// rebuilt into a valid ZIP, as an attacker would.
@Suite("OFD verification")
struct OFDVerifierTests {
    /// What one signature must show.
    struct ExpectedSignature: Sendable {
        var id: String
        var valid: Bool
        /// The files the report must name as changed (empty: every reference intact).
        var changed: Set<String> = []
        /// Exactly the failed checks (document-level and SES ids).
        var failing: Set<String> = []
    }

    /// A fixture's verdict.
    struct Verdict: Sendable, CustomTestStringConvertible {
        var file: String
        var asOf: String
        var signatures: [ExpectedSignature]
        var testDescription: String { file }
    }

    static let verdicts: [Verdict] = [
        // Cryptographically intact, signed four years after the signer certificate, the seal and the maker certificate expired.
        Verdict(file: "ofdrw-reader__SESV4SignDoc.ofd", asOf: "2021-06-01T00:00:00Z", signatures: [
            ExpectedSignature(id: "1", valid: false, failing: ["signer-certificate-validity", "seal.validity", "maker-certificate-validity", "signing-time"]),
        ]),
        Verdict(file: "ofdrw-sign__allprotected.ofd", asOf: "2020-10-23T12:00:00Z", signatures: [ExpectedSignature(id: "001", valid: true)]),
        Verdict(file: "ofdrw-converter__V4RideRight.ofd", asOf: "2021-05-19T13:00:00Z", signatures: [ExpectedSignature(id: "s001", valid: true)]),
        // The second (whole-protect) signing rewrote Signatures.xml, which the first covers; the second is fine.
        Verdict(file: "ofdrw-converter__h.ofd", asOf: "2020-07-16T09:00:00Z", signatures: [
            ExpectedSignature(id: "s001", valid: false, changed: ["/Doc_0/Signs/Signatures.xml"], failing: ["references"]),
            ExpectedSignature(id: "s007", valid: true),
        ]),
        Verdict(file: "ofdrw-converter__1.ofd", asOf: "2020-07-23T14:00:00Z", signatures: [ExpectedSignature(id: "2", valid: true)]),
        Verdict(file: "ofdrw-sign__v4signed.ofd", asOf: "2021-01-01T00:00:00Z", signatures: [ExpectedSignature(id: "1", valid: true)]),
        Verdict(file: "ofdrw-converter__fapiao-shili.ofd", asOf: "2021-01-01T00:00:00Z", signatures: [
            ExpectedSignature(id: "1", valid: false, changed: ["/Doc_0/Document.xml"], failing: ["references"]),
        ]),
        Verdict(file: "ofdrw-converter__999.ofd", asOf: "2020-08-17T12:00:00Z", signatures: [ExpectedSignature(id: "1", valid: true)]),
        Verdict(file: "ofdrw-converter__SignScaleError.ofd", asOf: "2022-10-31T07:00:00Z", signatures: [ExpectedSignature(id: "1", valid: true)]),
        Verdict(file: "ofdrw-converter__buguifan-ziyuan-lujing.ofd", asOf: "2021-03-31T08:00:00Z", signatures: [ExpectedSignature(id: "1", valid: true)]),
        Verdict(file: "ofdrw-converter__draw_param_ref.ofd", asOf: "2020-03-05T04:00:00Z", signatures: [ExpectedSignature(id: "2", valid: true)]),
        // The committed file was reformatted; the Shandong seal's value is a raw r‖s; ID 4 is a PKCS#7 Type=Sign.
        Verdict(file: "ofdrw-layout__keyword.ofd", asOf: "2020-06-20T10:00:00Z", signatures: [
            ExpectedSignature(
                id: "2", valid: false, changed: ["/OFD.xml", "/Doc_0/Document.xml", "/Doc_0/Pages/Page_0/Content.xml"], failing: ["references"]),
            ExpectedSignature(
                id: "4", valid: false, changed: ["/OFD.xml", "/Doc_0/Document.xml", "/Doc_0/Pages/Page_0/Content.xml"],
                failing: ["signature-type", "references"]),
        ]),
        // v1 (GM/T 0031-2014), CheckMethod …401.2 read as SM3: no value matches, dataHash is not SM3(Signature.xml).
        Verdict(file: "ofdrw-converter__n.ofd", asOf: "2020-01-25T08:00:00Z", signatures: [
            ExpectedSignature(
                id: "0", valid: false,
                changed: ["/OFD.xml", "/Doc_0/Document.xml", "/Doc_0/PublicRes.xml", "/Doc_0/Pages/Page_0/Content.xml",
                          "/Doc_0/Pages/Page_1/Content.xml", "/Doc_0/Signs/Sign_0/Seal.esl"],
                failing: ["references", "signer-signature", "signer-certificate", "data-hash", "seal.maker-certificate"]),
        ]),
        // Both pages changed after signing; both signed after the maker certificate expired.
        Verdict(file: "ofdrw-converter__zsbk.ofd", asOf: "2020-06-01T00:00:00Z", signatures: [
            ExpectedSignature(
                id: "2", valid: false, changed: ["/Doc_0/Pages/Page_0/Content.xml", "/Doc_0/Pages/Page_1/Content.xml"],
                failing: ["references", "maker-certificate-validity"]),
            ExpectedSignature(
                id: "4", valid: false, changed: ["/Doc_0/Pages/Page_0/Content.xml", "/Doc_0/Pages/Page_1/Content.xml"],
                failing: ["references", "maker-certificate-validity"]),
        ]),
    ]

    /// A 1×1 PNG (the smallest seal picture SealSES's tests use), added to a package as a new file.
    static let png = Hex.decode(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63b8c3c0f01f00047401dcb8341f320000000049454e44ae426082"
    ) ?? []

    static func date(_ text: String) throws -> Date { try #require(ISO8601DateFormatter().date(from: text)) }

    static func verify(_ name: String, asOf: String) throws -> DocumentVerificationReport {
        try OFDVerifier(trust: .noTrustCheck, at: try date(asOf)).verify(contentsOf: try SharedFixtures.ofd(name))
    }

    @Test("every fixture of ../shared/fixtures/ofd has a verdict here")
    func everyFixtureHasAVerdict() throws {
        let directory = try #require(SharedFixtures.ofdDirectory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".ofd") }.sorted()
        #expect(names == Self.verdicts.map(\.file).sorted())
    }

    @Test("each fixture gets the README's verdict: every signature checked, the changed files and failed checks named", arguments: verdicts)
    func verdict(_ verdict: Verdict) throws {
        let report = try Self.verify(verdict.file, asOf: verdict.asOf)
        #expect(report.format == .ofd)
        #expect(report.document == verdict.file)
        #expect(report.evaluatedAt == (try Self.date(verdict.asOf)))
        let bytes = try Data(contentsOf: try SharedFixtures.ofd(verdict.file))
        #expect(report.documentSM3 == Hex.encode(try SM3.hash(Array(bytes))))
        #expect(report.problems.isEmpty)
        #expect(report.signatures.map(\.id) == verdict.signatures.map(\.id))
        #expect(report.isValid == verdict.signatures.allSatisfy(\.valid))
        for (signature, expected) in zip(report.signatures, verdict.signatures) {
            let context = "\(verdict.file) signature \(signature.id): \(signature.failures.map { "\($0.id): \($0.detail)" })"
            #expect(signature.isValid == expected.valid, "\(context)")
            #expect(Set(signature.failures.map(\.id)) == expected.failing, "\(context)")
            #expect(Set(signature.references.filter { $0.status == .changed }.map(\.file)) == expected.changed, "\(context)")
            #expect(!signature.references.contains { $0.status == .missing }, "\(context)")
            if !expected.changed.isEmpty {
                let detail = try #require(signature.failures.first { $0.id == "references" }?.detail)
                for file in expected.changed { #expect(detail.contains(file), "\(detail)") }
            }
            if signature.kind == .seal {
                #expect(signature.seal != nil && signature.signer != nil && signature.ses != nil, "\(context)")
            }
        }
    }

    @Test("SESV4SignDoc: every cryptographic check passes, the verdict is time alone (ofdrw says VALID)")
    func signedAfterExpiry() throws {
        let report = try Self.verify("ofdrw-reader__SESV4SignDoc.ofd", asOf: "2021-06-01T00:00:00Z")
        let signature = try #require(report.signatures.first)
        let ses = try #require(signature.ses)
        for id in ["signer-signature", "data-hash", "seal.maker-signature", "signer-is-holder"] {
            #expect(ses.checks.first { $0.id == id }?.status == .passed, "\(id)")
        }
        #expect(signature.checks.first { $0.id == "seal-file" }?.status == .passed)
        #expect(signature.references.count == 5 && signature.references.allSatisfy { $0.status == .ok })
        #expect(signature.signingTime == (try Self.date("2026-08-04T02:08:09Z")))
        #expect(signature.sesVersion == "v4")
        #expect(signature.seal?.esID == "51f044b76510434e9bc67a1185c2fba5")
        let signer = try #require(ses.checks.first { $0.id == "signer-certificate-validity" })
        #expect(signer.detail.contains("after it expired") && signer.detail.contains("2022-04-21"), "\(signer.detail)")
    }

    @Test("allprotected (ofdrw WholeProtected): six files covered, nothing unprotected, one appearance on page 1")
    func allProtected() throws {
        let report = try Self.verify("ofdrw-sign__allprotected.ofd", asOf: "2020-10-23T12:00:00Z")
        #expect(report.isValid)
        #expect(report.warnings.isEmpty)
        let signature = try #require(report.signatures.first)
        #expect(signature.location == "/Doc_0/Signs/Sign_0/Signature.xml")
        #expect(signature.kind == .seal)
        #expect(Set(signature.references.map(\.file)) == [
            "/OFD.xml", "/Doc_0/Document.xml", "/Doc_0/PublicRes.xml", "/Doc_0/Pages/Page_0/Content.xml", "/Doc_0/Signs/Signatures.xml",
            "/Doc_0/Signs/Sign_0/Seal.esl",
        ])
        #expect(signature.unprotected.isEmpty)
        #expect(signature.appearances == [
            StampAppearance(id: "002", page: 1, pageID: "1", boundary: MillimetreBox(x: 50, y: 50, width: 40, height: 40), clip: nil),
        ])
        #expect(signature.seal?.name == "OFD R&W 测试用印章")
        #expect(signature.signer?.contains("CN=Test Certificate") == true)
    }

    @Test("V4RideRight: the riding seal's five slices, one per page, each 8 mm of the 40 mm seal")
    func ridingSeal() throws {
        let report = try Self.verify("ofdrw-converter__V4RideRight.ofd", asOf: "2021-05-19T13:00:00Z")
        let signature = try #require(report.signatures.first)
        #expect(signature.appearances.map(\.page) == [1, 2, 3, 4, 5])
        #expect(signature.appearances.map(\.pageID) == ["1", "21", "43", "63", "83"])
        #expect(signature.appearances.map(\.boundary.x) == [202, 194, 186, 178, 170])
        #expect(signature.appearances.map { $0.clip?.x } == [0, 8, 16, 24, 32])
        #expect(signature.appearances.allSatisfy { $0.clip?.width == 8 && $0.boundary.width == 40 })
    }

    @Test("h: the first signature fails on Signatures.xml, the second is checked and valid; the second's files were added after the first")
    func multipleSignatures() throws {
        let report = try Self.verify("ofdrw-converter__h.ofd", asOf: "2020-07-16T09:00:00Z")
        let first = report.signatures[0], second = report.signatures[1]
        #expect(!first.isValid && second.isValid)
        #expect(first.references.filter { $0.status == .changed }.map(\.file) == ["/Doc_0/Signs/Signatures.xml"])
        #expect(Set(first.unprotected.map(\.file)) == [
            "/Doc_0/Signs/Sign_1/Seal.esl", "/Doc_0/Signs/Sign_1/Signature.xml", "/Doc_0/Signs/Sign_1/SignedValue.dat",
        ])
        #expect(first.unprotected.allSatisfy { $0.reason == .addedAfterSigning })
        #expect(second.unprotected.isEmpty)
        #expect(!report.warnings.contains { $0.signatureID != nil })
        #expect(first.appearances.count == 5 && second.appearances.count == 1)
    }

    @Test("draw_param_ref: valid, with a warning naming both background templates that no signature protects")
    func unprotectedTemplates() throws {
        let report = try Self.verify("ofdrw-converter__draw_param_ref.ofd", asOf: "2020-03-05T04:00:00Z")
        #expect(report.isValid)
        let signature = try #require(report.signatures.first)
        #expect(signature.unprotected == [
            UnprotectedFile(file: "/Doc_0/TPLS/TPL_0/Content.xml", reason: .notReferenced, usedBy: ["/Doc_0/Document.xml"]),
            UnprotectedFile(file: "/Doc_0/TPLS/TPL_1/Content.xml", reason: .notReferenced, usedBy: ["/Doc_0/Document.xml"]),
        ])
        let warnings = report.warnings.filter { $0.signatureID == "2" }
        #expect(warnings.count == 2)
        #expect(warnings.contains { $0.message.contains("Doc_0/TPLS/TPL_0/Content.xml") })
        #expect(warnings.contains { $0.message.contains("Doc_0/TPLS/TPL_1/Content.xml") })
    }

    @Test("draw_param_ref with a FORGED text in its unprotected template: still valid (nothing signed changed), and the warning names that template")
    func forgedTemplate() throws {
        let package = try OFDPackage(contentsOf: try SharedFixtures.ofd("ofdrw-converter__draw_param_ref.ofd"))
        let path = "Doc_0/TPLS/TPL_0/Content.xml"
        let original = try #require(package.file(path))
        let text = try #require(String(validating: original, as: UTF8.self))
        let forged = text.replacingOccurrences(
            of: "</ofd:Layer>",
            with: "<ofd:TextObject ID=\"1999\" Boundary=\"10 10 60 10\" Font=\"1\" Size=\"5\"><ofd:TextCode X=\"0\" Y=\"5\">FORGED 伪造</ofd:TextCode></ofd:TextObject></ofd:Layer>",
            options: [], range: text.range(of: "</ofd:Layer>"))
        #expect(forged != text)
        let bytes = try Self.rebuild(package, replacing: [path: Array(forged.utf8)])
        let report = try OFDVerifier(trust: .noTrustCheck, at: try Self.date("2020-03-05T04:00:00Z")).verify(bytes, name: "forged.ofd")
        #expect(report.isValid)
        #expect(report.warnings.contains { $0.signatureID == "2" && $0.message.contains(path) })
    }

    @Test("999 (KingGrid): relative BaseLoc named as a deviation; OFD.xml, which it leaves out, is listed as unprotected, without a warning")
    func kingGrid() throws {
        let report = try Self.verify("ofdrw-converter__999.ofd", asOf: "2020-08-17T12:00:00Z")
        let signature = try #require(report.signatures.first)
        #expect(signature.isValid)
        #expect(signature.deviations.contains { $0.contains("relative path 'Sign_0/Signature.xml'") }, "\(signature.deviations)")
        #expect(signature.unprotected == [UnprotectedFile(file: "/OFD.xml", reason: .notReferenced)])
        #expect(!report.warnings.contains { $0.signatureID != nil })
    }

    @Test("keyword: the raw r‖s value and the Type=Sign signature are reported, not a crash")
    func keyword() throws {
        let report = try Self.verify("ofdrw-layout__keyword.ofd", asOf: "2020-06-20T10:00:00Z")
        let seal = report.signatures[0], sign = report.signatures[1]
        #expect(seal.deviations.contains { $0.contains("r‖s") }, "\(seal.deviations)")
        #expect(seal.ses?.checks.first { $0.id == "signer-signature" }?.status == .passed)
        #expect(sign.kind == .sign)
        #expect(sign.ses == nil)
        let type = try #require(sign.checks.first { $0.id == "signature-type" })
        #expect(type.status == .failed && type.detail.contains("not verifiable"))
    }

    @Test("n (iOFD, v1): the CheckMethod 1.2.156.10197.1.401.2 and the Provider's child elements are named as deviations")
    func versionOne() throws {
        let report = try Self.verify("ofdrw-converter__n.ofd", asOf: "2020-01-25T08:00:00Z")
        let signature = try #require(report.signatures.first)
        #expect(signature.sesVersion == "v1")
        #expect(signature.signingTime == nil)
        #expect(signature.deviations.contains { $0.contains("CheckMethod '1.2.156.10197.1.401.2'") }, "\(signature.deviations)")
        #expect(signature.deviations.contains { $0.contains("Provider gives its fields as child elements") })
        #expect(signature.checks.first { $0.id == "check-method" }?.status == .passed)
        #expect(signature.appearances.first?.page == 2)
    }

    @Test("the report's JSON carries isValid and reads back equal")
    func json() throws {
        let report = try Self.verify("ofdrw-converter__h.ofd", asOf: "2020-07-16T09:00:00Z")
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(report)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"isValid\":false"))
        #expect(text.contains("\"isValid\":true"))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(DocumentVerificationReport.self, from: data) == report)
    }

    // MARK: - Hostile changes

    /// The package's members in order, with `replacing` swapped in, `removing` left out and `adding` appended, written
    /// by ZIPFoundation into a new, valid ZIP.
    static func rebuild(
        _ package: OFDPackage, replacing: [String: [UInt8]] = [:], removing: Set<String> = [], adding: [(String, [UInt8])] = []
    ) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        let members = package.paths.filter { !removing.contains($0) }.map { ($0, replacing[$0] ?? package.files[$0] ?? []) } + adding
        for (path, bytes) in members {
            try bytes.withUnsafeBufferPointer { buffer in
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(buffer.count), modificationDate: Date(timeIntervalSince1970: 1_600_000_000),
                    permissions: 0o644, compressionMethod: .deflate
                ) { position, size in Data(buffer[Int(position)..<Int(position) + size]) }
            }
        }
        return Array(try #require(archive.data))
    }

    @Test("one changed byte in any member allprotected's signature covers (rebuilt into a valid ZIP): refused, naming that file")
    func changedByte() throws {
        let url = try SharedFixtures.ofd("ofdrw-sign__allprotected.ofd")
        let package = try OFDPackage(contentsOf: url)
        let verifier = OFDVerifier(trust: .noTrustCheck, at: try Self.date("2020-10-23T12:00:00Z"))
        let covered = try #require(try verifier.verify(contentsOf: url).signatures.first).references.map { String($0.file.dropFirst()) }
        #expect(covered.count == 6)
        for path in covered + ["Doc_0/Signs/Sign_0/Signature.xml", "Doc_0/Signs/Sign_0/SignedValue.dat"] {
            let original = try #require(package.file(path))
            for offset in [original.count / 2, original.count - 3] {
                var changed = original
                changed[offset] ^= 0x01
                let bytes = try Self.rebuild(package, replacing: [path: changed])
                do {
                    let report = try verifier.verify(bytes, name: "changed.ofd")
                    #expect(!report.isValid, "\(path) byte \(offset)")
                    guard let signature = report.signatures.first else {
                        // A change that breaks the structure (OFD.xml, Document.xml) is a problem naming the file.
                        #expect(report.problems.contains { $0.contains(path) }, "\(path) byte \(offset): \(report.problems)")
                        continue
                    }
                    let named = signature.failures.map(\.detail).joined(separator: " | ")
                    if covered.contains(path) {
                        #expect(signature.references.first { $0.file == "/" + path }?.status == .changed, "\(path) byte \(offset): \(named)")
                        #expect(named.contains(path), "\(path) byte \(offset): \(named)")
                    } else {
                        // Signature.xml is protected by dataHash, SignedValue.dat by the signatures inside it.
                        #expect(!signature.failures.isEmpty, "\(path) byte \(offset)")
                    }
                } catch let error as OFDPackageError {
                    // Only the ZIP itself can make the document unreadable; a member's change cannot.
                    Issue.record("\(path) byte \(offset): \(error)")
                }
            }
        }
    }

    @Test("a file added after signing is listed as unprotected (not referenced, used by nothing); the signature stays valid")
    func addedFile() throws {
        let package = try OFDPackage(contentsOf: try SharedFixtures.ofd("ofdrw-sign__allprotected.ofd"))
        let bytes = try Self.rebuild(package, adding: [("Doc_0/Res/added.png", Self.png)])
        let report = try OFDVerifier(trust: .noTrustCheck, at: try Self.date("2020-10-23T12:00:00Z")).verify(bytes, name: "added.ofd")
        let signature = try #require(report.signatures.first)
        #expect(signature.isValid)
        #expect(signature.unprotected == [UnprotectedFile(file: "/Doc_0/Res/added.png", reason: .notReferenced)])
        #expect(report.warnings.isEmpty)
    }

    @Test("a covered file removed: the reference is reported missing and the signature invalid")
    func removedFile() throws {
        let package = try OFDPackage(contentsOf: try SharedFixtures.ofd("ofdrw-sign__allprotected.ofd"))
        let bytes = try Self.rebuild(package, removing: ["Doc_0/Signs/Sign_0/Seal.esl"])
        let report = try OFDVerifier(trust: .noTrustCheck, at: try Self.date("2020-10-23T12:00:00Z")).verify(bytes, name: "removed.ofd")
        let signature = try #require(report.signatures.first)
        #expect(!signature.isValid)
        #expect(signature.references.first { $0.file == "/Doc_0/Signs/Sign_0/Seal.esl" }?.status == .missing)
        #expect(signature.checks.first { $0.id == "seal-file" }?.status == .failed)
    }

    @Test("a StampAnnot whose PageRef names no page fails (and, Signature.xml being signed, so does the document hash)")
    func pageRefToNoPage() throws {
        let package = try OFDPackage(contentsOf: try SharedFixtures.ofd("ofdrw-sign__allprotected.ofd"))
        let path = "Doc_0/Signs/Sign_0/Signature.xml"
        let stored = try #require(package.file(path))
        let original = try #require(String(validating: stored, as: UTF8.self))
        let moved = original.replacingOccurrences(of: "PageRef=\"1\"", with: "PageRef=\"7\"")
        #expect(moved != original)
        let bytes = try Self.rebuild(package, replacing: [path: Array(moved.utf8)])
        let report = try OFDVerifier(trust: .noTrustCheck, at: try Self.date("2020-10-23T12:00:00Z")).verify(bytes, name: "moved.ofd")
        let signature = try #require(report.signatures.first)
        #expect(signature.appearances.map(\.page) == [nil])
        #expect(signature.appearances.map(\.pageID) == ["7"])
        let check = try #require(signature.checks.first { $0.id == "stamp-annotations" })
        #expect(check.status == .failed && check.detail.contains("PageRef '7' names no page"), "\(check.detail)")
        #expect(Set(signature.failures.map(\.id)) == ["stamp-annotations", "data-hash"])
    }

    /// allprotected with its References@CheckMethod (`SM3`) written `attribute` instead (nil: the attribute removed).
    static func checkMethodReport(_ attribute: String?) throws -> DocumentSignatureReport {
        let package = try OFDPackage(contentsOf: try SharedFixtures.ofd("ofdrw-sign__allprotected.ofd"))
        let path = "Doc_0/Signs/Sign_0/Signature.xml"
        let stored = try #require(package.file(path))
        let original = try #require(String(validating: stored, as: UTF8.self))
        let changed = original.replacingOccurrences(of: " CheckMethod=\"SM3\"", with: attribute.map { " CheckMethod=\"\($0)\"" } ?? "")
        #expect(changed != original)
        let bytes = try rebuild(package, replacing: [path: Array(changed.utf8)])
        let report = try OFDVerifier(trust: .noTrustCheck, at: try date("2020-10-23T12:00:00Z")).verify(bytes, name: "method.ofd")
        return try #require(report.signatures.first)
    }

    @Test("CheckMethod sm3 and 1.2.156.10197.1.401 are SM3; …401.1 and …401.2 are read as SM3 and named", arguments: [
        "sm3", "1.2.156.10197.1.401", "1.2.156.10197.1.401.1", "1.2.156.10197.1.401.2",
    ])
    func checkMethodAccepted(_ method: String) throws {
        let signature = try Self.checkMethodReport(method)
        #expect(signature.checks.first { $0.id == "check-method" }?.status == .passed)
        #expect(signature.references.count == 6 && signature.references.allSatisfy { $0.status == .ok })
        #expect(signature.deviations.contains { $0.contains("CheckMethod '\(method)'") } == (method.hasSuffix(".1") || method.hasSuffix(".2")))
        // The Signature.xml itself changed, so the SES_Signature's document hash no longer matches.
        #expect(signature.failures.map(\.id) == ["data-hash"])
    }

    @Test("CheckMethod MD5, SHA1 or none is refused, naming what was found", arguments: ["MD5", "SHA1", nil] as [String?])
    func checkMethodRefused(_ method: String?) throws {
        let signature = try Self.checkMethodReport(method)
        let check = try #require(signature.checks.first { $0.id == "check-method" })
        #expect(check.status == .failed)
        #expect(check.detail.contains(method.map { "'\($0)'" } ?? "no CheckMethod"), "\(check.detail)")
        #expect(!signature.isValid)
    }

    @Test("an OFD with no signature is not valid: the report says the document has no signature")
    func unsigned() throws {
        let package = try OFDPackage(contentsOf: try SharedFixtures.ofd("ofdrw-sign__allprotected.ofd"))
        let entryBytes = try #require(package.file("OFD.xml"))
        let entry = try #require(String(validating: entryBytes, as: UTF8.self))
        let unsignedEntry = entry.replacingOccurrences(of: "<ofd:Signatures>/Doc_0/Signs/Signatures.xml</ofd:Signatures>", with: "")
        #expect(unsignedEntry != entry)
        let bytes = try Self.rebuild(
            package, replacing: ["OFD.xml": Array(unsignedEntry.utf8)], removing: Set(package.paths.filter { $0.hasPrefix("Doc_0/Signs/") }))
        let report = try OFDVerifier(trust: .noTrustCheck).verify(bytes, name: "unsigned.ofd")
        #expect(!report.isValid)
        #expect(report.signatures.isEmpty)
        #expect(report.problems == ["the document has no signature"])
    }

    @Test("bytes that are not an OFD package are refused with a typed error naming the file")
    func notAPackage() throws {
        #expect(throws: OFDPackageError.notZIP("note.ofd")) {
            try OFDVerifier(trust: .noTrustCheck).verify(Array("not a zip".utf8), name: "note.ofd")
        }
    }

    @Test("timing: verify allprotected and zsbk (the 1.5 MB two-signature certificate)")
    func timing() throws {
        let verifier = OFDVerifier(trust: .noTrustCheck, at: try Self.date("2020-10-23T12:00:00Z"))
        for name in ["ofdrw-sign__allprotected.ofd", "ofdrw-converter__zsbk.ofd"] {
            let url = try SharedFixtures.ofd(name)
            _ = try verifier.verify(contentsOf: url)
            let start = Date()
            let runs = 5
            for _ in 0..<runs { _ = try verifier.verify(contentsOf: url) }
            let milliseconds = Date().timeIntervalSince(start) * 1000 / Double(runs)
            print("verify \(name): \(String(format: "%.1f", milliseconds)) ms")
            #expect(milliseconds < 5_000)
        }
    }
}
