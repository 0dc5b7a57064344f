import Foundation
import GRDB
import SealCrypto
@_spi(Fixtures) import SealRegistry
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

    /// Writes `count` seals straight into the registry through the fixture writer (not by issuing; small placeholder
    /// blobs), for one application by the operator: units of ten seals each (`单位N`, a valid 统一社会信用代码 per
    /// unit), 90 % issued and every tenth revoked, issued one second apart from `now`.
    func generateSeals(_ count: Int, now: Date) throws {
        let application = try station.apply(by: clerk, SealApplication(
            unitName: "基准测试单位", creditCode: "91110108MA00000070", template: "round-42", reason: "bench"), now: now)
        let clerk = clerk
        try station.database.fixtureWriter.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO seal (applicationID, esID, name, unitName, creditCode, template, state, sealDER, imagePNG,
                    holderCertificate, custody, validFrom, validTo, issuedBy, issuedAt)
                VALUES (?, ?, ?, ?, ?, 'round-42', ?, ?, x'89504e47', x'3082', 'file:/dev/null', ?, ?, ?, ?)
                """)
            let blob = Data(repeating: 0x30, count: 200)
            for index in 0..<count {
                let code = Self.creditCode(unit: index / 10)
                try statement.execute(arguments: [
                    application.id, String(format: "%014d", index), "单位\(index / 10)合同专用章", "单位\(index / 10)", code,
                    index % 10 == 9 ? "revoked" : "issued", blob, now, now.addingTimeInterval(86_400 * 730), clerk.id,
                    now.addingTimeInterval(Double(index)),
                ])
            }
        }
    }

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
