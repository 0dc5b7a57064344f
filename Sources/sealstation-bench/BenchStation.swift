import Foundation
import SealCrypto
import SealRegistry
import SealRender
import SealStation
import SealToken
import SealResources

/// A throw-away station for the registry and audit benchmarks: one passphrase everywhere, key files encrypted with
/// the minimum PBKDF2 iterations, an administrator, an operator and an approver. Removed by `remove()`.
struct BenchStation {
    static let passphrase = "bench passphrase"
    static let keyEncryption = KeyEncryption(iterations: KeyEncryption.minimumIterations)

    let directory: URL
    let station: Station
    let admin: OfficerRecord, clerk: OfficerRecord, approver: OfficerRecord

    static func secret() -> SecretBytes { SecretBytes(utf8: passphrase) }

    init(name: String, templates: String?, now: Date) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealstation-bench-\(name)-\(UUID().uuidString)")
        let library = try TemplateLibrary(directory: DataResolver.current.templates(flag: templates))
        station = try Station.initialize(
            databasePath: directory.appendingPathComponent("station/registry.sqlite").path, stationName: "bench", organization: "bench",
            administrator: "admin", administratorPassphrase: Self.secret(), stationPassphrase: Self.secret(), templates: library,
            vendorProfiles: VendorProfileTable(contentsOf: DataResolver.current.vendorProfiles()), keyEncryption: Self.keyEncryption, now: now)
        admin = try station.authenticate("admin", role: .administrator, passphrase: Self.secret())
        clerk = try station.addOfficer(by: admin, name: "clerk", role: .operatorRole, passphrase: Self.secret(), now: now)
        approver = try station.addOfficer(by: admin, name: "approver", role: .approver, passphrase: Self.secret(), now: now)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// A valid 统一社会信用代码 for generated unit `unit` (0…9,999,999,999): `9111010`, ten digits and the GB 32100
    /// check character, so generated rows decode like real ones.
    static func creditCode(unit: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        let base = "9111010" + String(format: "%010d", unit)
        let sum = zip(base, weights).reduce(0) { $0 + alphabet.firstIndex(of: $1.0)! * $1.1 }
        return base + String(alphabet[(31 - sum % 31) % 31])
    }
}
