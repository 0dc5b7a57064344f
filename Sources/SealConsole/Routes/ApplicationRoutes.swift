import Foundation
import Hummingbird
import SealCrypto
import SealPKI
import SealRegistry
import SealRender
import SealStation
import SealToken
import SealViews

/// 申请, 审批 and 制作: the application form with its live preview, the list and detail of applications, the
/// approver's decision and the operator's issue, each refused as the command line refuses it.
extension ConsoleApplication {
    func addApplicationRoutes(to router: Router<BasicRequestContext>) {
        router.get("/applications/new") { request, _ in try await applicationForm(request) }
        router.post("/applications") { request, _ in try await apply(request) }
        router.get("/applications") { request, _ in try await applicationList(request) }
        router.get("/applications/:id") { request, context in try await applicationDetail(request, context) }
        router.get("/applications/:id/preview.svg") { request, context in try await applicationPreview(request, context) }
        router.get("/applications/:id/attachments/:index") { request, context in try await attachment(request, context) }
        router.post("/applications/:id/approve") { request, context in try await decide(request, context, approve: true) }
        router.post("/applications/:id/reject") { request, context in try await decide(request, context, approve: false) }
        router.post("/applications/:id/issue") { request, context in try await issue(request, context) }
        router.get("/preview.svg") { request, _ in try await preview(request) }
        router.get("/check/credit-code") { request, _ in try await checkCreditCode(request) }
    }

    /// Attachments per application at most.
    static let attachmentLimit = 8

    // MARK: - 申请

    private func applicationForm(_ request: Request) async throws -> Response {
        let signedIn = try await signedIn(request, roles: [.operatorRole])
        let query = Self.query(request)
        var prefill = ApplicationRecordFields()
        var replaced: SealRecord?
        if let text = query["replaces"] {
            guard let id = Int64(text), id > 0 else { throw ConsoleRefusal.notFound(what: "编号为 \(text) 的印章") }
            let station = station
            let (seal, application) = try await work.run { () throws -> (SealRecord, ApplicationRecord) in
                let seal = try station.seal(id)
                return (seal, try station.application(seal.applicationID))
            }
            guard seal.state == .issued else {
                throw StationRefusal(underlying: RegistryError.invalidTransition(object: "seal \(id)", from: seal.state.rawValue, action: "changed"))
            }
            replaced = seal
            prefill = ApplicationRecordFields(application)
        }
        let templates = station.templates.templates.map {
            ApplicationFormPage.Choice(value: $0.id, label: "\($0.title)（\($0.id)）", selected: $0.id == prefill.template)
        }
        let page = ApplicationFormPage(
            templates: templates, unitName: prefill.unitName, creditCode: prefill.creditCode, useName: prefill.useName,
            holderName: prefill.holderName, physicalCode: prefill.physicalCode, reason: replaced == nil ? "" : "印章变更",
            replacesID: replaced?.id.map(String.init), replacesName: replaced?.name,
            previewQuery: prefill.previewQuery(template: prefill.template.isEmpty ? station.templates.templates.first?.id ?? "" : prefill.template))
        return self.page("application-new", replaced == nil ? "申请" : "变更申请", signedIn, path: "/applications/new", page)
    }

