public import SealRegistry

/// The officer names the rows show in place of officer ids (applicant, decider, requester, approver, officer).
public enum OfficerNames {
    /// Names by officer id, from the registry's officer rows (an officer in two roles has a row, and an id, for each).
    public static func byID(_ officers: some Sequence<OfficerRecord>) -> [Int64: String] {
        Dictionary(officers.compactMap { officer in officer.id.map { ($0, officer.name) } }, uniquingKeysWith: { first, _ in first })
    }
}
