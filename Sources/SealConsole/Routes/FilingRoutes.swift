import Foundation
import Hummingbird
import SealBundle
import SealBundleRender
import SealCrypto
import SealRegistry
import SealPKI
import SealStation
import SealToken

/// 备案: an export of the filing bundle run as a job — written all or nothing into the station's `exports/`, then
/// verified again seal by seal against the station CA, with progress — and its bundle, filing sheet and QR manifest
/// offered for download. 备份 for administrators, as a job too.
extension ConsoleApplication {
    func addFilingRoutes(to router: Router<BasicRequestContext>) {
        router.get("/filing") { request, _ in try await filingPage(request) }
        router.post("/filing/export") { request, _ in try await export(request) }
        router.get("/backup") { request, _ in try await backupPage(request) }
        router.post("/backup") { request, _ in try await backup(request) }
    }

    private func filingPage(_ request: Request) async throws -> Response {
        let signedIn = try await signedIn(request, roles: [.operatorRole, .administrator, .auditor])
        let station = station
        let exports = try await work.run { try station.exports() }
        let table = TableView(
            columns: ["序号", "导出时间", "导出人", "印章", "用印", "文件", "SM3"],
            rows: exports.reversed().map { export in
                .init(id: String(export.sequence), link: "/filing", cells: [
                    Workbench.time(export.createdAt), export.officer, String(export.seals), String(export.uses), export.fileName, export.sm3,
                ])
            },
            emptyText: "尚未导出备案包。")
        let page = FilingPage(
            table: table, makerOnToken: (try? station.makerCustody) != nil,
            directory: station.directory.appendingPathComponent("exports").path)
        return self.page("filing", "备案", signedIn, path: "/filing", page)
    }

    private func export(_ request: Request) async throws -> Response {
        let (signedIn, form) = try await posted(request, roles: [.operatorRole])
        let stationPassphrase = try Self.secret(form, "stationPassphrase", what: "站点口令（签署备案包）")
        let makerPIN = form["makerPIN"].flatMap { $0.isEmpty ? nil : SecretBytes(utf8: $0) }
        let officer = try await confirmed(signedIn, form, to: "export filing bundles")
        let directory = try stationSubdirectory("exports")
        let station = station, tokens = tokens, now = now()
        let id = try await jobs.start(title: "导出备案包", ownerID: officer.id!, phase: "正在生成备案包、备案表和二维码清单…", now: now, work: work) { progress in
            var makerToken: TokenKeyStore?
            if let selector = try station.makerCustody?.tokenSelector {
                guard let makerPIN else { throw ConsoleRefusal.secretRequired(what: "制章者介质的用户 PIN") }
                makerToken = try tokens.openStore(selector, pin: makerPIN, station: station)
            }
            let export = try station.exportBundle(by: officer, to: directory, stationPassphrase: stationPassphrase, makerToken: makerToken, now: now)
            // What the courier carries is checked as an importer will check it, seal by seal.
            progress.report(phase: "正在校验备案包", done: 0, total: export.seals)
            let verifier = BundleVerifier(
                anchor: station.ca.certificate, imageCheck: RedrawImageCheck(templates: station.templates),
                progress: { done, total in progress.report(phase: "正在校验备案包", done: done, total: total) })
            let outcome = verifier.verify(URL(fileURLWithPath: export.path))
            guard outcome.report.isValid else {
                throw ConsoleRefusal.invalidField(label: "备案包 \(export.path)", reason: "写出后校验未通过：\(outcome.report.firstFailure ?? "")")
            }
            var summary = [
                "序号 \(export.sequence)，\(export.seals) 枚印章、\(export.uses) 次用印、\(export.revocations) 次注销，\(export.bytes) 字节。",
                "SM3：\(export.sm3)",
                "已按导入方式重新校验：签名、清单和每枚印章均通过（锚定本站 CA）。",
                "文件保存在 \(directory.path)。",
            ]
            if export.remaining > 0 { summary.append("尚有 \(export.remaining) 条审计记录超出单包上限，请再导出一次。") }
            let file = { (path: String, type: String) in ConsoleJob.File(name: (path as NSString).lastPathComponent, type: type, path: path) }
            return (summary, [
                file(export.path, "application/zip"), file(export.sheetPath, "application/pdf"), file(export.qrPNGPath, "image/png"),
                file(export.qrSVGPath, "image/svg+xml"), file(export.manifestPath, "application/octet-stream"),
            ])
        }
        return Self.redirect("/jobs/\(id)")
    }

    // MARK: - 备份

    private func backupPage(_ request: Request) async throws -> Response {
        let signedIn = try await signedIn(request, roles: [.administrator])
        return page("backup", "备份", signedIn, path: "/backup", BackupPage(directory: station.directory.appendingPathComponent("backups").path))
    }

    private func backup(_ request: Request) async throws -> Response {
        let (signedIn, form) = try await posted(request, roles: [.administrator])
        let stationPassphrase = try Self.secret(form, "stationPassphrase", what: "站点口令（签署备份清单）")
        let source: BackupKeySource
        let shared: Bool
        if form["keySource"] == "shares" {
            guard let k = form.text("threshold").flatMap(Int.init), let n = form.text("count").flatMap(Int.init), k >= 2, k <= n, n <= 255 else {
                throw ConsoleRefusal.invalidField(label: "分存份数", reason: "须满足 2 ≤ 门限 ≤ 份数 ≤ 255")
            }
            source = .shares(threshold: k, count: n)
            shared = true
        } else {
            let passphrase = try Self.secret(form, "backupPassphrase", what: "备份口令")
            guard form["backupPassphrase"] == form["backupPassphraseAgain"] else {
                throw ConsoleRefusal.invalidField(label: "再次输入备份口令", reason: "与第一次输入不一致")
            }
            guard KeyPassphraseRule.accepts(form["backupPassphrase"] ?? "") else {
                throw ConsoleRefusal.invalidField(label: "备份口令", reason: "至少需要 \(KeyPassphraseRule.minimumCharacters) 个字符")
            }
            source = .passphrase(passphrase, .backup)
            shared = false
        }
        let officer = try await confirmed(signedIn, form, to: "make backups")
        let root = try stationSubdirectory("backups")
        let station = station, now = now()
        let stamp = Self.fileStamp(now)
        let id = try await jobs.start(title: "备份", ownerID: officer.id!, phase: "正在备份登记库和本站文件…", now: now, work: work) { _ in
            let caKey = try station.ca.unlockKey(passphrase: stationPassphrase)
            let path = root.appendingPathComponent("station-\(stamp).backup").path
            let shareDirectory = shared ? root.appendingPathComponent("shares-\(stamp)").path : nil
            let made = try station.backup(by: officer, to: path, caKey: caKey, keySource: source, shareDirectory: shareDirectory, now: now)
            let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
            var summary = ["备份文件 \(path)，\(size) 字节，AES-256-GCM 加密，清单由本站 CA 签名。"]
            if shared {
                summary.append("密钥已分为 \(made.shares.count) 份（见下方文件），请分别交给不同的保管人；任意门限份数即可恢复。")
            }
            let files = [ConsoleJob.File(name: (path as NSString).lastPathComponent, type: "application/octet-stream", path: path)]
                + made.shareFiles.map {
                    ConsoleJob.File(name: ($0 as NSString).lastPathComponent, type: $0.hasSuffix(".png") ? "image/png" : "text/plain; charset=utf-8", path: $0)
                }
            return (summary, files)
        }
        return Self.redirect("/jobs/\(id)")
    }

    static func fileStamp(_ date: Date) -> String { ConsoleTime.fileStamp(date) }
}
