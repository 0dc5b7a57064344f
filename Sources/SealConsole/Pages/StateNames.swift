import SealRegistry

/// The Chinese words the pages use for the registry's states.
extension ApplicationState {
    var chineseName: String {
        switch self {
        case .applied: return "待审批"
        case .approved: return "已批准"
        case .rejected: return "已驳回"
        case .issued: return "已制作"
        }
    }
}

extension SealState {
    var chineseName: String {
        switch self {
        case .issued: return "有效"
        case .superseded: return "已变更"
        case .revoked: return "已注销"
        }
    }
}

extension UseRequestState {
    var chineseName: String {
        switch self {
        case .requested: return "待审批"
        case .approved: return "已批准"
        case .rejected: return "已驳回"
        case .exhausted: return "已用完"
        }
    }
}
