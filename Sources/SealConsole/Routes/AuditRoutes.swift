import Foundation
import Hummingbird
import SealAudit
import SealRegistry
import SealPKI
import SealStation

/// 审计: the audit log a page at a time (auditors and administrators), `audit verify` with its result (auditors), and
/// a signed checkpoint of the head (administrators, with the station passphrase).
extension ConsoleApplication {
    func addAuditRoutes(to router: Router<BasicRequestContext>) {
        router.get("/audit") { request, _ in try await auditPage(request, verification: nil) }
        router.post("/audit/verify") { request, _ in try await verifyAudit(request) }
        router.post("/audit/checkpoint") { request, _ in try await checkpoint(request) }
    }

    static let auditPageSize = 100

    private func auditPage(_ request: Request, verification: AuditVerification?) async throws -> Response {
        let signedIn = try await signedIn(request, roles: [.auditor, .administrator])
        let query = Self.query(request)
        let since = query.text("since").flatMap(Int64.init).map { max(1, $0) }
        let station = station, size = Self.auditPageSize
        let (records, count) = try await work.run { () throws -> ([AuditRecord], Int) in
            let count = try station.database.auditRecordCount()
            let start = since ?? Int64(max(1, count - size + 1))
            return (try station.auditRecords(since: start, limit: size), count)
        }
        let next = records.count == size ? records.last.map { "since=\($0.seq + 1)" } : nil
        var verdict = "", problems: [String] = []
        if let verification {
            verdict = verification.problems.isEmpty
                ? "审计日志完整：\(verification.records) 条记录的 SM3 链正确，\(verification.checkpoints) 个签名检查点验证通过（至第 \(verification.lastSeq) 条）。"
                : "审计日志已被改动：发现 \(verification.problems.count) 处问题。"
            problems = verification.problems.map(\.description)
        }
        let page = AuditPage(
            entries: records.map {
                .init(seq: String($0.seq), time: $0.time, officer: $0.officer, action: $0.action, object: $0.object, details: $0.details)
            },
            count: count, next: next, canVerify: signedIn.officer.role == .auditor, canCheckpoint: signedIn.officer.role == .administrator,
            verified: verification != nil, intact: verification?.problems.isEmpty ?? false, verdict: verdict, problems: problems)
        return self.page("audit", "审计", signedIn, path: "/audit", page, status: verification.map { $0.problems.isEmpty ? .ok : .conflict } ?? .ok)
    }

    private func verifyAudit(_ request: Request) async throws -> Response {
        let (signedIn, _) = try await posted(request, roles: [.auditor])
        _ = signedIn
        let station = station
        let verification = try await work.run { try station.verifyAudit() }
        return try await auditPage(request, verification: verification)
    }

    private func checkpoint(_ request: Request) async throws -> Response {
        let (signedIn, form) = try await posted(request, roles: [.administrator])
        let stationPassphrase = try Self.secret(form, "stationPassphrase", what: "站点口令（签署检查点）")
        let officer = try await confirmed(signedIn, form, to: "sign audit checkpoints")
        let station = station, now = now()
        _ = try await work.run {
            try station.signCheckpoints(by: officer.name, caKey: try station.ca.unlockKey(passphrase: stationPassphrase), reason: "console", now: now)
        }
        return Self.redirect("/audit")
    }
}
