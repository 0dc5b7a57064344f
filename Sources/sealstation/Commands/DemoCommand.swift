import ArgumentParser
import Foundation
import SealBundle
import SealBundleRender
import SealCrypto
import SealFiling
import SealOptical
import SealPKI
import SealRender
import SealRegistry
import SealSES
import SealStation
import SealToken
import SealResources

/// `sealstation demo`: the whole flow that exists so far, non-interactively, in a fresh station.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run everything the station can do so far in a fresh station directory, non-interactively.",
        discussion: """
            Initialises a station (registry, SM2 station CA, seal maker, administrator), adds officers, shows that the templates and vendor profiles it found (flag, variable, install prefix or package resources) are pinned by SM3 and that an edited template is refused, files two applications (a round unit seal and a square personal seal), approves and issues them (rendered images, holder keys and certificates, GB/T 38540 seals), requests and approves a use and signs a document with it, changes one seal and revokes the other (after it signed a document); the administrator issues the station CA's CRL, with which the revoked seal's earlier signature verifies and says when and why it was revoked, while a signature its holder makes afterwards outside the station (which refuses the use) does not — without the CRL it would; issues a contract seal to a SoftHSM2 token initialised in DIR/softhsm and signs a document on it, and verifies every seal and signature against the station CA.

            Then files (备案): exports filing bundle 1, records a use, exports bundle 2, and on the online side verifies both against the station CA (redrawing every image), imports them into a fresh filing registry (DIR/online/filings.sqlite), imports bundle 1 again (a no-op) and queries by 统一社会信用代码; reads bundle 2's QR manifest back from its PNG and verifies it, and sends bundle 2 through QR frames with every fifth frame lost, rebuilding it byte for byte. Each bundle has its A4 filing sheet beside it.

            Then hostile and mistaken input: a holder key with one bit flipped in its ciphertext is refused before it signs (the use log and audit log unchanged, the approved use kept), a 2 GiB file that is not a ZIP is refused as a bundle from its end record, a short passphrase and a disabled officer are refused, the pending work is listed, and every file the station made is checked to be 0600 in a 0700 directory.

            Then 签章 and 验章 on an OFD: a 3-page contract made from text (the Song face embedded) gets the unit's round seal by position, a newly issued 合同专用章 by keyword and a riding seal (骑缝章) across every page, each consuming its own approved use and logged; the stamped OFD is verified (every signature valid, the earlier ones kept valid by the later stamps), a copy with one changed byte is refused naming the file, a stamp without an approved use writes nothing, and the use log shows the three stamps (DIR/ofd/).

            Last, the online filing service (`sealfiling serve`) runs on a free loopback port over a fresh registry (DIR/online-service/filings.sqlite): an upload without a client token is refused (401), the station's bundles are uploaded in order over HTTP (201 each), the first again (200, nothing changed), and the unit's seals, /health and /metrics are read.

            Random passphrases are written to DIR/demo-passphrases/ (0600); a real station prompts for them. Prints where each output is.

            Example:
              sealstation demo --dir /tmp/sealstation-demo
            """)

    @Option(help: ArgumentHelp("The station directory (new or empty; default: a new temporary directory).", valueName: "DIR"))
    var dir: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    struct Step: Encodable {
        var step: String
        var result: String
        var files: [String]
    }

    struct Report: Encodable {
        var directory: String
        var steps: [Step]
    }

    func run() throws {
        let directory = try prepareDirectory()
        var steps: [Step] = []
        func record(_ step: String, _ result: String, _ files: [URL] = []) {
            steps.append(Step(step: step, result: result, files: files.map(\.path)))
            if !json || result.hasPrefix("FAILED") {
                FileHandle.standardError.write(Data((result.hasPrefix("FAILED") ? "✗ \(step): \(result)\n" : "✓ \(step)\n").utf8))
            }
        }
        let clock = DemoClock()

        // Passphrases: random, in 0600 files (a real station prompts for them).
        let secrets = directory.appendingPathComponent("demo-passphrases")
        try FileManager.default.createDirectory(at: secrets, withIntermediateDirectories: true)
        func newSecret(_ name: String) throws -> (URL, SecretBytes) {
            let file = secrets.appendingPathComponent("\(name).txt")
            var bytes = Array(Hex.encode(try SecureRandom.bytes(count: 16)).utf8)
            try ProtectedFile.write(bytes + [0x0a], to: file.path, mode: ProtectedFile.secretMode)
            return (file, SecretBytes(consuming: &bytes))
        }
        let (_, stationSecret) = try newSecret("station"), (_, adminSecret) = try newSecret("administrator")
        let (_, approverSecret) = try newSecret("approver"), (_, auditorSecret) = try newSecret("auditor")
        let (_, clerkSecret) = try newSecret("operator"), (holderFile, holderSecret) = try newSecret("holders")
        record("passphrases (random, 0600)", "station, 4 officers, holders", [secrets])

        // 1. init: registry, station CA, seal maker, first administrator.
        let templatesFound = try DataResolver.current.locate(.templates)
        let templates = try TemplateLibrary(directory: templatesFound.url)
        let vendorProfiles = try VendorProfileTable(contentsOf: DataResolver.current.vendorProfiles())
        let station = try Station.initialize(
            databasePath: directory.appendingPathComponent("registry.sqlite").path, stationName: "某市电子印章制作站",
            organization: "某市公安局", administrator: "张管理", administratorPassphrase: adminSecret,
            stationPassphrase: stationSecret, templates: templates, vendorProfiles: vendorProfiles, now: clock.next())
        record("station: registry, SM2 root CA, seal maker (制章人)", "\(station.ca.certificate.subject)",
               [URL(fileURLWithPath: station.database.path), station.ca.directory, directory.appendingPathComponent("maker")])

        // 2. Officers (三员分立 + operator).
        let admin = try station.authenticate("张管理", role: .administrator, passphrase: adminSecret)
        _ = try station.addOfficer(by: admin, name: "李审批", role: .approver, passphrase: approverSecret, now: clock.next())
        _ = try station.addOfficer(by: admin, name: "赵审计", role: .auditor, passphrase: auditorSecret, now: clock.next())
        _ = try station.addOfficer(by: admin, name: "王经办", role: .operatorRole, passphrase: clerkSecret, now: clock.next())
        let approver = try station.authenticate("李审批", role: .approver, passphrase: approverSecret)
        let clerk = try station.authenticate("王经办", role: .operatorRole, passphrase: clerkSecret)
        record("officers", "张管理 系统管理员, 李审批 审批人, 赵审计 安全审计员, 王经办 经办人")

        // The data the program ships, found the one documented way, is pinned by SM3: an edited template is refused.
        let pins = try station.dataPinStatus()
        guard pins.allSatisfy({ $0.state == .pinned }) else {
            FileHandle.standardError.write(Data("✗ the data init pinned does not match its pins\n".utf8))
            throw ExitStatus.verificationFailed
        }
        record("shipped data found (\(templatesFound.source.rawValue)) and pinned by SM3 at init",
               "\(pins.count - 1) templates and the vendor profile file, all \(Set(pins.map(\.state.rawValue)).sorted().joined(separator: ", "))",
               [templatesFound.url, station.vendorProfiles.source].compactMap { $0 })
        let editedTemplates = directory.appendingPathComponent("edited-templates")
        // A copy of the templates' contents, round-42 with a line added (copyItem would try to keep the installed
        // files' owner, root).
        try FileManager.default.createDirectory(at: editedTemplates, withIntermediateDirectories: true)
        for template in templates.templates {
            let edit = template.id == "round-42" ? Array("# edited after init\n".utf8) : []
            try ProtectedFile.write(try templates.source(of: template.id) + edit,
                                    to: editedTemplates.appendingPathComponent(template.id + ".yaml").path, mode: ProtectedFile.publicMode)
        }
        let editedFile = editedTemplates.appendingPathComponent("round-42.yaml")
        let misled = try Station.open(databasePath: station.database.path, templates: TemplateLibrary(directory: editedTemplates),
                                      vendorProfiles: station.vendorProfiles, now: clock.next())
        do {
            _ = try misled.apply(by: clerk, SealApplication(
                unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "round-42", reason: "用被改动的模板"),
                now: clock.next())
            FileHandle.standardError.write(Data("✗ an edited template was accepted\n".utf8))
            throw ExitStatus.verificationFailed
        } catch RegistryError.pinnedDataChanged {
            record("an edited template is refused (audited as data.refuse)", "round-42.yaml differs from its pin", [editedFile])
        }

        // 3. Two applications, approved and issued: a unit round seal and a personal square seal.
        let unitApplication = try station.apply(by: clerk, SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "round-42", physicalCode: "1101080012345",
            reason: "新设立单位刻制法定名称章", attachments: [("营业执照.txt", Array("统一社会信用代码 91110108MA00000070".utf8))]), now: clock.next())
        let personalApplication = try station.apply(by: clerk, SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "square-20", holderName: "张小明印",
            holderIDNumber: "11010519491231002X", reason: "法定代表人名章"), now: clock.next())
        record("applications (申请)", "#\(unitApplication.id!) round-42 unit seal, #\(personalApplication.id!) square-20 personal seal")
        for id in [unitApplication.id!, personalApplication.id!] {
            _ = try station.approve(by: approver, applicationID: id, note: "同意", now: clock.next())
        }
        record("approvals (审批, by 李审批, not the applicant)", "both approved")
        var issued: [SealRecord] = []
        for id in [unitApplication.id!, personalApplication.id!] {
            issued.append(try station.issue(by: clerk, applicationID: id, stationPassphrase: stationSecret, holderPassphrase: holderSecret, now: clock.next()))
        }
        for seal in issued {
            let folder = try station.custodyDirectory(of: seal)
            let report = SealVerifier(trust: .anchors([station.ca.certificate])).verify(try ElectronicSeal(derEncoded: Array(seal.sealDER)), at: clock.next())
            record("seal #\(seal.id!) \(seal.name) (制作)", report.isValid ? "issued, verifies (\(report.checks.count) checks)" : report.failures.map(\.detail).joined(separator: "; "),
                   ["seal.sel", "seal.png", "seal.svg", "holder-key.p8", "chain.pem"].map { folder.appendingPathComponent($0) })
            if !report.isValid { throw ExitStatus.verificationFailed }
        }

        // 4. Use: request, approval, a signed document, the use log.
        let unitSeal = issued[0]
        let request = try station.requestUse(by: clerk, sealID: unitSeal.id!, reason: "签订采购合同", count: 1, now: clock.next())
        _ = try station.approveUse(by: approver, requestID: request.id!, now: clock.next())
        let document = directory.appendingPathComponent("采购合同.txt")
        let documentBytes = Array("采购合同 第 2026-001 号：甲方北京某某科技发展有限公司……\n".utf8)
        try ProtectedFile.write(documentBytes, to: document.path, mode: ProtectedFile.publicMode)
        let (signature, log) = try station.sign(
            by: clerk, sealID: unitSeal.id!, document: documentBytes, documentName: document.lastPathComponent,
            holderPassphrase: holderSecret, now: clock.next())
        let signatureFile = directory.appendingPathComponent("采购合同.txt.ses")
        try ProtectedFile.write(signature.derEncoded, to: signatureFile.path, mode: ProtectedFile.publicMode)
        let signatureReport = SignatureVerifier(trust: .anchors([station.ca.certificate])).verify(signature, document: documentBytes, fallbackTime: clock.next())
        record("use request #\(request.id!) approved; document signed (用印)",
               signatureReport.isValid ? "signature verifies; use log #\(log.id!) records SM3 \(log.documentSM3.prefix(12))…" : "FAILED",
               [document, signatureFile])
        if !signatureReport.isValid { throw ExitStatus.verificationFailed }

        // 5. Change (变更) the unit seal, then revoke (注销) the personal seal.
        let old = try station.application(unitSeal.applicationID)
        let change = try station.apply(by: clerk, SealApplication(
            unitName: old.unitName, creditCode: old.creditCode.value, template: old.template, physicalCode: old.physicalCode,
            reason: "印章磨损更换", replacesSealID: unitSeal.id), now: clock.next())
        _ = try station.approve(by: approver, applicationID: change.id!, note: "同意更换", now: clock.next())
        let replacement = try station.issue(by: clerk, applicationID: change.id!, stationPassphrase: stationSecret, holderPassphrase: holderSecret, now: clock.nextSecond())
        record("change (变更)", "seal #\(replacement.id!) replaces #\(unitSeal.id!), which is now \(try station.seal(unitSeal.id!).state.rawValue)")
        // The personal seal signs one document before its 注销.
        let personal = issued[1]
        let mandateRequest = try station.requestUse(by: clerk, sealID: personal.id!, reason: "签署授权委托书", count: 1, now: clock.next())
        _ = try station.approveUse(by: approver, requestID: mandateRequest.id!, now: clock.next())
        let mandateBytes = Array("授权委托书：委托李某办理本单位印章备案事宜。\n".utf8)
        let (mandate, _) = try station.sign(
            by: clerk, sealID: personal.id!, document: mandateBytes, documentName: "授权委托书.txt", holderPassphrase: holderSecret,
            now: clock.next())
        let mandateFile = directory.appendingPathComponent("授权委托书.txt.ses")
        try ProtectedFile.write(mandateBytes, to: directory.appendingPathComponent("授权委托书.txt").path, mode: ProtectedFile.publicMode)
        try ProtectedFile.write(mandate.derEncoded, to: mandateFile.path, mode: ProtectedFile.publicMode)
        record("the personal seal signs before its 注销", "授权委托书 signed with seal #\(personal.id!)", [mandateFile])
        let revoked = try station.revoke(
            by: approver, sealID: personal.id!, reason: "法定代表人变更", crlReason: .cessationOfOperation, now: clock.nextSecond())
        record("revocation (注销)", "seal #\(revoked.id!) \(revoked.state.rawValue): \(revoked.revokeReason ?? "") (CRL reason cessationOfOperation)")

        // 5b. The CRL: 注销 reaches every verifier.
        let crlFile = try demoRevocation(
            station: station, clerk: clerk, approver: approver, admin: admin, revoked: revoked, earlier: (mandate, mandateBytes),
            changed: (signature, documentBytes), holderSecret: holderSecret, stationSecret: stationSecret, directory: directory,
            clock: clock, record: record)

        // 6. Key custody on a PKCS#11 token (SoftHSM2, initialised in DIR/softhsm): a contract seal issued to the token,
        //    a use signed on it.
        let tokenSeal = try demoTokenCustody(station: station, clerk: clerk, approver: approver, directory: directory,
                                             stationSecret: stationSecret, newSecret: newSecret, clock: clock, record: record)

        // 7. A PKCS#10 request for the maker key, for an external CA.
        let makerKey = try PrivateKey(encryptedPKCS8: ProtectedFile.read(directory.appendingPathComponent("maker/maker-key.p8").path), passphrase: stationSecret)
        let csr = try CertificationRequest.make(subject: station.makerCertificate.subject, key: makerKey)
        let csrFile = directory.appendingPathComponent("maker.csr.der")
        try ProtectedFile.write(csr.derEncoded, to: csrFile.path, mode: ProtectedFile.publicMode)
        record("PKCS#10 request for the maker key", try csr.isSelfSignatureValid() ? "self-signature OK" : "BAD", [csrFile])

        // 8. Filing (备案): bundle 1 of everything so far; a use; bundle 2; both verified and imported online; a use and
        //    bundle 3 encrypted to the filing authority, decrypted online, verified and imported.
        try demoFiling(station: station, clerk: clerk, approver: approver, seal: replacement, holderSecret: holderSecret,
                       directory: directory, stationSecret: stationSecret, clock: clock, record: record)

        // 9. Hostile and mistaken input: a damaged key, a huge non-ZIP "bundle", the passphrase rule, a disabled officer,
        //    the pending work, the file modes.
        try demoHardening(station: station, clerk: clerk, approver: approver, admin: admin, seal: replacement, holderSecret: holderSecret,
                          clerkSecret: clerkSecret, directory: directory, clock: clock, record: record)

        // 10. 签章 and 验章 on an OFD: a 3-page contract from text; a round seal by position, a 合同专用章 by keyword and a
        //     riding seal, each its own approved use; verified; a changed copy and an unapproved stamp refused.
        let stampedOFD = try demoDocument(
            station: station, clerk: clerk, approver: approver, roundSeal: replacement, holderSecret: holderSecret,
            stationSecret: stationSecret, crlFile: crlFile, directory: directory, clock: clock, record: record)

        // 10b. 签章 and 验章 on a PDF: a contract made with cairo; the round seal (SM2) by position and the token's seal
        //      (P-256, PAdES) by keyword, each its own approved use; verified; the outside tools' commands printed.
        try demoPDF(
            station: station, clerk: clerk, approver: approver, roundSeal: replacement, holderSecret: holderSecret, token: tokenSeal,
            crlFile: crlFile, directory: directory, clock: clock, record: record)

        // 11. The officers' console: `serve` on a free loopback port, used over HTTP as a browser would.
        try demoConsole(station: station, clerk: clerk, clerkSecret: clerkSecret, record: record)

        // 12. The online filing service: `sealfiling serve` on a fresh registry, the bundles uploaded over HTTP.
        try demoFilingService(station: station, directory: directory, record: record)

        let counts = try station.seals(.init(limit: 1000)).reduce(into: [String: Int]()) { $0[$1.state.rawValue, default: 0] += 1 }
        record("registry (查询)", counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))

        let report = Report(directory: directory.path, steps: steps)
        if json {
            print(try Output.json(report))
        } else {
            print("Station: \(directory.path)   (registry: SEALSTATION_DB=\(station.database.path))")
            print(Output.grid(header: ["step", "result"], rows: steps.map { [$0.step, $0.result] }))
            print("""

                Look further:
                  SEALSTATION_DB=\(station.database.path) sealstation list --officer 赵审计 --passphrase-file \(directory.path)/demo-passphrases/auditor.txt
                  SEALSTATION_DB=\(station.database.path) sealstation use log --officer 赵审计 --passphrase-file \(directory.path)/demo-passphrases/auditor.txt
                  sealstation bundle verify \(directory.path)/courier/*000002.zip --anchor \(station.ca.directory.path)/ca-cert.pem
                  sealfiling query --db \(directory.path)/online/filings.sqlite --credit-code 91110108MA00000070
                  sealstation manifest check \(directory.path)/courier/*000002.qr.png --anchor \(station.ca.directory.path)/ca-cert.pem
                  xdg-open \(directory.path)/courier/*000001.sheet.pdf    (the filing sheet)
                  sealstation verify --signature \(signatureFile.path) \(document.path) --ca \(station.ca.directory.path)
                  sealstation verify --signature \(directory.path)/注销后的授权书.txt.ses \(directory.path)/注销后的授权书.txt --ca \(station.ca.directory.path) --crl \(crlFile.path) --require-crl
                  sealstation crl show \(crlFile.path)
                  sealstation verify \(stampedOFD.path) --ca \(station.ca.directory.path) --crl \(crlFile.path)
                  SOFTHSM2_CONF=\(directory.path)/softhsm/softhsm2.conf sealstation token objects demo-holder --pin-file \(directory.path)/demo-passphrases/token-user-pin.txt
                  SEALSTATION_DB=\(station.database.path) sealstation serve    (then open http://127.0.0.1:8600/ and sign in as 王经办)
                  sealfiling serve --db \(directory.path)/online-service/filings.sqlite --enrol \(station.ca.directory.path)/ca-cert.pem    (the filing service; sealfiling clients add NAME --db … makes a token)
                Cross-check with the openssl CLI:
                  openssl crl -inform DER -in \(crlFile.path) -text -noout
                  openssl verify -vfyopt distid:1234567812345678 -CAfile \(station.ca.directory.path)/ca-cert.pem \(try station.custodyDirectory(of: replacement).path)/chain.pem
                  openssl pkcs8 -inform DER -in \(try station.custodyDirectory(of: replacement).path)/holder-key.p8 -passin file:\(holderFile.path) | openssl pkey -pubout
                """)
        }
    }

    /// Step 6: SoftHSM2 token, `issue --to token:`, a use signed on the token. Skipped (and said so) without SoftHSM2.
    /// Returns the token's seal and the logged-in token, for the PDF step.
    private func demoTokenCustody(
        station: Station, clerk: OfficerRecord, approver: OfficerRecord, directory: URL, stationSecret: SecretBytes,
        newSecret: (String) throws -> (URL, SecretBytes), clock: DemoClock, record: (String, String, [URL]) -> Void
    ) throws -> (seal: SealRecord, store: TokenKeyStore)? {
        guard SoftHSM2.isInstalled else {
            record("key custody on a PKCS#11 token", "skipped: SoftHSM2 is not installed (Scripts/setup installs it)", [])
            return nil
        }
        // The token's PINs are random like the passphrases, in 0600 files (softhsm2-util takes them only as arguments).
        let (pinFile, pin) = try newSecret("token-user-pin"), (soPinFile, _) = try newSecret("token-so-pin")
        let firstLine = { (file: URL) in String(decoding: try ProtectedFile.read(file.path).prefix { $0 != 0x0a }, as: UTF8.self) }
        let configuration = URL(fileURLWithPath: try SoftHSM2.initializeToken(
            in: directory.appendingPathComponent("softhsm"), label: "demo-holder",
            securityOfficerPIN: try firstLine(soPinFile), userPIN: try firstLine(pinFile)))
        setenv("SOFTHSM2_CONF", configuration.path, 1)

        let session = try PKCS11Module(path: SoftHSM2.modulePath).openSession(.label("demo-holder"))
        try session.login(pin: pin)
        let store = TokenKeyStore(
            session: session, profile: try station.vendorProfiles.profile("softhsm2"))
        let application = try station.apply(by: clerk, SealApplication(
            unitName: "北京某某科技发展有限公司", creditCode: "91110108MA00000070", template: "special-40", useName: "合同专用章",
            reason: "合同专用章，密钥存于 USB Key"), now: clock.next())
        _ = try station.approve(by: approver, applicationID: application.id!, note: "同意", now: clock.next())
        let seal = try station.issue(by: clerk, applicationID: application.id!, stationPassphrase: stationSecret,
                                     holderPassphrase: nil, custody: .token(store), now: clock.next())
        let objects = try store.objects()
        record("seal #\(seal.id!) \(seal.name) issued to token (--to token:demo-holder)",
               "\(objects.count) token objects under CKA_ID \(Hex.encode(Array(seal.esID.utf8)).prefix(12))…: "
                   + objects.map(\.objectClass.rawValue).sorted().joined(separator: ", ")
                   + "; private key extractable: \(objects.first { $0.objectClass == .privateKey }?.extractable == true ? "yes" : "no")",
               [configuration, try station.custodyDirectory(of: seal).appendingPathComponent("README.txt")])

        let request = try station.requestUse(by: clerk, sealID: seal.id!, reason: "签订服务合同", count: 1, now: clock.next())
        _ = try station.approveUse(by: approver, requestID: request.id!, now: clock.next())
        let document = directory.appendingPathComponent("服务合同.txt")
        let bytes = Array("服务合同 第 2026-002 号\n".utf8)
        try ProtectedFile.write(bytes, to: document.path, mode: ProtectedFile.publicMode)
        let (signature, _) = try station.sign(by: clerk, sealID: seal.id!, document: bytes, documentName: document.lastPathComponent,
                                              token: store, now: clock.next())
        let signatureFile = directory.appendingPathComponent("服务合同.txt.ses")
        try ProtectedFile.write(signature.derEncoded, to: signatureFile.path, mode: ProtectedFile.publicMode)
        let report = SignatureVerifier(trust: .anchors([station.ca.certificate])).verify(signature, document: bytes, fallbackTime: clock.next())
        record("document signed on the token (ECDSA P-256: SoftHSM2 has no SM2)",
               report.isValid ? "signature verifies" : report.failures.map(\.detail).joined(separator: "; "), [document, signatureFile])
        if !report.isValid { throw ExitStatus.verificationFailed }
        return (seal, store)
    }

    /// Step 8: export, verify and import filing bundles, and query the online registry.
    private func demoFiling(
        station: Station, clerk: OfficerRecord, approver: OfficerRecord, seal: SealRecord, holderSecret: SecretBytes, directory: URL,
        stationSecret: SecretBytes, clock: DemoClock, record: (String, String, [URL]) -> Void
    ) throws {
        let courier = directory.appendingPathComponent("courier")
        let first = try station.exportBundle(by: clerk, to: courier, stationPassphrase: stationSecret, now: clock.next())
        record("filing bundle 1 exported (备案包)",
               "\(first.seals) seals, \(first.uses) uses, \(first.revocations) revocation, CRL #\(first.crlNumber) (\(first.crlEntries) entries), "
                   + "audit \(first.auditFirstSeq)–\(first.auditLastSeq), SM3 \(first.sm3.prefix(12))…", [URL(fileURLWithPath: first.path)])

        let request = try station.requestUse(by: clerk, sealID: seal.id!, reason: "出具证明", count: 1, now: clock.next())
        _ = try station.approveUse(by: approver, requestID: request.id!, now: clock.next())
        _ = try station.sign(by: clerk, sealID: seal.id!, document: Array("证明\n".utf8), documentName: "证明.txt",
                             holderPassphrase: holderSecret, now: clock.next())
        let second = try station.exportBundle(by: clerk, to: courier, stationPassphrase: stationSecret, now: clock.next())
        record("filing bundle 2 exported", "\(second.seals) seals, \(second.uses) use; names bundle 1 (\(second.previousSM3?.prefix(12) ?? "none")…)",
               [URL(fileURLWithPath: second.path)])

        // The online side: a fresh filing registry, the station CA delivered at enrolment as the anchor.
        let online = directory.appendingPathComponent("online")
        try ProtectedFile.createDirectory(online.path)
        let database = try SQLiteFilingStore(path: online.appendingPathComponent("filings.sqlite").path)
        let verifier = BundleVerifier(anchor: station.ca.certificate, imageCheck: RedrawImageCheck(templates: station.templates))
        let importer = BundleImporter(store: database)
        var results: [String] = []
        for bundle in [first, second, first] {
            let outcome = verifier.verify(URL(fileURLWithPath: bundle.path))
            guard outcome.report.isValid else {
                record("bundle \(bundle.sequence) verified online", "FAILED: \(outcome.report.firstFailure ?? "")", [])
                throw ExitStatus.verificationFailed
            }
            let redrawn = outcome.report.seals.filter { $0.image.status == .match }.count
            let now = clock.next()
            let result = try DemoAsync.run { try await importer.importBundle(outcome, now: now) }
            results.append("#\(bundle.sequence) \(result.status.rawValue)" + (bundle.seals > 0 ? " (\(redrawn)/\(bundle.seals) images redrawn identically)" : ""))
        }
        // A confidential filing: bundle 3 encrypted to the filing authority, decrypted online before verification.
        try demoEncryptedFiling(station: station, clerk: clerk, approver: approver, seal: seal, holderSecret: holderSecret, directory: directory,
                                stationSecret: stationSecret, verifier: verifier, importer: importer, clock: clock, record: record)

        // The paper and the screen: bundle 2's QR manifest read back from its PNG and checked against the station CA;
        // the bundle sent as QR frames, a fifth of them lost, rebuilt from the rest (read with libzbar).
        let manifest = try FilingManifestInput.read(path: second.qrPNGPath)
        try manifest.verify(stationCA: station.ca.certificate)
        record("QR manifest and filing sheet of bundle 2 (备案交接单)",
               "\(second.manifestBytes)-byte manifest in a version-\(second.qrVersion)-M QR, read back and verified; A4 sheet with the seal table, seals at true size, QR, handover lines",
               [URL(fileURLWithPath: second.qrPNGPath), URL(fileURLWithPath: second.sheetPath), URL(fileURLWithPath: first.sheetPath)])
        let bundleBytes = try Array(Data(contentsOf: URL(fileURLWithPath: second.path)))
        let frames = try QRFrameSequence(bundle: bundleBytes)
        let frameDirectory = courier.appendingPathComponent("frames-000002")
        let written = try frames.write(to: frameDirectory, framesPerSecond: 4).filter { $0.pathExtension == "png" }
        var assembler = BundleAssembler()
        var dropped = 0
        for (index, frame) in written.enumerated() where !assembler.isComplete {
            if index % 5 == 2 { dropped += 1; continue }  // every fifth frame never reaches the camera
            try assembler.add(frame.path)
        }
        // The player loops: when the fountain still lacks a fragment after one pass (it can, for some bundles), the
        // camera keeps reading the next pass, which loses other frames.
        for (index, frame) in written.enumerated() where !assembler.isComplete && index % 5 != 4 {
            try assembler.add(frame.path)
        }
        let rebuilt = try assembler.bundle()
        guard rebuilt == bundleBytes, Hex.encode(try SM3.hash(rebuilt)) == Hex.encode(manifest.info.bundleSM3) else {
            record("optical transfer", "FAILED: the rebuilt bundle differs", [])
            throw ExitStatus.verificationFailed
        }
        record("bundle 2 as \(written.count) QR frames (UR fountain code, index.html player)",
               "\(dropped) frames lost, rebuilt from the rest: identical, SM3 matches the signed manifest",
               [frameDirectory.appendingPathComponent("index.html")])

        let filed = try DemoAsync.run { try await database.filedSeals(creditCode: "91110108MA00000070") }
        record("bundles verified and imported online (bundle 1 twice: a no-op)", results.joined(separator: ", "), [database.path].map(URL.init(fileURLWithPath:)))
        record("online query --credit-code 91110108MA00000070",
               try filed.map { seal in
                   let certificate: String
                   switch try DemoAsync.run({ try await database.revocationStatus(of: seal) }) {
                   case .revoked(let entry, let crl): certificate = "certificate revoked \((entry.reason ?? .unspecified).name) on CRL #\(crl.number)"
                   case .notRevoked(let crl): certificate = "not on CRL #\(crl.number)"
                   case .noCRL: certificate = "no CRL filed"
                   }
                   return "\(seal.esID) \(seal.state) (\(certificate))"
               }.joined(separator: ", "), [])
    }

    /// The demo's clock: the real time, never going backwards between steps.
    final class DemoClock {
        private var last = Date.distantPast
        func next() -> Date {
            last = max(last, Date())
            return last
        }

        /// A time in a later whole second than every time given so far (signatures and CRLs hold whole seconds, and
        /// a signature in the second of its seal's revocation counts as after it).
        func nextSecond() -> Date {
            last = max(Date(), Date(timeIntervalSince1970: (last.timeIntervalSince1970 + 1).rounded(.down)))
            return last
        }
    }

    private func relative(_ path: String, to directory: URL) -> String {
        path.hasPrefix(directory.path + "/") ? String(path.dropFirst(directory.path.count + 1)) : path
    }

    private func prepareDirectory() throws -> URL {
        let fileManager = FileManager.default
        guard let dir else {
            let url = fileManager.temporaryDirectory.appendingPathComponent("sealstation-demo-\(UUID().uuidString.prefix(8))")
            try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
            return url
        }
        let url = URL(fileURLWithPath: dir)
        if fileManager.fileExists(atPath: url.path) {
            guard (try fileManager.contentsOfDirectory(atPath: url.path)).isEmpty else { throw CLIError.demoDirectoryNotEmpty(url.path) }
        } else {
            try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
        }
        return url
    }
}
