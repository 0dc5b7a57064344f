import Foundation
import Hummingbird
import SealCrypto
import SealDocument
import SealOFD
import SealPDF
import SealPKI
import SealRegistry
import SealSES
import SealStation

/// 验章 for any officer: upload a seal (.esl), a detached signature (.ses) with the document it signs, or a stamped OFD,
/// and read the verification report — the same verifiers and checks as `sealstation verify` and `seal verify`, with
/// the station CA as the trust anchor. Verifying changes nothing in the registry.
extension ConsoleApplication {
    func addVerifyRoutes(to router: Router<BasicRequestContext>) {
        router.get("/verify") { request, _ in try await verifyForm(request) }
        router.post("/verify") { request, _ in try await verify(request) }
    }

    private func verifyForm(_ request: Request) async throws -> Response {
        let signedIn = try await signedIn(request)
        return page("verify", "验章", signedIn, path: "/verify", VerifyPage(report: nil))
    }

    private func verify(_ request: Request) async throws -> Response {
        let (signedIn, form) = try await posted(request)
        guard let file = form.files["file"] else { throw ConsoleRefusal.fileRequired(label: "印章、签名或已盖章的文件") }
        let document = form.files["document"]
        let station = station, anchor = station.ca.certificate, now = now()
        let report = try await work.run { () throws -> VerifyPage.Report in
            // The CRLs this station issued: a seal it revoked and put on a CRL fails here as it fails everywhere.
            let crls = try station.crls().map { try CertificateRevocationList(derEncoded: Array($0.der)) }
            return try Self.report(file, document: document, anchor: anchor, revocation: RevocationChecker(crls: crls, now: now), now: now)
        }
        return page("verify", "验章", signedIn, path: "/verify", VerifyPage(report: report))
    }

    /// The report on `file`: an OFD (by its name or its ZIP signature) or a PDF (by its name or `%PDF-`) with the
    /// signatures it carries; with `document`, `file` is the detached signature of that document; otherwise a seal.
    static func report(
        _ file: Upload, document: Upload?, anchor: Certificate, revocation: RevocationChecker?, now: Date
    ) throws -> VerifyPage.Report {
        let trust = TrustPolicy.anchors([anchor])
        let isOFD = file.filename.lowercased().hasSuffix(".ofd") || file.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
        let isPDF = file.filename.lowercased().hasSuffix(".pdf") || file.bytes.starts(with: Array("%PDF-".utf8))
        if isPDF, document == nil {
            do {
                return documentReport(try PDFVerifier(trust: trust, revocation: revocation, at: now).verify(file.bytes, name: file.filename))
            } catch let error as PDFStructureError {
                throw ConsoleRefusal.invalidField(label: "PDF 文件", reason: "无法读取（\(error)）")
            }
        }
        if isOFD {
            guard document == nil else {
                throw ConsoleRefusal.invalidField(label: "被签名的文件", reason: "OFD 文件自带签章，验章时不需要另传文件")
            }
            let report = try OFDVerifier(trust: trust, revocation: revocation, at: now).verify(file.bytes, name: file.filename)
            return documentReport(report)
        }
        if let document {
            let signature: ElectronicSignature
            do {
                signature = try ElectronicSignature(derEncoded: file.bytes)
            } catch {
                throw ConsoleRefusal.invalidField(label: "签名文件", reason: "不是电子签章数据（SES_Signature，.ses）")
            }
            let ses = SignatureVerifier(trust: trust, revocation: revocation).verify(signature, document: document.bytes, fallbackTime: now)
            let signer = (try? Certificate(derEncoded: signature.signerCertificate)).map { "\($0.subject)" }
            let report = DocumentVerificationReport.detached(
                document: document.filename, documentSM3: Hex.encode(try SM3.hash(document.bytes)), signatureName: file.filename,
                signature: signature, signer: signer, ses: ses)
            return documentReport(report)
        }
        if (try? ElectronicSignature(derEncoded: file.bytes)) != nil {
            throw ConsoleRefusal.fileRequired(label: "被签名的文件（验证分离签名须同时上传签名和原文件）")
        }
        let seal: ElectronicSeal
        do {
            seal = try ElectronicSeal(derEncoded: file.bytes)
        } catch {
            throw ConsoleRefusal.invalidField(label: "上传的文件", reason: "不是电子印章（.esl）、电子签章（.ses）或 OFD 文件")
        }
        let checked = SealVerifier(trust: trust, revocation: revocation).verify(seal, at: now)
        let identity = SealIdentity(seal)
        let block = VerifyPage.Signature(
            heading: "电子印章 \(identity.esID)", valid: checked.isValid, verdict: verdict(checked.isValid),
            facts: sealFacts(identity), checks: checks(checked.checks))
        return VerifyPage.Report(
            valid: checked.isValid, verdict: checked.isValid ? "验章通过：电子印章有效。" : "验章未通过：电子印章无效。",
            facts: [.init(label: "文件", value: file.filename), .init(label: "类型", value: "电子印章（SES_Seal）"),
                    .init(label: "SM3", value: Hex.encode((try? SM3.hash(file.bytes)) ?? [])),
                    .init(label: "验证时间", value: time(now))],
            signatures: [block], problems: [], warnings: checked.deviations.map { "偏差：\($0)" },
            hasWarnings: !checked.deviations.isEmpty)
    }

