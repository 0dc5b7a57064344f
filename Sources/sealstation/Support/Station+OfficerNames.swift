import SealStation
import SealViews

extension Station {
    /// Officer names by id, for the rows that name officers.
    func officerNames() throws -> [Int64: String] {
        OfficerNames.byID(try officers())
    }
}
