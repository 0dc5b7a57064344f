import Foundation
import SealCrypto
import SealDocument
import SealFonts
import SealOFD
import SealPKI
import SealRegistry
import SealSES
import SealStation

extension DemoCommand {
    /// Step 10: 签章 and 验章 on an OFD. A 3-page contract is made from text (`ofd from-text`, the Song face embedded);
    /// a 合同专用章 is applied for, approved and issued; the unit's round seal is stamped on page 3 by position, the
    /// 合同专用章 by the keyword "乙方（盖章）", and the round seal again as a riding seal across the right edge of every
    /// page, each consuming its own approved use; the stamped document is verified (all three signatures valid, every
    /// earlier one kept valid by the later stamps), a copy with one changed byte is refused naming the file, a stamp
    /// without an approved use writes nothing, and the use log shows the three stamps.
    func demoDocument(
        station: Station, clerk: OfficerRecord, approver: OfficerRecord, roundSeal: SealRecord, holderSecret: SecretBytes,
        stationSecret: SecretBytes, crlFile: URL, directory: URL, clock: DemoClock, record: (String, String, [URL]) -> Void
    ) throws -> URL {
        let folder = directory.appendingPathComponent("ofd")
        try ProtectedFile.createDirectory(folder.path)
        let text = """
            采购合同

            合同编号：2026-003

            甲方：北京某某科技发展有限公司
            乙方：北京某某科技发展有限公司分公司

            第一条　甲方向乙方采购电子印章管理系统一套，含制章终端、备案服务和技术支持。
            第二条　合同总价人民币壹拾贰万元整（¥120,000.00），于验收合格后三十日内一次付清。
            \u{0C}第三条　乙方应于合同生效后六十日内交付并完成安装调试，交付时提供安装介质和操作手册。
            第四条　质量保证期为验收合格之日起十二个月，保证期内乙方免费维修或更换。
            第五条　任何一方违约，应向对方支付合同总价百分之十的违约金。
            \u{0C}第六条　本合同一式两份，甲乙双方各执一份，自双方盖章之日起生效。
            第七条　电子签章与实物印章具有同等法律效力。

            甲方（盖章）：

            乙方（盖章）：

            二〇二六年十二月一日
            """
        let textFile = folder.appendingPathComponent("采购合同.txt")
        try ProtectedFile.write(Array(text.utf8), to: textFile.path, mode: ProtectedFile.publicMode)
        let unsigned = try OFDTextDocument(text: Array(text.utf8), face: try FontSource.songTrueType.open(), info: OFDDocInfo(title: "采购合同")).package()
        let unsignedFile = folder.appendingPathComponent("采购合同.ofd")
        try ProtectedFile.write(unsigned, to: unsignedFile.path, mode: ProtectedFile.publicMode)
        let pages = try OFDFile(try OFDPackage(data: Data(unsigned), name: unsignedFile.lastPathComponent)).bodies[0].document.pages.count
        record("OFD made from text (ofd from-text; Song face subset embedded)", "\(pages) A4 pages, \(unsigned.count) bytes", [textFile, unsignedFile])

        // A 合同专用章 (SM2, holder key in the station's files).
        let application = try station.apply(by: clerk, SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "special-40", useName: "合同专用章",
            reason: "签订合同用"), now: clock.next())
        _ = try station.approve(by: approver, applicationID: application.id!, note: "同意", now: clock.next())
        let contractSeal = try station.issue(
            by: clerk, applicationID: application.id!, stationPassphrase: stationSecret, holderPassphrase: holderSecret, now: clock.next())
        record("seal #\(contractSeal.id!) \(contractSeal.name) (制作)", "issued for stamping OFD contracts", [])

        // Three stamps, each its own approved use, each on the output of the one before.
        let stamps: [(seal: SealRecord, placement: StampPlacement, reason: String, file: String, what: String)] = [
            (roundSeal, .position(page: 3, x: 120, y: 45), "采购合同盖法定名称章", "采购合同-1.ofd", "round seal by position (page 3, centre 120,45 mm)"),
            (contractSeal, .keyword(text: "乙方（盖章）", occurrence: 1), "采购合同盖合同专用章", "采购合同-2.ofd", "合同专用章 by keyword 乙方（盖章）"),
            (roundSeal, .riding(edge: .right), "采购合同加盖骑缝章", "采购合同-已盖章.ofd", "riding seal (骑缝章) across the right edge"),
        ]
        var current = (bytes: unsigned, name: unsignedFile.lastPathComponent)
        var outputs: [URL] = []
        for stamp in stamps {
            let request = try station.requestUse(by: clerk, sealID: stamp.seal.id!, reason: stamp.reason, count: 1, now: clock.next())
            _ = try station.approveUse(by: approver, requestID: request.id!, now: clock.next())
            let output = folder.appendingPathComponent(stamp.file)
            let now = clock.nextSecond()
            let prepared = try OFDStamp.prepare(
                try OFDFile(try OFDPackage(data: Data(current.bytes), name: current.name)),
                seal: try ElectronicSeal(derEncoded: Array(stamp.seal.sealDER)), placement: stamp.placement, signingTime: now)
            let (_, stamped, log) = try station.stamp(
                by: clerk, sealID: stamp.seal.id!, try OFDStamping(prepared, original: current.bytes, name: current.name),
                holderKey: .passphrase(holderSecret), output: output.path, now: now)
            record("签章: \(stamp.what), use request #\(request.id!) approved",
                   "signature \(stamped.signatureID) at \(stamped.placement); use log #\(log.id!)", [output])
            current = (stamped.bytes, output.lastPathComponent)
            outputs.append(output)
        }

