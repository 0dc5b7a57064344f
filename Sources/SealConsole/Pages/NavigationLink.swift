import Mustache
import SealRegistry

/// One link of the header's navigation; the links follow the officer's role, with the rules' words.
struct NavigationLink: Sendable {
    let href: String
    let label: String
    let current: Bool

    /// The links an officer in `role` sees, `path` marked as the current page.
    static func links(for role: OfficerRole, current path: String) -> [NavigationLink] {
        var items: [(String, String)] = [("/workbench", "工作台")]
        switch role {
        case .operatorRole:
            items += [("/applications/new", "申请"), ("/applications", "申请记录"), ("/seals", "查询"), ("/uses", "用印"),
                      ("/verify", "验章"), ("/use-log", "用印日志"), ("/filing", "备案")]
        case .approver:
            items += [("/applications", "审批"), ("/seals", "查询"), ("/uses", "用印审批"), ("/verify", "验章"), ("/use-log", "用印日志")]
        case .auditor:
            items += [("/seals", "查询"), ("/use-log", "用印日志"), ("/audit", "审计"), ("/verify", "验章")]
        case .administrator:
            items += [("/seals", "查询"), ("/backup", "备份"), ("/audit", "审计"), ("/verify", "验章")]
        }
        return items.map { NavigationLink(href: $0.0, label: $0.1, current: $0.0 == path) }
    }
}

extension NavigationLink: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "label": label
        case "current": current
        default: nil
        }
    }
}