    private func apply(_ request: Request) async throws -> Response {
        let (signedIn, form) = try await posted(request, roles: [.operatorRole])
        guard let unitName = form.text("unitName") else { throw ConsoleRefusal.invalidField(label: "单位名称", reason: "不能为空") }
        guard let creditCode = form.text("creditCode") else { throw ConsoleRefusal.invalidField(label: "统一社会信用代码", reason: "不能为空") }
        guard let template = form.text("template") else { throw ConsoleRefusal.invalidField(label: "印章模板", reason: "必须选择") }
        guard let reason = form.text("reason") else { throw ConsoleRefusal.invalidField(label: "事由", reason: "不能为空") }
        let replaces = try form.text("replaces").map { text in
            guard let id = Int64(text), id > 0 else { throw ConsoleRefusal.invalidField(label: "被变更的印章", reason: "不是印章编号") }
            return id
        }
        let files = form.files.sorted { $0.key < $1.key }.map(\.value)
        guard files.count <= Self.attachmentLimit else {
            throw ConsoleRefusal.invalidField(label: "附件", reason: "最多 \(Self.attachmentLimit) 个")
        }
        let application = SealApplication(
            unitName: unitName, creditCode: creditCode.uppercased(), template: template, useName: form.text("useName"),
            holderName: form.text("holderName"), holderIDNumber: form.text("holderIDNumber")?.uppercased(),
            physicalCode: form.text("physicalCode"), reason: reason,
            attachments: files.map { (name: $0.filename, content: $0.bytes) }, replacesSealID: replaces)
        let station = station, officer = signedIn.officer, now = now()
        let record = try await work.run { () throws -> ApplicationRecord in
            if let replaces {
                let seal = try station.seal(replaces)
                guard seal.state == .issued else {
                    throw RegistryError.invalidTransition(object: "seal \(replaces)", from: seal.state.rawValue, action: "changed")
                }
            }
            return try station.apply(by: officer, application, now: now)
        }
        return Self.redirect("/applications/\(record.id!)")
    }

    // MARK: - Lists and detail

    private func applicationList(_ request: Request) async throws -> Response {
        let signedIn = try await signedIn(request)
        let chosen = Self.query(request)["state"].flatMap(ApplicationState.init(rawValue:))
        let station = station
        let (records, names) = try await work.run { (try station.applications(state: chosen), OfficerNames.byID(try station.officers())) }
        let states = [ApplicationListPage.StateChoice(value: "", label: "全部", selected: chosen == nil)]
            + ApplicationState.allCases.map { .init(value: $0.rawValue, label: $0.chineseName, selected: $0 == chosen) }
        let page = ApplicationListPage(states: states, table: Workbench.applicationTable(records, names, empty: "没有符合条件的印章申请。"))
        let title = signedIn.officer.role == .approver ? "审批" : "印章申请"
        return self.page("applications", title, signedIn, path: "/applications", page)
    }

    private func applicationDetail(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let signedIn = try await signedIn(request)
        let id = try Self.id(context, what: "这个印章申请")
        let station = station
        let (record, attachments, names, replaced) = try await work.run {
            () throws -> (ApplicationRecord, [AttachmentSummary], [Int64: String], SealRecord?) in
            let record = try station.application(id)
            return (record, try station.attachments(ofApplication: id), OfficerNames.byID(try station.officers()),
                    try record.replacesSealID.map { try station.seal($0) })
        }
        let row = ApplicationRow(record, officers: names)
        var fields: [ApplicationDetailPage.Field] = [
            .init(label: "状态", value: record.state.chineseName),
            .init(label: "单位名称", value: record.unitName),
            .init(label: "统一社会信用代码", value: record.creditCode.value),
            .init(label: "印章模板", value: record.template),
            .init(label: "印章名称（用途）", value: record.useName ?? "—"),
        ]
        if let holder = record.holderName { fields.append(.init(label: "持有人", value: holder)) }
        if let number = record.holderIDNumber { fields.append(.init(label: "公民身份号码", value: String(number.value.prefix(6)) + "********" + String(number.value.suffix(4)))) }
        fields += [
            .init(label: "印章编码", value: record.physicalCode ?? "—"),
            .init(label: "事由", value: record.reason),
            .init(label: "申请人", value: row.applicant ?? "—"),
            .init(label: "申请时间", value: Workbench.time(record.createdAt)),
        ]
        if let replaced { fields.append(.init(label: "变更的印章", value: "\(replaced.id ?? 0) \(replaced.name)")) }
        if let decided = record.decidedAt {
            fields.append(.init(label: "审批人", value: record.deciderID.flatMap { names[$0] } ?? "—"))
            fields.append(.init(label: "审批时间", value: Workbench.time(decided)))
            fields.append(.init(label: "审批意见", value: record.decisionNote ?? "—"))
        }
        let role = signedIn.officer.role
        let page = ApplicationDetailPage(
            id: String(id), fields: fields,
            attachments: attachments.enumerated().map { index, attachment in
                .init(name: attachment.name, sm3: attachment.sm3, size: "\(attachment.bytes) 字节", link: "/applications/\(id)/attachments/\(index)")
            },
            hasAttachments: !attachments.isEmpty,
            canDecide: role == .approver && record.state == .applied,
            canIssue: role == .operatorRole && record.state == .approved,
            makerOnToken: (try? station.makerCustody) != nil, tokenModule: tokens.modulePath)
        return self.page("application", "印章申请 \(id)", signedIn, path: "/applications", page)
    }

