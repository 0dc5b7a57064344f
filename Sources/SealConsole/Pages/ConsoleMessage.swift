import Hummingbird
import SealPKI
import SealRegistry

/// The Chinese sentence and HTTP status the console shows for an error the station raised: the same refusal as the
/// command line, in the officers' words. Errors of other modules keep their own sentence (which names the problem)
/// after a Chinese lead.
enum ConsoleMessage {
    static func sentence(for error: any Error) -> String {
        if let refusal = error as? ConsoleRefusal { return refusal.sentence }
        if let refusal = error as? StationRefusal { return sentence(for: refusal.underlying) }
        if let error = error as? IdentifierError { return "填写有误：" + identifier(error) + "。未做任何更改。" }
        guard let error = error as? RegistryError else {
            return "操作被拒绝，未做任何更改：\(String(describing: error))"
        }
        switch error {
        case .officerNotFound(let name): return "没有名为“\(name)”的人员。"
        case .wrongPassphrase(_, let left): return "口令不正确，未做任何更改。还可以再试 \(left) 次，连续 5 次错误后将被锁定。"
        case .officerLocked(let name): return "“\(name)”已因连续 5 次口令错误被锁定；请系统管理员解锁。"
        case .officerDisabled(let name): return "“\(name)”已被停用；请联系系统管理员。"
        case .roleNotAllowed(let officer, _, _, _): return "“\(officer)”当前的角色不能进行此操作（\(error)）。"
        case .selfApproval(let officer): return "“\(officer)”是此申请的申请人，不能自己审批（第八条：申请与审批须由不同人员办理）。"
        case .applicationNotFound(let id): return "没有编号为 \(id) 的印章申请。"
        case .sealNotFound(let id): return "没有编号为 \(id) 的印章。"
        case .useRequestNotFound(let id): return "没有编号为 \(id) 的用印申请。"
        case .invalidTransition(let object, let from, let action):
            return "状态不允许此操作：\(object) 当前为 \(from)，不能 \(action)。未做任何更改。"
        case .noApprovedUse(let id): return "印章 \(id) 没有已批准且尚有剩余次数的用印申请（第八条：用印须经审批）。"
        case .useCountExhausted(let id, let approved, let used):
            return "用印申请 \(id) 批准 \(approved) 次，已用 \(used) 次，没有剩余次数。"
        case .invalidInput(let field, let reason): return "填写有误：\(field)：\(reason)。未做任何更改。"
        case .pinnedDataChanged: return "印章模板或厂商配置与本站固定的版本不符，拒绝使用：\(error)"
        default: return "操作被拒绝，未做任何更改：\(error)"
        }
    }

    /// What is wrong with a 统一社会信用代码 or 公民身份号码, in Chinese.
    static func identifier(_ error: IdentifierError) -> String {
        switch error {
        case .wrongLength(let kind, let length, let expected): return "\(kind)为 \(length) 位，应为 \(expected) 位"
        case .invalidCharacter(let kind, let position, let character, _): return "\(kind)第 \(position) 位“\(character)”不是允许的字符"
        case .wrongCheckCharacter(let kind, let found, let expected): return "\(kind)的校验码为“\(found)”，按国家标准应为“\(expected)”"
        case .invalidBirthDate(let kind, let digits): return "\(kind)中的出生日期 \(digits) 不存在"
        }
    }

    static func status(for error: any Error) -> HTTPResponse.Status {
        if let refusal = error as? ConsoleRefusal { return refusal.status }
        if let refusal = error as? StationRefusal { return status(for: refusal.underlying) }
        guard let error = error as? RegistryError else { return .unprocessableContent }
        switch error {
        case .wrongPassphrase, .officerLocked, .officerDisabled: return .unauthorized
        case .roleNotAllowed, .selfApproval, .conflictingRoles: return .forbidden
        case .applicationNotFound, .sealNotFound, .useRequestNotFound, .officerNotFound: return .notFound
        case .invalidTransition, .noApprovedUse, .useCountExhausted: return .conflict
        case .database, .damagedValue, .schemaNewer, .stationNotFound: return .internalServerError
        default: return .unprocessableContent
        }
    }
}
