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
import SealViews

/// 用印: use requests (operators request, approvers approve with the passphrase again — the station has no rejection of
/// use requests, so there is no reject form) and 签章 with an approved use: any file gets its detached signature
/// (.ses), an OFD or a PDF is stamped. The one use gate of the station (``Station/sign(by:sealID:_:holderKey:signatureFile:now:)``,
/// ``Station/stamp(by:sealID:_:holderKey:output:now:)``) consumes the use; a refusal changes nothing.
extension ConsoleApplication {
    func addUseRoutes(to router: Router<BasicRequestContext>) {
        router.get("/uses") { request, _ in try await useList(request) }
        router.post("/uses") { request, _ in try await requestUse(request) }
        router.get("/uses/:id") { request, context in try await useDetail(request, context) }
        router.post("/uses/:id/approve") { request, context in try await approveUse(request, context) }
        router.post("/uses/:id/sign") { request, context in try await signUse(request, context) }
    }

    /// The most uses one request may ask for.
    static let useCountLimit = 1000
    /// Issued seals offered in the 用印申请 form at most.
    static let useSealChoices = 1000

    // MARK: - List and request

    private func useList(_ request: Request) async throws -> Response {
        let signedIn = try await signedIn(request)
        let chosen = Self.query(request)["state"].flatMap(UseRequestState.init(rawValue:))
        let canRequest = signedIn.officer.role == .operatorRole
        let station = station
        let (records, names, sealNames, issued) = try await work.run {
            () throws -> ([UseRequestRecord], [Int64: String], [Int64: String], [SealListEntry]) in
            let records = try station.useRequests(states: chosen.map { Set([$0]) } ?? Set(UseRequestState.allCases))
            var sealNames: [Int64: String] = [:]
            for record in records where sealNames[record.sealID] == nil { sealNames[record.sealID] = try station.seal(record.sealID).name }
            var query = SealQuery(limit: Self.useSealChoices)
            query.state = .issued
            return (records, OfficerNames.byID(try station.officers()), sealNames, canRequest ? try station.sealListEntries(query) : [])
        }
        let states = [UseListPage.Choice(value: "", label: "全部", selected: chosen == nil)]
            + UseRequestState.allCases.map { .init(value: $0.rawValue, label: $0.chineseName, selected: $0 == chosen) }
        let page = UseListPage(
            states: states,
            table: Workbench.useTable(records.sorted { ($0.id ?? 0) > ($1.id ?? 0) }, names, sealNames: sealNames, empty: "没有符合条件的用印申请。"),
            canRequest: canRequest,
            seals: issued.map { .init(value: String($0.id), label: "\($0.id) \($0.name)（\($0.unitName)）", selected: false) },
            hasSeals: !issued.isEmpty)
        return self.page("uses", signedIn.officer.role == .approver ? "用印审批" : "用印", signedIn, path: "/uses", page)
    }

    private func requestUse(_ request: Request) async throws -> Response {
        let (signedIn, form) = try await posted(request, roles: [.operatorRole])
        guard let sealText = form.text("seal"), let sealID = Int64(sealText), sealID > 0 else {
            throw ConsoleRefusal.invalidField(label: "印章", reason: "必须选择")
        }
        guard let reason = form.text("reason") else { throw ConsoleRefusal.invalidField(label: "用印事由", reason: "不能为空") }
        guard let count = Int(form.text("count") ?? "1"), (1...Self.useCountLimit).contains(count) else {
            throw ConsoleRefusal.invalidField(label: "用印次数", reason: "须为 1 到 \(Self.useCountLimit) 之间的整数")
        }
        let station = station, officer = signedIn.officer, now = now()
        let record = try await work.run { try station.requestUse(by: officer, sealID: sealID, reason: reason, count: count, now: now) }
        return Self.redirect("/uses/\(record.id!)")
    }

    // MARK: - One request

    private func useDetail(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let signedIn = try await signedIn(request)
        let id = try Self.id(context, what: "这个用印申请")
        let station = station
        let (record, seal, names, log, open) = try await work.run {
            () throws -> (UseRequestRecord, SealRecord, [Int64: String], [UseLogRecord], UseRequestRecord?) in
            let record = try station.useRequest(id)
            return (record, try station.seal(record.sealID), OfficerNames.byID(try station.officers()),
                    try station.useLog(sealID: record.sealID).filter { $0.useRequestID == id }, try station.database.openUse(sealID: record.sealID))
        }
        let row = UseRequestRow(record, officers: names)
        var fields: [UseDetailPage.Field] = [
            .init(label: "状态", value: record.state.chineseName),
            .init(label: "印章", value: "\(seal.id ?? 0) \(seal.name)"),
            .init(label: "单位名称", value: seal.unitName),
            .init(label: "电子印章编码", value: seal.esID),
            .init(label: "印章状态", value: seal.state.chineseName),
            .init(label: "用印事由", value: record.reason),
            .init(label: "批准次数", value: String(record.count)),
            .init(label: "已用次数", value: String(record.used)),
            .init(label: "申请人", value: row.requester),
            .init(label: "申请时间", value: Workbench.time(record.requestedAt)),
        ]
        if let decided = record.decidedAt {
            fields.append(.init(label: "审批人", value: row.approver ?? "—"))
            fields.append(.init(label: "审批时间", value: Workbench.time(decided)))
        }
        let role = signedIn.officer.role
        let uses = TableView(
            columns: ["编号", "用印时间", "用印人", "文件", "文件 SM3", "盖章位置"],
            rows: log.map { UseLogRow($0, officers: names) }.map { entry in
                .init(
                    id: String(entry.id), link: "/use-log?seal=\(entry.sealID)",
                    cells: [Workbench.time(entry.usedAt), entry.officer, entry.document, entry.documentSM3, entry.placement ?? "—"])
            },
            emptyText: "此申请尚未用印。")
        let usable = role == .operatorRole && record.state == .approved && record.used < record.count && seal.state == .issued
        // The station's use gate spends the seal's oldest approved request first: only that one's page offers 签章.
        let earlier = usable ? open.flatMap { $0.id == id ? nil : $0.id } : nil
        let page = UseDetailPage(
            id: String(id), fields: fields,
            canApprove: role == .approver && record.state == .requested,
            canSign: usable && earlier == nil, earlierRequest: earlier.map(String.init),
            onToken: seal.custody.isToken, tokenModule: tokens.modulePath, uses: uses)
        return self.page("use", "用印申请 \(id)", signedIn, path: "/uses", page)
    }