    private func applicationPreview(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try await signedIn(request)
        let id = try Self.id(context, what: "这个印章申请")
        let station = station
        let svg = try await work.run { try station.preview(of: try station.application(id), format: .svg) }
        return Self.inline(svg, type: "image/svg+xml")
    }

    private func attachment(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        _ = try await signedIn(request)
        let id = try Self.id(context, what: "这个印章申请")
        guard let index = context.parameters.get("index", as: Int.self), (0..<Self.attachmentLimit).contains(index) else {
            throw ConsoleRefusal.notFound(what: "这个附件")
        }
        let station = station
        guard let record = try await work.run({ try station.attachment(ofApplication: id, index: index) }) else {
            throw ConsoleRefusal.notFound(what: "这个附件")
        }
        return Self.download(Array(record.content), filename: record.name, type: "application/octet-stream")
    }

    /// The preview of the form's fields as they are typed (the page's script sets the image's query).
    private func preview(_ request: Request) async throws -> Response {
        _ = try await signedIn(request)
        let query = Self.query(request)
        guard let template = query.text("template") else { throw ConsoleRefusal.invalidField(label: "印章模板", reason: "必须选择") }
        let unitName = query.text("unitName") ?? "单位名称"
        let station = station
        let svg = try await work.run {
            try station.preview(
                template: template, unitName: unitName, useName: query.text("useName"), holderName: query.text("holderName"),
                code: query.text("physicalCode"), format: .svg)
        }
        return Self.inline(svg, type: "image/svg+xml")
    }

