import SealRegistry

/// What the sign-in page shows: the form (姓名, 口令, and 角色 when the officer holds several), and why the last
/// attempt was refused.
struct SignInPage: Sendable {
    /// One choice of the role chooser.
    typealias RoleChoice = ConsoleChoice

    let title = "登录"
    let csrf: String
    var name = ""
    var error: String?
    var roles: [RoleChoice] = []
    /// Stored, not computed: Mustache reads stored properties only.
    var hasRoles = false

    init(csrf: String, name: String = "", error: String? = nil, roles: [OfficerRole] = [], chosen: OfficerRole? = nil) {
        self.csrf = csrf
        self.name = name
        self.error = error
        self.roles = roles.map { RoleChoice(value: $0.rawValue, label: $0.chineseName, selected: $0 == chosen) }
        self.hasRoles = !roles.isEmpty
    }
}