        // 验章: every signature, against the station CA, with its CRL.
        let crl = try CertificateRevocationList(derOrPEM: try ProtectedFile.read(crlFile.path))
        let verifier = OFDVerifier(
            trust: .anchors([station.ca.certificate]), revocation: RevocationChecker(crls: [crl], requireCRL: false, now: clock.next()))
        let final = outputs[outputs.count - 1]
        let report = try verifier.verify(contentsOf: final)
        guard report.isValid, report.signatures.count == 3 else {
            record("验章 of \(final.lastPathComponent)", "FAILED: " + report.signatures.flatMap { $0.failures.map(\.detail) }.joined(separator: "; "), [final])
            throw ExitStatus.verificationFailed
        }
        let appearances = report.signatures.map { "\($0.id): \($0.seal?.name ?? "?"), \($0.appearances.count) appearance(s)" }
        record("验章 (verify \(final.lastPathComponent) --ca --crl)",
               "all 3 signatures valid (\(appearances.joined(separator: "; "))); each earlier one still valid after the later stamps", [final])

        // A copy with one byte of page 1's content changed, rebuilt into a valid ZIP as an attacker would.
        let tampered = folder.appendingPathComponent("采购合同-改动.ofd")
        let package = try OFDPackage(data: Data(current.bytes), name: final.lastPathComponent)
        let pagePath = try OFDFile(package).bodies[0].document.pages[0].baseLoc.path
        let members = package.paths.map { path in
            var bytes = package.file(path) ?? []
            // A digit of a glyph position: the page still parses, its text has moved.
            if path == pagePath, let index = bytes.lastIndex(of: UInt8(ascii: "0")) { bytes[index] = UInt8(ascii: "1") }
            return OFDPackageMember(path: path, bytes: bytes)
        }
        try ProtectedFile.write(try OFDPackageWriter.zip(members, modificationDate: clock.next()), to: tampered.path, mode: ProtectedFile.publicMode)
        let tamperedReport = try verifier.verify(try ProtectedFile.read(tampered.path), name: tampered.lastPathComponent)
        let named = tamperedReport.signatures.flatMap { $0.references.filter { $0.status != .ok }.map(\.file) }
        guard !tamperedReport.isValid, named.allSatisfy({ $0 == "/" + pagePath }), !named.isEmpty else {
            record("a stamped OFD changed afterwards", "FAILED: the change was not found", [tampered])
            throw ExitStatus.verificationFailed
        }
        record("a copy with one byte of \(pagePath) changed", "refused: every signature names /\(pagePath) as changed", [tampered])

        // No approved use left: the stamp is refused and nothing is written.
        let refusedOutput = folder.appendingPathComponent("未经审批.ofd")
        do {
            let prepared = try OFDStamp.prepare(
                try OFDFile(package), seal: try ElectronicSeal(derEncoded: Array(contractSeal.sealDER)),
                placement: .position(page: 1, x: 150, y: 250), signingTime: clock.nextSecond())
            _ = try station.stamp(
                by: clerk, sealID: contractSeal.id!, try OFDStamping(prepared, original: current.bytes, name: final.lastPathComponent),
                holderKey: .passphrase(holderSecret), output: refusedOutput.path, now: prepared.signingTime)
            FileHandle.standardError.write(Data("✗ a stamp without an approved use was accepted\n".utf8))
            throw ExitStatus.verificationFailed
        } catch RegistryError.noApprovedUse {
            guard !FileManager.default.fileExists(atPath: refusedOutput.path) else { throw ExitStatus.verificationFailed }
            record("a fourth stamp without an approved use", "refused (no approved use left); nothing written", [])
        }

        let rows = try station.useLog(sealID: nil).compactMap { row in row.stamp.map { (row, $0) } }
        record("use log (使用管理): the three stamps",
               rows.map { row, stamp in
                   "#\(row.id ?? 0) seal \(row.sealID) \(stamp.placement) sig \(stamp.signatureID) SM3 \(row.documentSM3.prefix(8))…→\(stamp.stampedSM3.prefix(8))…"
               }.joined(separator: "; "), [])
        return final
    }
}