    /// The 统一社会信用代码 check as it is typed: `{"valid": …, "message": …}`.
    private func checkCreditCode(_ request: Request) async throws -> Response {
        _ = try await signedIn(request)
        let value = (Self.query(request)["value"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let message: String, valid: Bool
        do {
            _ = try UnifiedSocialCreditCode(value)
            (valid, message) = (true, "统一社会信用代码校验通过。")
        } catch let error as IdentifierError {
            (valid, message) = (false, ConsoleMessage.identifier(error) + "。")
        }
        let body = try JSONSerialization.data(withJSONObject: ["valid": valid, "message": message])
        return Self.inline(Array(body), type: "application/json; charset=utf-8")
    }

    // MARK: - 审批

    private func decide(_ request: Request, _ context: BasicRequestContext, approve: Bool) async throws -> Response {
        let (signedIn, form) = try await posted(request, roles: [.approver])
        let id = try Self.id(context, what: "这个印章申请")
        let note = form.text("note")
        let officer: OfficerRecord
        if approve {
            officer = try await confirmed(signedIn, form, to: "approve application \(id)")
        } else {
            guard note != nil else { throw ConsoleRefusal.invalidField(label: "驳回理由", reason: "不能为空") }
            officer = signedIn.officer
        }
        let station = station, now = now()
        _ = try await work.run {
            approve
                ? try station.approve(by: officer, applicationID: id, note: note, now: now)
                : try station.reject(by: officer, applicationID: id, note: note, now: now)
        }
        return Self.redirect("/applications/\(id)")
    }

    // MARK: - 制作

    private func issue(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (signedIn, form) = try await posted(request, roles: [.operatorRole])
        let id = try Self.id(context, what: "这个印章申请")
        let stationPassphrase = try Self.secret(form, "stationPassphrase", what: "站点口令（解锁本站 CA 和制章者密钥）")
        enum Target { case station, directory(URL), token(String) }
        let target: Target
        switch form["custody"] ?? "station" {
        case "station": target = .station
        case "file":
            guard let path = form.text("directory"), path.hasPrefix("/") else {
                throw ConsoleRefusal.invalidField(label: "保存目录", reason: "须为本机上的绝对路径（例如 /media/holder）")
            }
            target = .directory(URL(fileURLWithPath: path))
        case "token":
            guard let label = form.text("tokenLabel") else { throw ConsoleRefusal.invalidField(label: "介质标签", reason: "不能为空") }
            target = .token(label)
        default: throw ConsoleRefusal.invalidField(label: "密钥保管", reason: "须为本站、目录或介质")
        }
        var holderPassphrase: SecretBytes?
        var tokenPIN: SecretBytes?
        if case .token = target {
            tokenPIN = try Self.secret(form, "tokenPIN", what: "介质的用户 PIN")
        } else {
            let first = try Self.secret(form, "holderPassphrase", what: "持有人密钥口令")
            guard form["holderPassphrase"] == form["holderPassphraseAgain"] else {
                throw ConsoleRefusal.invalidField(label: "再次输入持有人密钥口令", reason: "与第一次输入不一致")
            }
            guard KeyPassphraseRule.accepts(form["holderPassphrase"] ?? "") else {
                throw ConsoleRefusal.invalidField(label: "持有人密钥口令", reason: "至少需要 \(KeyPassphraseRule.minimumCharacters) 个字符")
            }
            holderPassphrase = first
        }
        let makerPIN = form["makerPIN"].flatMap { $0.isEmpty ? nil : SecretBytes(utf8: $0) }
        let officer = try await confirmed(signedIn, form, to: "issue application \(id)")
        let station = station, tokens = tokens, now = now(), keyEncryption = keyEncryption
        let (holderSecret, pin) = (holderPassphrase, tokenPIN)
        let seal = try await work.run { () throws -> SealRecord in
            let custody: HolderCustody
            switch target {
            case .station: custody = .stationFiles
            case .directory(let url): custody = .directory(url)
            case .token(let label): custody = .token(try tokens.openStore(label, pin: pin!, station: station))
            }
            var makerToken: TokenKeyStore?
            if let selector = try station.makerCustody?.tokenSelector {
                guard let makerPIN else { throw ConsoleRefusal.secretRequired(what: "制章者介质的用户 PIN") }
                makerToken = try tokens.openStore(selector, pin: makerPIN, station: station)
            }
            return try station.issue(
                by: officer, applicationID: id, stationPassphrase: stationPassphrase, holderPassphrase: holderSecret,
                custody: custody, makerToken: makerToken, keyEncryption: keyEncryption, now: now)
        }
        return Self.redirect("/seals/\(seal.id!)")
    }
}

/// The fields of an application as the 申请 form shows them (empty for a new one, copied for 变更).
struct ApplicationRecordFields {
    var unitName = "", creditCode = "", template = "", useName = "", holderName = "", physicalCode = ""

    init() {}

    init(_ record: ApplicationRecord) {
        unitName = record.unitName
        creditCode = record.creditCode.value
        template = record.template
        useName = record.useName ?? ""
        holderName = record.holderName ?? ""
        physicalCode = record.physicalCode ?? ""
    }

    func previewQuery(template: String) -> String {
        var components = URLComponents()
        components.queryItems = [
            URLQueryItem(name: "template", value: template), URLQueryItem(name: "unitName", value: unitName.isEmpty ? "单位名称" : unitName),
            URLQueryItem(name: "useName", value: useName), URLQueryItem(name: "holderName", value: holderName),
            URLQueryItem(name: "physicalCode", value: physicalCode),
        ]
        return components.percentEncodedQuery ?? ""
    }
}
