public import Foundation
import GRDB
import SealAudit

/// The SM3 pins of the station's data (table `data_pin`, see ``DataPinRecord``).
extension StationDatabase {
    /// Every pin.
    public func dataPins() throws -> [DataPinRecord] {
        try read("read the data pins") { db in try DataPinRecord.fetchAll(db) }
    }

    /// The pin of `item`, nil when it is not pinned.
    public func dataPin(_ item: PinnedItem) throws -> DataPinRecord? {
        try read("read the data pins") { db in try DataPinRecord.fetchOne(db, key: item.rawValue) }
    }

    /// Replaces the pins with `files` (audited as `data.pin` by `officer`, naming every change) and returns the
    /// changes. With `onlyWhenUnpinned`, a registry that has pins already is left alone (returns nil); otherwise a
    /// set equal to the pins is refused (`invalidInput`), so nothing is recorded for nothing.
    @discardableResult
    public func pin(_ files: [StationDataFile], officer: String, reason: String, onlyWhenUnpinned: Bool = false, now: Date) throws -> [DataPinStatus]? {
        try write("pin the station's data") { db in
            let current = try DataPinRecord.fetchAll(db)
            if onlyWhenUnpinned {
                guard current.isEmpty else { return nil }
            } else {
                guard Dictionary(uniqueKeysWithValues: current.map { ($0.item, $0.sm3) }) != Dictionary(uniqueKeysWithValues: files.map { ($0.item, $0.sm3) })
                else {
                    throw RegistryError.invalidInput(
                        field: "templates pin", reason: "every template and the vendor profile file already match their pins")
                }
            }
            return try Self.pin(files, in: db, officer: officer, reason: reason, now: now)
        }
    }

    /// Replaces the pins with `files` and records a `data.pin` audit record naming every change, inside `db`'s
    /// transaction. Returns the changes.
    @discardableResult
    static func pin(_ files: [StationDataFile], in db: Database, officer: String, reason: String, now: Date) throws -> [DataPinStatus] {
        let old = Dictionary(uniqueKeysWithValues: try DataPinRecord.fetchAll(db).map { ($0.item, $0) })
        let new = Dictionary(uniqueKeysWithValues: files.map { ($0.item, $0) })
        var changes: [DataPinStatus] = []
        for item in Set(old.keys).union(new.keys).sorted() {
            switch (old[item], new[item]) {
            case (let pin?, nil):
                changes.append(DataPinStatus(item: item, state: .missing, path: pin.path, pinnedSM3: pin.sm3, currentSM3: nil))
            case (nil, let file?):
                changes.append(DataPinStatus(item: item, state: .unpinned, path: file.path, pinnedSM3: nil, currentSM3: file.sm3))
            case (let pin?, let file?) where pin.sm3 != file.sm3:
                changes.append(DataPinStatus(item: item, state: .changed, path: file.path, pinnedSM3: pin.sm3, currentSM3: file.sm3))
            default:
                break
            }
        }
        try DataPinRecord.deleteAll(db)
        for file in files {
            try DataPinRecord(item: file.item, sm3: file.sm3, path: file.path, pinnedAt: now, officer: officer).insert(db)
        }
        var details = ["reason": reason]
        for file in files { details[file.item.rawValue] = file.sm3 }
        for change in changes {
            details["\(change.state.rawValue) \(change.item.rawValue)"] = "\(change.pinnedSM3 ?? "-") → \(change.currentSM3 ?? "-")"
        }
        try AuditLog.append(db, officer: officer, action: .dataPin, object: .station, details: details, now: now)
        return changes
    }
}
