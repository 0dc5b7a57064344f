import SealRegistry

/// The Chinese sentence the sign-in page shows for a refused sign-in.
enum SignInMessage {
    static func sentence(for error: any Error) -> String {
        if let refusal = error as? StationRefusal { return sentence(for: refusal.underlying) }
        guard let error = error as? RegistryError else { return "登录失败：控制台无法读取登记库，请联系系统管理员。" }
        switch error {
        case .officerNotFound(let name):
            return "没有名为“\(name)”的人员。"
        case .wrongPassphrase(_, let left):
            return "口令不正确。还可以再试 \(left) 次，连续 5 次错误后将被锁定。"
        case .officerLocked(let name):
            return "“\(name)”已因连续 5 次口令错误被锁定，不能登录；请系统管理员解锁。"
        case .officerDisabled(let name):
            return "“\(name)”已被停用，不能登录；请联系系统管理员。"
        case .roleNotAllowed(let officer, _, _, _):
            return "“\(officer)”不担任所选角色。"
        default:
            return "登录失败：" + ConsoleMessage.sentence(for: error)
        }
    }

    static let chooseRole = "此人员担任多个角色：请选择角色，并再次输入口令。"
    static let missingFields = "请填写姓名和口令。"
}
