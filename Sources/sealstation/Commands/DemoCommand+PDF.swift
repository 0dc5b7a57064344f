import Foundation
import SealCrypto
import SealDocument
import SealPDF
import SealPKI
import SealRegistry
import SealRender
import SealSES
import SealStation
import SealToken

extension DemoCommand {
    /// Step 10b: 签章 and 验章 on a PDF. A 2-page contract is drawn with cairo (the Song face embedded, so its text can be
    /// found); when SoftHSM2 is there the token's 合同专用章 (ECDSA P-256, PAdES) is stamped by the keyword "乙方（盖章）",
    /// then the unit's round seal (SM2, adbe.pkcs7.detached) on page 2 by position, each its own approved use, each
    /// revision appended after the one before; the result is verified with the CRL (both valid, the first seal's later
    /// revision only adds a signature), and the commands with which outside tools check it are printed.
    func demoPDF(
        station: Station, clerk: OfficerRecord, approver: OfficerRecord, roundSeal: SealRecord, holderSecret: SecretBytes,
        token: (seal: SealRecord, store: TokenKeyStore)?, crlFile: URL, directory: URL, clock: DemoClock, record: (String, String, [URL]) -> Void
    ) throws {
        let folder = directory.appendingPathComponent("pdf")
        try ProtectedFile.createDirectory(folder.path)
        let unsigned = try SealRenderer().textPagesPDF(title: "技术服务合同", pages: [
            ["合同编号：2026-004", "", "甲方：北京某某科技发展有限公司", "乙方：北京某某科技发展有限公司分公司", "",
             "第一条　乙方为甲方提供电子印章系统的运行维护服务，期限一年。", "第二条　服务费人民币叁万元整（¥30,000.00），按季度支付。"],
            ["第三条　本合同自双方盖章之日起生效。", "第四条　电子签章与实物印章具有同等法律效力。", "", "甲方（盖章）：", "", "", "", "",
             "乙方（盖章）：", "", "二〇二六年十二月一日"],
        ])
        let unsignedFile = folder.appendingPathComponent("技术服务合同.pdf")
        try ProtectedFile.write(unsigned, to: unsignedFile.path, mode: ProtectedFile.publicMode)
        record("PDF made with cairo (Song face subset embedded)", "2 A4 pages, \(unsigned.count) bytes", [unsignedFile])

        // The token's seal first: pyHanko's CLI gives up on a whole file once it meets an SM3 digest, so the file with
        // the P-256 seal alone is the one it checks.
        var stamps: [(seal: SealRecord, key: HolderKeySource, placement: StampPlacement, reason: String, file: String, what: String)] = []
        if let token {
            stamps.append((token.seal, .token(token.store), .keyword(text: "乙方（盖章）", occurrence: 1), "服务合同盖合同专用章", "技术服务合同-1.pdf",
                           "P-256 token seal by keyword 乙方（盖章） (ETSI.CAdES.detached)"))
        } else {
            record("签章 on a PDF with a token seal", "skipped: SoftHSM2 is not installed (Scripts/setup installs it)", [])
        }
        stamps.append((roundSeal, .passphrase(holderSecret), .position(page: 2, x: 75, y: 43), "服务合同盖法定名称章", "技术服务合同-已盖章.pdf",
                       "SM2 round seal by position (page 2, centre 75,43 mm, on 甲方（盖章）; adbe.pkcs7.detached)"))
        var current = (bytes: unsigned, name: unsignedFile.lastPathComponent)
        var final = unsignedFile
        for stamp in stamps {
            let request = try station.requestUse(by: clerk, sealID: stamp.seal.id!, reason: stamp.reason, count: 1, now: clock.next())
            _ = try station.approveUse(by: approver, requestID: request.id!, now: clock.next())
            let output = folder.appendingPathComponent(stamp.file)
            let now = clock.nextSecond()
            let stamping = try PDFStamping(
                try PDFFile(current.bytes, name: current.name), name: current.name, seal: stamp.seal, placement: stamp.placement,
                stationCA: station.ca.certificate, signingTime: now)
            let (_, stamped, log) = try station.stamp(
                by: clerk, sealID: stamp.seal.id!, stamping, holderKey: stamp.key, output: output.path, now: now)
            record("签章 on a PDF: \(stamp.what), use request #\(request.id!) approved",
                   "field \(stamped.signatureID) at \(stamped.placement); use log #\(log.id!)", [output])
            current = (stamped.bytes, output.lastPathComponent)
            final = output
        }

        let crl = try CertificateRevocationList(derOrPEM: try ProtectedFile.read(crlFile.path))
        let verifier = PDFVerifier(
            trust: .anchors([station.ca.certificate]), revocation: RevocationChecker(crls: [crl], requireCRL: false, now: clock.next()))
        let report = try verifier.verify(contentsOf: final)
        guard report.isValid, report.signatures.count == stamps.count else {
            record("验章 of \(final.lastPathComponent)", "FAILED: " + report.signatures.flatMap { $0.failures.map(\.detail) }.joined(separator: "; "), [final])
            throw ExitStatus.verificationFailed
        }
        record("验章 (verify \(final.lastPathComponent) --ca --crl)",
               "all \(report.signatures.count) signature(s) valid: "
                   + report.signatures.map { "\($0.id) \($0.seal?.name ?? "?") (\($0.checks.first { $0.id == "later-revisions" }?.detail ?? "covers the whole file"))" }
                       .joined(separator: "; "),
               [final])

        // What outside tools check (none of them knows SM2, so the SM2 seal's CMS is checked with openssl by hand).
        var commands = """
            Cross-check with tools SealStation did not write:
              qpdf --check \(final.path)
              cmp -n \(unsigned.count) \(unsignedFile.path) \(final.path)      (the original is a byte-for-byte prefix)
            """
        if let token, let first = stamps.first.map({ folder.appendingPathComponent($0.file) }) {
            let holder = folder.appendingPathComponent("token-holder.pem")
            let certificate = try Certificate(derEncoded: Array(token.seal.holderCertificate))
            try ProtectedFile.write(Array(certificate.pemEncoded.utf8), to: holder.path, mode: ProtectedFile.publicMode)
            commands += """

                  The P-256 seal (its holder certificate is issued by the SM2 root, which these tools cannot check, so they trust it directly):
                  pyhanko sign validate --trust \(holder.path) --trust-replace --no-revocation-check \(first.path)
                  mkdir nssdb && certutil -N -d sql:nssdb --empty-password && certutil -A -d sql:nssdb -n holder -t P,P,P -i \(holder.path)
                  pdfsig -nssdir sql:nssdb \(final.path)      (signature #1 "Signature is Valid"; #2, SM2, is beyond it; its exit code does not tell)
                  mutool sign -v \(final.path)      (the P-256 seal "valid but there have been edits since signing": the SM2 seal's revision)
                """
        }
        record("outside checks of the stamped PDF", commands, [])
    }
}
