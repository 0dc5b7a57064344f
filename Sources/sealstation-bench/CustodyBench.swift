import ArgumentParser
import Foundation
import SealCrypto
import SealRegistry
import SealStation
import SealToken
import SealResources

extension BenchCommand {
    /// Issuing seals to a SoftHSM2 token against `pkcs11-tool --keypairgen` on the same token.
    struct Custody: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "custody",
            abstract: "Seconds to issue N seals to a SoftHSM2 token vs pkcs11-tool --keypairgen ×N (goal ratio ≤ 1.5).",
            discussion: """
                Initialises a SoftHSM2 token in a temporary directory, prepares N approved applications, then times
                issuing them to the token in one officer session (the station keys unlocked once, one PKCS#11 login):
                image, key pair generated on the token, holder certificate, SES_Seal, certificate and seal written to
                the token, registry row and audit entry. The reference is N runs of `pkcs11-tool --keypairgen
                --key-type EC:prime256v1` on the same token (what an officer scripting the token by hand would do).

                Example:
                  Scripts/bench custody --seals 100
                """)

        @Option(help: "Seals to issue.") var seals: Int = 100
        @Option(help: "The SoftHSM2 module.") var module: String = SoftHSM2.modulePath
        @Option(help: ArgumentHelp("The template directory.", valueName: "DIR")) var templates: String?
        @Flag(help: "Print the result as JSON.") var json = false

        func run() throws {
            let now = Date()
            let bench = try BenchStation(name: "custody", templates: templates, now: now)
            defer { bench.remove() }
            let pin = "123456"
            let configuration = try SoftHSM2.initializeToken(
                in: bench.directory.appendingPathComponent("softhsm"), label: "bench", securityOfficerPIN: "87654321", userPIN: pin)
            setenv("SOFTHSM2_CONF", configuration, 1)

            // The reference: pkcs11-tool key pair generation ×N on the same token.
            Measure.log(json, "pkcs11-tool --keypairgen ×\(seals)…")
            let reference = try Measure.seconds {
                for index in 0..<seals {
                    try Self.tool("pkcs11-tool", [
                        "--module", module, "--token-label", "bench", "--login", "--pin", pin, "--keypairgen",
                        "--key-type", "EC:prime256v1", "--id", String(format: "ff%06x", index), "--label", "reference-\(index)",
                    ])
                    if index % 10 == 9 { Measure.log(json, "  \(index + 1)/\(seals)") }
                }
            }

            // Ours: N approved applications, then issue them all to the token in one session.
            let (station, clerk, approver) = (bench.station, bench.clerk, bench.approver)
            var ids: [Int64] = []
            for _ in 0..<seals {
                let record = try station.apply(by: clerk, SealApplication(
                    unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "round-42", reason: "bench"), now: now)
                _ = try station.approve(by: approver, applicationID: record.id!, note: nil, now: now)
                ids.append(record.id!)
            }
            Measure.log(json, "issuing \(seals) seals to the token…")
            var issued = 0
            let ours = try Measure.seconds {
                let session = try PKCS11Module(path: module).openSession(.label("bench"))
                try session.login(pin: SecretBytes(utf8: pin))
                let profiles = try VendorProfileTable(contentsOf: DataResolver.current.vendorProfiles())
                let store = TokenKeyStore(session: session, profile: try profiles.profile("softhsm2"))
                let keys = try station.unlockIssuingKeys(stationPassphrase: BenchStation.secret())
                for (index, id) in ids.enumerated() {
                    _ = try station.issue(by: clerk, applicationID: id, issuingKeys: keys, holderPassphrase: nil,
                                          custody: .token(store), now: Date())
                    issued += 1
                    if index % 10 == 9 { Measure.log(json, "  \(index + 1)/\(seals)") }
                }
            }
            guard issued == seals, try station.seals(.init(state: .issued, limit: seals + 1)).count == seals else {
                throw BenchError.measurementFailed("expected \(seals) issued seals")
            }
            try BenchReport(
                seconds: 0, reference: "pkcs11-tool --keypairgen --key-type EC:prime256v1 (OpenSC), SoftHSM2",
                figures: [BenchFigure(name: "issue \(seals) seals to token", unit: "s", ours: ours, reference: reference)]
            ).print(json: json)
        }

        static func tool(_ name: String, _ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [name] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try Measure.launch(process)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw BenchError.measurementFailed("\(name) \(arguments.first ?? "") exited \(process.terminationStatus)")
            }
        }
    }
}
