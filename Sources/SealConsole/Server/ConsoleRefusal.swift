import Hummingbird
import SealRegistry

/// Why the console refused a request before it reached the station: each with its HTTP status and the Chinese
/// sentence the page shows. A refused request changes nothing.
enum ConsoleRefusal: Error, Equatable {
    /// No live session: a page asks for sign-in, a form is refused.
    case signInRequired
    /// The form's CSRF token is missing or is not the session's.
    case csrfMismatch
    /// The page is for other roles.
    case roleRequired(allowed: [OfficerRole], held: OfficerRole)
    /// An act with the force of a seal was posted without the officer's passphrase typed again.
    case passphraseRequired
    /// A key passphrase or PIN the act needs is missing.
    case secretRequired(what: String)
    /// A field is missing or not what it must be.
    case invalidField(label: String, reason: String)
    /// A file the form needs was not sent.
    case fileRequired(label: String)
    /// The body is larger than allowed.
    case tooLarge(limit: Int)
    /// The multipart form has more parts than allowed.
    case tooManyParts(limit: Int)
    /// The body is not a form of this console.
    case notAForm
    /// The object named does not exist.
    case notFound(what: String)

    var status: HTTPResponse.Status {
        switch self {
        case .signInRequired: return .unauthorized
        case .csrfMismatch, .roleRequired: return .forbidden
        case .passphraseRequired, .secretRequired, .invalidField, .fileRequired, .tooManyParts, .notAForm: return .badRequest
        case .tooLarge: return .contentTooLarge
        case .notFound: return .notFound
        }
    }

    var sentence: String {
        switch self {
        case .signInRequired: return "会话已结束（超过 10 分钟未操作、登录超过 8 小时或已退出），未做任何更改。请重新登录。"
        case .csrfMismatch: return "表单已失效或不是本控制台发出的（CSRF 令牌不符），未做任何更改。请重新打开页面再提交。"
        case .roleRequired(let allowed, let held):
            return "此操作仅限\(allowed.map(\.chineseName).joined(separator: "、"))，您当前的角色是\(held.chineseName)，未做任何更改。"
        case .passphraseRequired: return "此操作具有印章效力，请在表单中再次输入您的登录口令以确认。未做任何更改。"
        case .secretRequired(let what): return "请填写\(what)。未做任何更改。"
        case .invalidField(let label, let reason): return "“\(label)”\(reason)。未做任何更改。"
        case .fileRequired(let label): return "请选择要上传的\(label)。未做任何更改。"
        case .tooLarge(let limit): return "提交的内容超过 \(Self.size(limit))，已拒绝，未做任何更改。"
        case .tooManyParts(let limit): return "提交的表单超过 \(limit) 个字段，已拒绝。"
        case .notAForm: return "提交的内容不是本控制台的表单。"
        case .notFound(let what): return "没有\(what)。"
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? "\(bytes / (1024 * 1024)) MiB" : "\(bytes / 1024) KiB"
    }
}
