import Foundation
import Hummingbird
import SealAudit
import SealCrypto
import SealPKI
import SealRegistry
import SealRender
import SealStation
import SealViews

/// 查询, the seal's page, 变更 (a new application naming the seal) and 注销 (approvers, with the passphrase again).
extension ConsoleApplication {
    func addSealRoutes(to router: Router<BasicRequestContext>) {
        router.get("/seals") { request, _ in try await sealList(request) }
        router.get("/seals/:id") { request, context in try await sealDetail(request, context) }
        router.get("/seals/:id/image.png") { request, context in try await sealImage(request, context) }
        router.get("/seals/:id/image.svg") { request, context in try await sealDrawing(request, context) }
        router.get("/seals/:id/seal.esl") { request, context in try await sealFile(request, context) }
        router.post("/seals/:id/revoke") { request, context in try await revoke(request, context) }
    }

    /// Seals per page of the list.
    static let sealPageSize = 50

    private func sealList(_ request: Request) async throws -> Response {
        let signedIn = try await signedIn(request)
        let form = Self.query(request)
        var query = SealQuery(limit: Self.sealPageSize + 1)
        query.name = form.text("name")
        query.creditCode = form.text("creditCode")?.uppercased()
        query.state = form.text("state").flatMap(SealState.init(rawValue:))
        if let since = form.text("since") {
            guard let date = Self.day(since) else { throw ConsoleRefusal.invalidField(label: "制作日期起", reason: "须为 年-月-日，例如 2026-01-31") }
            query.since = date
        }
        if let after = form.text("after") {
            guard let id = Int64(after), id >= 0 else { throw ConsoleRefusal.invalidField(label: "页", reason: "不是印章编号") }
            query.afterID = id
        }
        let station = station, search = query
        let found = try await work.run { try station.sealListEntries(search) }
        let seals = Array(found.prefix(Self.sealPageSize))
        var next: String?
        if found.count > Self.sealPageSize, let last = seals.last?.id {
            var components = URLComponents()
            components.queryItems = ["name", "creditCode", "state", "since"].compactMap { key in form.text(key).map { URLQueryItem(name: key, value: $0) } }
                + [URLQueryItem(name: "after", value: String(last))]
            next = components.percentEncodedQuery
        }
        let table = TableView(
            columns: ["编号", "电子印章编码", "印章名称", "单位", "统一社会信用代码", "状态", "有效期至", "制作时间"],
            rows: seals.map { seal in
                .init(
                    id: String(seal.id), link: "/seals/\(seal.id)",
                    cells: [seal.esID, seal.name, seal.unitName, seal.creditCode.value, seal.state.chineseName, Self.dayText(seal.validTo),
                            Workbench.time(seal.issuedAt)])
            },
            emptyText: "没有符合条件的印章。")
        let states = [SealListPage.StateChoice(value: "", label: "全部", selected: query.state == nil)]
            + SealState.allCases.map { .init(value: $0.rawValue, label: $0.chineseName, selected: $0 == query.state) }
        let page = SealListPage(
            name: form.text("name") ?? "", creditCode: form.text("creditCode") ?? "", since: form.text("since") ?? "", states: states,
            table: table, next: next)
        return self.page("seals", "查询", signedIn, path: "/seals", page)
    }

