import Foundation
import SealCrypto
import SealDocument
import SealPDF
import SealPKI
import SealSES
import SealTestSupport
import Testing

/// 验章 of PDFs signed by another system (pyHanko, P-256): every CMS check the station makes, and the verdict that a
/// signature without a GB/T 38540 seal is not a seal.
@Suite("PDF verification of other systems' signatures")
struct PDFVerifierTests {
    private func checks(_ signature: DocumentSignatureReport) -> [String: VerificationReport.Check.Status] {
        Dictionary(signature.checks.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
    }

    private func anchors(_ files: PDFTestFiles) throws -> TrustPolicy {
        return .anchors([try Certificate(derOrPEM: try files.directory.read("ca.pem"))])
    }

    @Test("a pyHanko P-256 signature: byte range, CMS, digest, signature and chain pass; no seal, so not valid as a seal")
    func pyhankoSignature() throws {
        let files = try PDFTestFiles()
        try files.p256Signer()
        let input = try files.document()
        let signed = files.directory.path("signed.pdf")
        try files.pyhankoSign(input, signed, field: "Seal1")
        let report = try PDFVerifier(trust: try anchors(files)).verify(contentsOf: URL(fileURLWithPath: signed))
        #expect(report.format == .pdf)
        #expect(report.signatures.count == 1)
        let signature = try #require(report.signatures.first)
        #expect(signature.id == "Seal1")
        #expect(signature.signer?.contains("Test Signer") == true)
        let status = checks(signature)
        for id in ["sub-filter", "byte-range", "cms", "signer-certificate", "message-digest", "cms-signature", "signer-chain"] {
            #expect(status[id] == .passed, "\(id): \(signature.checks.first { $0.id == id }?.detail ?? "missing")")
        }
        #expect(status["ses-signature"] == .failed)
        #expect(signature.kind == .sign)
        #expect(!report.isValid)
        // The widget pyHanko drew at 300,100–413,213 pt on an A4 page (842 pt high).
        let appearance = try #require(signature.appearances.first)
        #expect(appearance.page == 1)
        #expect(abs(appearance.boundary.x - 300 * 25.4 / 72) < 0.01)
        #expect(abs(appearance.boundary.y - (842 - 213) * 25.4 / 72) < 0.01)
        #expect(abs(appearance.boundary.width - 113 * 25.4 / 72) < 0.01)
    }

    @Test("one flipped byte inside the byte range fails the message digest; the signature over the attributes still verifies")
    func flippedByte() throws {
        let files = try PDFTestFiles()
        try files.p256Signer()
        let signed = files.directory.path("signed.pdf")
        try files.pyhankoSign(try files.document(), signed, field: "Seal1")
        var bytes = try files.directory.read("signed.pdf")
        // A byte of the page's text ("SealStation test page 1"), inside the first range.
        let marker = Array("Contents".utf8)
        let index = try #require((0..<(bytes.count - marker.count)).first { bytes[$0..<($0 + marker.count)].elementsEqual(marker) })
        bytes[index - 20] ^= 0x01
        let report = try PDFVerifier(trust: try anchors(files)).verify(bytes, name: "flipped.pdf")
        let signature = try #require(report.signatures.first)
        let status = checks(signature)
        #expect(status["message-digest"] == .failed)
        #expect(status["cms-signature"] == .passed)
        #expect(!signature.isValid)
    }

    @Test("a second signature appended by pyHanko: the last covers the file; for the first, the later revision only adds a signature")
    func twoRevisions() throws {
        let files = try PDFTestFiles()
        try files.p256Signer()
        let once = files.directory.path("once.pdf")
        let twice = files.directory.path("twice.pdf")
        try files.pyhankoSign(try files.document(), once, field: "Seal1")
        let result = try ExternalTool.run(files.pyhanko, [
            "sign", "addsig", "--field", "1/300,300,413,413/Seal2", "pemder", "--key", files.directory.path("leaf.key"),
            "--cert", files.directory.path("leaf.pem"), "--chain", files.directory.path("ca.pem"), "--no-pass", once, twice,
        ])
        #expect(result.succeeded, "\(result.stderr)")
        let original = try files.directory.read("once.pdf")
        let bytes = try files.directory.read("twice.pdf")
        #expect(bytes.starts(with: original))
        let report = try PDFVerifier(trust: try anchors(files)).verify(bytes, name: "twice.pdf")
        #expect(report.signatures.map(\.id) == ["Seal1", "Seal2"])
        let first = checks(report.signatures[0])
        let second = checks(report.signatures[1])
        #expect(first["message-digest"] == .passed && first["cms-signature"] == .passed)
        #expect(first["later-revisions"] == .passed)
        #expect(report.signatures[0].checks.first { $0.id == "later-revisions" }?.detail.contains("only add signatures") == true)
        #expect(second["message-digest"] == .passed && second["later-revisions"] == nil)
        #expect(report.signatures[1].checks.first { $0.id == "byte-range" }?.detail.contains("whole file") == true)
    }

    @Test("a PDF without signatures is a document with no signature")
    func unsigned() throws {
        let files = try PDFTestFiles()
        let bytes = try files.directory.read((try files.document() as NSString).lastPathComponent)
        let report = try PDFVerifier(trust: .noTrustCheck).verify(bytes, name: "in.pdf")
        #expect(report.signatures.isEmpty)
        #expect(report.problems == ["the document has no signature"])
        #expect(!report.isValid)
    }
}
