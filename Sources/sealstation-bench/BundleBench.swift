import SealAudit
import ArgumentParser
import Foundation
import GRDB
import SealBundle
import SealBundleRender
import SealCrypto
import SealFiling
import SealPKI
@_spi(Fixtures) import SealRegistry
import SealRender
import SealSES
import SealStation
import SealResources

extension BenchCommand {
    /// Filing bundles: export time for N seals, and seals imported per second against SM2 verify/s.
    struct Bundle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bundle",
            abstract: "Export time for N seals; seals imported/s from that bundle vs `openssl speed sm2` verify/s (goal ≥ 0.8 per core).",
            discussion: """
                Seeds a fresh station with N real seals: each with its own SM2 holder key, holder certificate from the
                station CA and SES_Seal signed by the seal maker, registry row, seal.issue audit record and files (the
                image is drawn once: every seal is of the same unit, so their images are identical). The issuing
                workflow itself is measured by `Scripts/bench registry`. Then times `export` (the whole bundle: bag,
                SHA-256 and SM3 manifests, SignedData, canonical ZIP) and `sealfiling import` into a fresh online
                registry (archive checks, BagIt manifests, SignedData, audit records, per seal the SES_Seal's maker
                signature and the holder certificate's chain — two SM2 verifications — and the database transaction),
                on all cores. The ratio divides seals/s by `openssl speed sm2` verify/s of one core and by the cores
                used. --redraw also times verifying with every image redrawn.

                Example:
                  Scripts/bench bundle --seals 10000
                """)

        @Option(help: "Seals in the bundle.") var seals: Int = 10_000
        @Option(help: "The template of the seals.") var template: String = "round-42"
        @Option(help: ArgumentHelp("The template directory.", valueName: "DIR")) var templates: String?
        @Option(help: "The resolution of the seals' PNG (a larger one makes larger seals and bundles).") var dpi: Double = SealRenderer.defaultDPI
        @Flag(help: "Also verify with every image redrawn.") var redraw = false
        @Flag(help: "Print the result as JSON.") var json = false

        func run() async throws {
            let now = Date()
            let bench = try BenchStation(name: "bundle", templates: templates, now: now)
            defer { bench.remove() }
            let station = bench.station
            Measure.log(json, "seeding \(seals) seals…")
            let seeding = try Measure.seconds { try seed(bench, now: now) }
            Measure.log(json, String(format: "seeded in %.1f s", seeding))

            Measure.log(json, "exporting…")
            let courier = bench.directory.appendingPathComponent("courier")
            var export: BundleExport?
            let exportSeconds = try Measure.seconds {
                export = try station.exportBundle(
                    by: bench.clerk, to: courier, stationPassphrase: BenchStation.secret(), maxSeals: seals, now: Date())
            }
            guard let export, export.seals == seals else { throw BenchError.measurementFailed("the bundle holds \(export?.seals ?? 0) seals") }
            Measure.log(json, String(format: "exported %d seals (%.1f MB) in %.2f s", export.seals, Double(export.bytes) / 1e6, exportSeconds))

            Measure.log(json, "openssl speed sm2…")
            let reference = try OpenSSLSpeed.sm2(seconds: 3).verify
            let cores = ProcessInfo.processInfo.activeProcessorCount

            Measure.log(json, "importing…")
            let database = try SQLiteFilingStore(path: bench.directory.appendingPathComponent("online/filings.sqlite").path)
            var imported = 0
            let importSeconds = try await Measure.seconds {
                let outcome = BundleVerifier(anchor: station.ca.certificate).verify(URL(fileURLWithPath: export.path))
                guard outcome.report.isValid else { throw BenchError.measurementFailed(outcome.report.firstFailure ?? "invalid bundle") }
                imported = try await BundleImporter(store: database).importBundle(outcome, now: Date()).seals
            }
            guard imported == seals, try await database.filedSeals(creditCode: "91110108MA00000070").count == seals else {
                throw BenchError.measurementFailed("imported \(imported) of \(seals) seals")
            }
            let rate = Double(seals) / importSeconds

            var redrawRate: Double?
            if redraw {
                Measure.log(json, "verifying with every image redrawn…")
                let library = try TemplateLibrary(directory: DataResolver.current.templates(flag: templates))
                var matched = 0
                let seconds = Measure.seconds {
                    let outcome = BundleVerifier(anchor: station.ca.certificate, imageCheck: RedrawImageCheck(templates: library)).verify(URL(fileURLWithPath: export.path))
                    matched = outcome.report.seals.filter { $0.image.status == .match }.count
                }
                guard matched == seals else { throw BenchError.measurementFailed("\(matched) of \(seals) images redrawn identically") }
                redrawRate = Double(seals) / seconds
            }

            struct Report: Encodable {
                var seals: Int
                var template: String
                var bundleBytes: Int
                var exportSeconds: Double
                var importSeconds: Double
                var importedPerSecond: Double
                var sm2VerifyPerSecond: Double
                var cores: Int
                var ratio: Double
                var ratioPerCore: Double
                var verifiedWithRedrawPerSecond: Double?
            }
            let report = Report(
                seals: seals, template: template, bundleBytes: export.bytes, exportSeconds: exportSeconds, importSeconds: importSeconds,
                importedPerSecond: rate, sm2VerifyPerSecond: reference, cores: cores, ratio: rate / reference,
                ratioPerCore: rate / reference / Double(cores), verifiedWithRedrawPerSecond: redrawRate)
            if json {
                try Measure.printJSON(report)
            } else {
                print("reference: \(OpenSSLSpeed.version()) speed sm2 (verify/s, one core); \(cores) cores used by the import")
                print(String(format: "export   %d %@ seals → %.1f MB in %.2f s (%.0f seals/s)", seals, template, Double(export.bytes) / 1e6,
                             exportSeconds, Double(seals) / exportSeconds))
                print(String(format: "import   %.0f seals/s vs %.0f SM2 verify/s = ratio %.3f, %.3f per core (goal ≥ 0.8 per core)",
                             rate, reference, rate / reference, rate / reference / Double(cores)))
                if let redrawRate { print(String(format: "verify with every image redrawn   %.0f seals/s", redrawRate)) }
            }
        }

        /// N seals of one approved application, made with the station's real keys, straight into the registry.
        func seed(_ bench: BenchStation, now: Date) throws {
            let station = bench.station
            let application = try station.apply(by: bench.clerk, SealApplication(
                unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: template, physicalCode: "1101080012345",
                reason: "bench"), now: now)
            _ = try station.approve(by: bench.approver, applicationID: application.id!, note: nil, now: now)
            let renderer = try SealRenderer()
            let sealTemplate = try station.templates.template(template)
            let layout = try renderer.layout(sealTemplate, content: .seal(
                unitName: application.unitName, useName: nil, holderName: nil, code: application.physicalCode))
            let png = try renderer.render(layout, format: .png, dpi: dpi), svg = try renderer.render(layout, format: .svg)
            let caKey = try station.ca.unlockKey(passphrase: BenchStation.secret())
            let makerKey = try PrivateKey(
                encryptedPKCS8: ProtectedFile.read(station.directory.appendingPathComponent("maker/maker-key.p8").path),
                passphrase: BenchStation.secret())
            let issued = station.directory.appendingPathComponent("issued")
            try station.database.fixtureWriter.write { db in
                var last = try AuditRecord.order(AuditRecord.Columns.seq.desc).fetchOne(db)!
                let sealStatement = try db.makeStatement(sql: """
                    INSERT INTO seal (applicationID, esID, name, unitName, creditCode, template, state, sealDER, imagePNG,
                        holderCertificate, custody, validFrom, validTo, issuedBy, issuedAt)
                    VALUES (?, ?, ?, ?, ?, ?, 'issued', ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                let auditStatement = try db.makeStatement(sql: "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                let time = ISO8601DateFormatter().string(from: now)
                for index in 0..<seals {
                    let esID = String(format: "110108B%07d", index)
                    let holderKey = try PrivateKey.generate(.sm2)
                    let certificate = try station.ca.issue(
                        role: .holder,
                        subject: DistinguishedName([.init(type: "C", value: "CN"), .init(type: "O", value: application.unitName),
                                                    .init(type: "OU", value: application.creditCode.value), .init(type: "CN", value: application.unitName)]),
                        publicKey: holderKey.publicKey, validityDays: 730, caKey: caKey, now: now)
                    let seal = try SealMaker.make(
                        SealMakingRequest(
                            esID: esID, type: .unit, name: application.unitName, holders: [certificate], createDate: now, validStart: now,
                            validEnd: certificate.notAfter,
                            picture: SealPicture(type: "PNG", data: png, widthMM: Int(sealTemplate.widthMM.rounded()),
                                                 heightMM: Int(sealTemplate.heightMM.rounded()))),
                        makerKey: makerKey, makerCertificate: station.makerCertificate)
                    try sealStatement.execute(arguments: [
                        application.id, esID, application.unitName, application.unitName, application.creditCode, template,
                        Data(seal.derEncoded), Data(png), Data(certificate.derEncoded), "file:issued/\(esID)", seal.validStart, seal.validEnd,
                        bench.clerk.id, now,
                    ])
                    let folder = issued.appendingPathComponent(esID)
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    try Data(svg).write(to: folder.appendingPathComponent("seal.svg"))
                    let details = String(decoding: try JSONSerialization.data(withJSONObject: [
                        "application": "application:\(application.id!)", "esID": esID, "sealSM3": Hex.encode(try SM3.hash(seal.derEncoded)),
                        "holderCertificateSM3": Hex.encode(certificate.fingerprint), "custody": "file:issued/\(esID)",
                    ], options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
                    let seq = last.seq + 1, object = "seal:\(db.lastInsertedRowID)"
                    let hash = try AuditChain.hash(prevHash: last.hash, seq: seq, time: time, officer: bench.clerk.name, action: "seal.issue",
                                                      object: object, details: details)
                    try auditStatement.execute(arguments: [seq, time, bench.clerk.name, "seal.issue", object, details, last.hash, hash])
                    last = AuditRecord(seq: seq, time: time, officer: bench.clerk.name, action: "seal.issue", object: object, details: details,
                                       prevHash: last.hash, hash: hash)
                }
            }
        }
    }
}