    private func sealDetail(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let signedIn = try await signedIn(request)
        let id = try Self.id(context, what: "这个印章")
        let station = station
        let (seal, history, uses, names) = try await work.run {
            () throws -> (SealRecord, [AuditRecord], [UseLogRecord], [Int64: String]) in
            (try station.seal(id), try station.auditRecords(about: .seal(id: id)), try station.useLog(sealID: id),
             OfficerNames.byID(try station.officers()))
        }
        var fields: [SealDetailPage.Field] = [
            .init(label: "状态", value: seal.state.chineseName),
            .init(label: "电子印章编码", value: seal.esID),
            .init(label: "印章名称", value: seal.name),
            .init(label: "单位名称", value: seal.unitName),
            .init(label: "统一社会信用代码", value: seal.creditCode.value),
            .init(label: "印章模板", value: seal.template),
            .init(label: "有效期", value: "\(Self.dayText(seal.validFrom)) 至 \(Self.dayText(seal.validTo))"),
            .init(label: "制作人", value: names[seal.issuedBy] ?? "—"),
            .init(label: "制作时间", value: Workbench.time(seal.issuedAt)),
            .init(label: "密钥保管", value: seal.custody.description),
            .init(label: "申请", value: String(seal.applicationID)),
        ]
        if let replaced = seal.replacesSealID { fields.append(.init(label: "替代的印章", value: String(replaced))) }
        if let revokedAt = seal.revokedAt {
            fields.append(.init(label: "注销时间", value: Workbench.time(revokedAt)))
            fields.append(.init(label: "注销原因", value: seal.revokeReason ?? "—"))
        }
        var certificate: [SealDetailPage.Field] = []
        if let holder = try? Certificate(derEncoded: Array(seal.holderCertificate)) {
            certificate = [
                .init(label: "主体", value: holder.subject.description),
                .init(label: "签发者", value: holder.issuer.description),
                .init(label: "序列号", value: Hex.encode(holder.serialNumber)),
                .init(label: "有效期", value: "\(Workbench.time(holder.notBefore)) 至 \(Workbench.time(holder.notAfter))"),
                .init(label: "SM3 指纹", value: Hex.encode(holder.fingerprint)),
            ]
        }
        let rows = uses.map { UseLogRow($0, officers: names) }
        let usesTable = TableView(
            columns: ["编号", "用印时间", "事由", "审批人", "用印人", "文件", "文件 SM3"],
            rows: rows.map { row in
                .init(id: String(row.id), link: "/use-log?seal=\(id)", cells: [Workbench.time(row.usedAt), row.reason, row.approver, row.officer, row.document, row.documentSM3])
            },
            emptyText: "此印章尚未使用。")
        let role = signedIn.officer.role
        let page = SealDetailPage(
            id: String(id), fields: fields, certificate: certificate,
            history: history.map {
                .init(seq: String($0.seq), time: $0.time, officer: $0.officer, action: $0.action, details: $0.details)
            },
            uses: usesTable,
            canChange: role == .operatorRole && seal.state == .issued,
            canRevoke: role == .approver && seal.state != .revoked,
            reasons: Station.acceptedCRLReasons.map {
                .init(value: String($0.rawValue), label: "\($0.chineseName)（\($0.name)）", selected: $0 == .cessationOfOperation)
            })
        return self.page("seal", "印章 \(id)：\(seal.name)", signedIn, path: "/seals", page)
    }

    private func sealImage(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try await signedIn(request)
        let id = try Self.id(context, what: "这个印章")
        let station = station
        let seal = try await work.run { try station.seal(id) }
        return Self.inline(Array(seal.imagePNG), type: "image/png")
    }

    /// The seal drawn again from its application, in millimetres: the same layout as its PNG, at true size.
    private func sealDrawing(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try await signedIn(request)
        let id = try Self.id(context, what: "这个印章")
        let station = station
        let svg = try await work.run { try station.preview(of: try station.application(try station.seal(id).applicationID), format: .svg) }
        return Self.inline(svg, type: "image/svg+xml")
    }

    private func sealFile(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try await signedIn(request)
        let id = try Self.id(context, what: "这个印章")
        let station = station
        let seal = try await work.run { try station.seal(id) }
        return Self.download(Array(seal.sealDER), filename: "\(seal.esID).esl", type: "application/octet-stream")
    }

    // MARK: - 注销

    private func revoke(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (signedIn, form) = try await posted(request, roles: [.approver])
        let id = try Self.id(context, what: "这个印章")
        guard let reason = form.text("reason") else { throw ConsoleRefusal.invalidField(label: "注销原因", reason: "不能为空") }
        let crlReason: CRLReason
        if let text = form.text("crlReason") {
            guard let value = Int(text), let parsed = CRLReason(rawValue: value), Station.acceptedCRLReasons.contains(parsed) else {
                throw ConsoleRefusal.invalidField(label: "吊销原因", reason: "不是可选的原因")
            }
            crlReason = parsed
        } else {
            crlReason = .cessationOfOperation
        }
        let officer = try await confirmed(signedIn, form, to: "revoke seal \(id)")
        let station = station, now = now()
        _ = try await work.run { try station.revoke(by: officer, sealID: id, reason: reason, crlReason: crlReason, now: now) }
        return Self.redirect("/seals/\(id)")
    }

    // MARK: - Dates

    /// `yyyy-MM-dd` as the start of that day (the station's time zone).
    static func day(_ text: String) -> Date? { ConsoleTime.day(parsing: text) }

    static func dayText(_ date: Date) -> String { ConsoleTime.day(date) }
}