    private func approveUse(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (signedIn, form) = try await posted(request, roles: [.approver])
        let id = try Self.id(context, what: "这个用印申请")
        let officer = try await confirmed(signedIn, form, to: "approve use request \(id)")
        let station = station, now = now()
        _ = try await work.run { try station.approveUse(by: officer, requestID: id, now: now) }
        return Self.redirect("/uses/\(id)")
    }

    // MARK: - 签章

    private func signUse(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (signedIn, form) = try await posted(request, roles: [.operatorRole])
        let id = try Self.id(context, what: "这个用印申请")
        guard let document = form.files["document"] else { throw ConsoleRefusal.fileRequired(label: "文件") }
        let stampsOFD = document.filename.lowercased().hasSuffix(".ofd"), stampsPDF = document.filename.lowercased().hasSuffix(".pdf")
        let placement: StampPlacement? = try stampsOFD || stampsPDF ? StampPlacementForm.placement(form) : nil
        let station = station
        let (record, seal, open) = try await work.run { () throws -> (UseRequestRecord, SealRecord, UseRequestRecord?) in
            let record = try station.useRequest(id)
            return (record, try station.seal(record.sealID), try station.database.openUse(sealID: record.sealID))
        }
        guard record.state == .approved, record.used < record.count else {
            throw StationRefusal(underlying: RegistryError.noApprovedUse(sealID: record.sealID))
        }
        if let open, let openID = open.id, openID != id {
            throw ConsoleRefusal.invalidField(
                label: "用印申请", reason: "不是此印章当前用印的申请：本站按批准的先后用印，请先用完用印申请 \(openID)")
        }
        // The key's secret, for this request only: the token's PIN, or the holder key's passphrase.
        let tokenSelector = seal.custody.tokenSelector
        let secret = try tokenSelector == nil
            ? Self.secret(form, "holderPassphrase", what: "持有人密钥口令")
            : Self.secret(form, "tokenPIN", what: "介质的用户 PIN")
        let officer = try await confirmed(signedIn, form, to: "use seal \(record.sealID)")
        let tokens = tokens, sealID = record.sealID
        // SignatureDateTime and the SES timeInfo hold whole seconds: one instant for both.
        let signingTime = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
        let bytes = try await work.run { () throws -> [UInt8] in
            let holderKey: HolderKeySource
            if let tokenSelector {
                holderKey = .token(try tokens.openStore(tokenSelector, pin: secret, station: station))
            } else {
                holderKey = .passphrase(secret)
            }
            guard let placement else {
                let (signature, _) = try station.sign(
                    by: officer, sealID: sealID, try .document(document.bytes, name: document.filename), holderKey: holderKey, now: signingTime)
                return signature.derEncoded
            }
            let stamping: any DocumentStamping
            if stampsPDF {
                let limits = PDFLimits()
                stamping = try PDFStamping(
                    try PDFFile(document.bytes, name: document.filename, limits: limits), name: document.filename, seal: seal, placement: placement,
                    stationCA: station.ca.certificate, signingTime: signingTime, limits: limits)
            } else {
                let limits = OFDPackageLimits()
                let file = try OFDFile(try OFDPackage(data: Data(document.bytes), name: document.filename, limits: limits), limits: limits)
                let prepared = try OFDStamp.prepare(
                    file, seal: try ElectronicSeal(derEncoded: Array(seal.sealDER)), placement: placement, signingTime: signingTime, limits: limits)
                stamping = try OFDStamping(prepared, original: document.bytes, name: document.filename)
            }
            // The station writes the stamped document with the use log entry; the console hands it to the browser and keeps no copy.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealconsole-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: directory) }
            let (_, stamped, _) = try station.stamp(
                by: officer, sealID: sealID, stamping, holderKey: holderKey, output: directory.appendingPathComponent("stamped").path, now: signingTime)
            return stamped.bytes
        }
        let base = (document.filename as NSString).deletingPathExtension
        if stampsPDF { return Self.download(bytes, filename: "\(base)-已盖章.pdf", type: "application/pdf") }
        guard stampsOFD else {
            return Self.download(bytes, filename: document.filename + ".ses", type: "application/octet-stream")
        }
        return Self.download(bytes, filename: "\(base)-已盖章.ofd", type: "application/ofd")
    }
}
