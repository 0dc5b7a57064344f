import SealStation

extension Station {
    /// Officer names by id, for the rows that name officers.
    func officerNames() throws -> [Int64: String] {
        Dictionary(try officers().compactMap { officer in officer.id.map { ($0, officer.name) } }, uniquingKeysWith: { first, _ in first })
    }
}
