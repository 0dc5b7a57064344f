public import Foundation
import SealAudit
import SealCrypto
public import SealRegistry
import SealRender
import SealToken

/// Pinned data: `init` records the SM3 of every seal template and of the vendor profile file; the station draws only
/// with templates that still hash to their pin and reaches tokens only through the pinned vendor profiles. A changed
/// file — edited by mistake, or planted — is refused naming it until an administrator accepts it (`templates pin`).
extension Station {
    /// The officer name recorded when a registry from before pinning is pinned on its first open.
    static let upgradeOfficer = "sealstation (upgrade)"

    /// Every template and the vendor profile file, with the SM3 of their bytes as read now.
    static func dataFiles(templates: TemplateLibrary, vendorProfiles: VendorProfileTable) throws -> [StationDataFile] {
        var files = try templates.templates.map { template in
            StationDataFile(item: .template(id: template.id), path: templates.path(of: template.id),
                            sm3: Hex.encode(try SM3.hash(templates.source(of: template.id))))
        }
        files.append(StationDataFile(item: .vendorProfiles, path: vendorProfiles.source?.path ?? "(built in)", sm3: Hex.encode(vendorProfiles.sourceSM3)))
        return files
    }

    /// Pins the shipped data of a registry made before pinning existed, on the open that upgraded it (audited with
    /// the directories the files were read from).
    func pinOnFirstOpen(now: Date) throws {
        guard try database.dataPins().isEmpty else { return }
        let files = try Self.dataFiles(templates: templates, vendorProfiles: vendorProfiles)
        try database.pin(files, officer: Self.upgradeOfficer,
                         reason: "upgrade to pinned data: the templates in \(templates.directory.path) and the vendor profile file "
                             + "\(vendorProfiles.source?.path ?? "-") installed with the program", onlyWhenUnpinned: true, now: now)
    }

    /// Each file of the data compared with its pin.
    public func dataPinStatus() throws -> [DataPinStatus] {
        let pins = Dictionary(uniqueKeysWithValues: try database.dataPins().map { ($0.item, $0) })
        let files = Dictionary(uniqueKeysWithValues: try Self.dataFiles(templates: templates, vendorProfiles: vendorProfiles).map { ($0.item, $0) })
        return Set(pins.keys).union(files.keys).sorted().map { item in
            let pin = pins[item], file = files[item]
            let state: DataPinStatus.State = pin == nil ? .unpinned : file == nil ? .missing : pin!.sm3 == file!.sm3 ? .pinned : .changed
            return DataPinStatus(item: item, state: state, path: file?.path ?? pin!.path, pinnedSM3: pin?.sm3, currentSM3: file?.sm3)
        }
    }

    /// Accepts the templates and vendor profile file as they are now (administrators only; audited as `data.pin`
    /// with every change). Returns what changed; an unchanged set is refused, so nothing is recorded for nothing.
    public func pinData(by officer: OfficerRecord, now: Date) throws -> [DataPinStatus] {
        try require(officer, .administrator, to: "pin the station's templates and vendor profiles")
        let files = try Self.dataFiles(templates: templates, vendorProfiles: vendorProfiles)
        return try database.pin(files, officer: officer.name, reason: "accepted by the administrator", now: now) ?? []
    }

    /// The template `id`, if its file still hashes to the station's pin. A refusal is recorded in the audit log
    /// (`data.refuse`), since a changed template is either a mistake or an attack, and the auditor must see both.
    /// - Throws: `RegistryError.pinnedDataChanged` naming the file.
    func pinnedTemplate(_ id: String, for officer: OfficerRecord, to action: String, now: Date) throws -> SealTemplate {
        let template = try templates.template(id)
        let item = PinnedItem.template(id: id)
        let path = templates.path(of: id)
        let found = Hex.encode(try SM3.hash(templates.source(of: id)))
        try requirePin(item, found: found, path: path, officer: officer.name, action: action, now: now)
        return template
    }

    /// Refuses (and audits) a token session whose vendor profile was not read from the pinned vendor profile file.
    func requirePinnedProfile(_ store: TokenKeyStore, for officer: String, to action: String, now: Date) throws {
        try requirePin(.vendorProfiles, found: store.profile.sourceSM3.map(Hex.encode) ?? "(a profile not read from a file)",
                       path: store.profile.sourcePath ?? "-", officer: officer, action: action, now: now)
    }

    private func requirePin(_ item: PinnedItem, found: String, path: String, officer: String, action: String, now: Date) throws {
        let pinned = try database.dataPin(item)
        guard pinned?.sm3 != found else { return }
        // The refusal stands whether or not it could be recorded (a busy or read-only registry).
        _ = try? database.appendAudit("record the refusal", officer: officer, action: .dataRefuse, object: .other(item.rawValue), details: [
            "action": action, "path": path, "pinnedSM3": pinned?.sm3 ?? "-", "foundSM3": found,
        ], now: now)
        throw RegistryError.pinnedDataChanged(item: item.description, path: path, pinned: pinned?.sm3, found: found)
    }
}