    /// A document's report (OFD or detached) as the page shows it.
    static func documentReport(_ report: DocumentVerificationReport) -> VerifyPage.Report {
        let valid = report.signatures.filter(\.isValid).count
        let verdict = report.isValid
            ? "验章通过：\(report.signatures.count) 个签章全部有效。"
            : "验章未通过：\(report.signatures.count) 个签章中 \(valid) 个有效。"
        let kind: String
        switch report.format {
        case .detached: kind = "分离签名（SES_Signature）"
        default: kind = report.format.rawValue.uppercased() + " 文件"
        }
        let signatures = report.signatures.map { signature -> VerifyPage.Signature in
            var facts: [VerifyPage.Field] = []
            if let seal = signature.seal { facts += sealFacts(seal) }
            facts.append(.init(label: "签章人", value: signature.signer ?? "—"))
            facts.append(.init(label: "签章时间", value: signature.signingTime.map(time) ?? "—"))
            if let version = signature.sesVersion { facts.append(.init(label: "SES 版本", value: version)) }
            for appearance in signature.appearances {
                facts.append(.init(
                    label: "印章位置", value: "第 \(appearance.page.map(String.init) ?? "?") 页：\(appearance.boundary) 毫米"))
            }
            if !signature.references.isEmpty {
                let changed = signature.references.filter { $0.status != .ok }
                facts.append(.init(
                    label: "保护的文件",
                    value: "\(signature.references.count) 个，\(signature.references.count - changed.count) 个未被改动"
                        + (changed.isEmpty ? "" : "；" + changed.map { "\($0.file)（\($0.status.rawValue)）" }.joined(separator: "、"))))
            }
            for file in signature.unprotected {
                facts.append(.init(
                    label: "未受保护", value: "\(file.file)（" + (file.reason == .addedAfterSigning ? "签章后加入" : "不在签章的引用中") + "）"))
            }
            return VerifyPage.Signature(
                heading: "签章 \(signature.id)（\(signature.location)）", valid: signature.isValid, verdict: Self.verdict(signature.isValid),
                facts: facts, checks: checks(signature.checks + (signature.ses?.checks ?? [])))
        }
        let warnings = report.warnings.map { warning in (warning.signatureID.map { "签章 \($0)：" } ?? "") + warning.message }
            + report.signatures.flatMap { signature in signature.deviations.map { "签章 \(signature.id) 偏差：\($0)" } }
        return VerifyPage.Report(
            valid: report.isValid, verdict: verdict,
            facts: [.init(label: "文件", value: report.document), .init(label: "类型", value: kind),
                    .init(label: "SM3", value: report.documentSM3), .init(label: "验证时间", value: time(report.evaluatedAt))],
            signatures: signatures, problems: report.problems, warnings: warnings, hasWarnings: !warnings.isEmpty)
    }

    private static func sealFacts(_ seal: SealIdentity) -> [VerifyPage.Field] {
        [.init(label: "印章名称", value: seal.name), .init(label: "电子印章编码", value: seal.esID),
         .init(label: "印章类型", value: String(seal.typeCode)), .init(label: "印章版本", value: seal.version),
         .init(label: "厂商标识", value: seal.vendorID)]
    }

    private static func checks(_ checks: [VerificationReport.Check]) -> [VerifyPage.Check] {
        checks.map { check in
            let status: String
            switch check.status {
            case .passed: status = "通过"
            case .failed: status = "未通过"
            case .skipped: status = "未检查"
            }
            return VerifyPage.Check(
                status: status, passed: check.status == .passed, failed: check.status == .failed,
                title: CheckTitles.title(check.id, fallback: check.title), detail: check.detail)
        }
    }

    private static func verdict(_ valid: Bool) -> String { valid ? "有效" : "无效" }

    /// A time to the second, as the pages show it.
    static func time(_ date: Date) -> String { ConsoleTime.second(date) }
}
