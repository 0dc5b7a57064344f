import Foundation
import Hummingbird
import HummingbirdTesting
import SealAudit
import SealBundle
import SealCrypto
import SealFiling
import SealFilingService
import SealPKI
import SealRegistry
import SealSES
import SealStation
import SealTestSupport
import Testing

@Suite("Encrypted bundles: export --to-recipient, decrypted before verification and import")
struct EncryptedBundleTests {
    /// The personal data the bundle carries, which must not be readable on the courier's medium.
    static let secrets = ["11010519491231002X", "张小明", "北京某某科技发展有限公司", "法定代表人名章"]

    func encryptedExport(_ office: FilingFixture, to recipient: Certificate, directory: String = "courier") throws -> BundleExport {
        try office.station.exportBundle(
            by: office.clerk, to: office.directory.url.appendingPathComponent(directory), stationPassphrase: FilingFixture.stationPassphrase,
            recipient: recipient, now: FilingFixture.now)
    }

    @Test("decrypted and verified as any bundle, then imported; the manifest names the encrypted file; without the key, or with another recipient's, refused and nothing stored",
          arguments: [FilingStoreKind.sqlite])
    func decryptVerifyImport(_ kind: FilingStoreKind) async throws {
        let office = try FilingFixture()
        _ = try office.issuePersonalSeal()
        let (key, certificate) = try RecipientFixture.make()
        let (otherKey, other) = try RecipientFixture.make("/C=CN/O=另一省公安厅/CN=备案中心（加密）")
        let export = try encryptedExport(office, to: certificate)
        #expect(export.path.hasSuffix(".zip.p7e"))
        #expect(export.encryptedFor == EnvelopeRecipient(certificate: certificate))
        let url = URL(fileURLWithPath: export.path)
        #expect(try Hex.encode(SM3.hash(Array(Data(contentsOf: url)))) == export.sm3)

        var verifier = office.verifier
        verifier.decryption = try BundleDecryption(key: key, certificate: certificate)
        let outcome = verifier.verify(url)
        #expect(outcome.report.isValid, "\(outcome.report.firstFailure ?? "")")
        #expect(outcome.report.checks.first?.id == "envelope")
        #expect(outcome.report.sm3 == export.bundleSM3 && outcome.report.encryptedSM3 == export.sm3)
        var withManifest = outcome.report
        withManifest.checkManifest(try FilingManifest(derEncoded: Array(Data(contentsOf: URL(fileURLWithPath: export.manifestPath)))),
                                   stationCA: office.station.ca.certificate)
        #expect(withManifest.isValid, "\(withManifest.firstFailure ?? "")")

        // No key: refused, naming the recipient by issuer and serial number.
        let locked = office.verifier.verify(url)
        #expect(!locked.report.isValid && locked.bundle == nil)
        let message = locked.report.firstFailure ?? ""
        #expect(message.contains("encrypted for") && message.contains(EnvelopeRecipient(certificate: certificate).serialNumber), "\(message)")
        // Another recipient's key and certificate: refused by name.
        var wrong = office.verifier
        wrong.decryption = try BundleDecryption(key: otherKey, certificate: other)
        let refused = wrong.verify(url)
        #expect(!refused.report.isValid && refused.bundle == nil)
        #expect(refused.report.firstFailure?.contains("not for the certificate given") == true, "\(refused.report.firstFailure ?? "")")
        // A key that is not the certificate's is refused before any use.
        #expect(throws: BundleEnvelopeError.keyDoesNotMatchCertificate(EnvelopeRecipient(certificate: certificate))) {
            try BundleDecryption(key: otherKey, certificate: certificate)
        }

        let database = try await kind.open(office.directory, name: "filings")
        let importer = BundleImporter(store: database.store)
        let empty = try database.dump()
        for failed in [locked, refused] {
            await #expect(throws: (any Error).self) { try await importer.importBundle(failed, now: FilingFixture.now) }
        }
        #expect(try database.dump() == empty)
        #expect(try await database.store.bundles().isEmpty)
        #expect(try await database.store.filedSeals(creditCode: FilingFixture.creditCode).isEmpty)
        #expect(try await importer.importBundle(outcome, now: FilingFixture.now).status == .imported)
        #expect(try await database.store.bundles().map(\.sm3) == [export.bundleSM3!])
        #expect(try await database.store.filedSeals(creditCode: FilingFixture.creditCode).count == 1)

        // The next bundle, in the clear, chains to the encrypted one's bundle SM3.
        _ = try office.issuePersonalSeal(holder: "李四")
        let next = try office.export()
        #expect(next.previousSM3 == export.bundleSM3)
        #expect(try await importer.importBundle(office.outcome(next), now: FilingFixture.now).status == .imported)
        // The audit record says it was encrypted and for whom.
        let record = try #require(try office.station.database.auditRecords().first { $0.action == "bundle.export" })
        let details = record.details
        #expect(details.contains("encryptedFor") && details.contains("电子印章备案中心（加密）") && details.contains(export.sm3), "\(details)")
    }

    @Test("every changed byte of the encrypted file is refused: all of the envelope's header and key, the IV, the first and last blocks, and 512 positions spread over the content")
    func everyByteChangeRefused() throws {
        let office = try FilingFixture()
        _ = try office.issuePersonalSeal()
        let (key, certificate) = try RecipientFixture.make()
        let export = try encryptedExport(office, to: certificate)
        let sealed = Array(try Data(contentsOf: URL(fileURLWithPath: export.path)))
        var verifier = office.verifier
        verifier.decryption = try BundleDecryption(key: key, certificate: certificate)
        #expect(verifier.verify(data: Data(sealed), name: "bundle.zip.p7e").report.isValid)
        // The content is the last (large) OCTET STRING: everything before its last 16·k bytes is structure.
        let contentLength = (sealed.count - 400) / 16 * 16
        let contentStart = sealed.count - contentLength
        var positions = Set(0..<(contentStart + 64))
        positions.formUnion((sealed.count - 64)..<sealed.count)
        for step in 0..<512 { positions.insert(contentStart + step * (contentLength / 512)) }
        var accepted: [Int] = []
        for position in positions.sorted() {
            var changed = sealed
            changed[position] ^= 0x80
            let outcome = verifier.verify(data: Data(changed), name: "bundle.zip.p7e")
            if outcome.report.isValid || outcome.bundle != nil { accepted.append(position) }
        }
        #expect(accepted.isEmpty, "changes accepted at \(accepted)")
        #expect(positions.count > 900)
    }

    @Test("the plaintext touches no file on the courier's medium: not the bundle, the QR manifest, the PNG, the SVG, the sheet's text or the QR frames")
    func nothingInTheClear() throws {
        let office = try FilingFixture()
        _ = try office.issuePersonalSeal()
        let (_, certificate) = try RecipientFixture.make()
        let courier = office.directory.url.appendingPathComponent("courier")
        let export = try office.station.exportBundle(
            by: office.clerk, to: courier, stationPassphrase: FilingFixture.stationPassphrase,
            qrFrames: QRFramesRequest(directory: courier.appendingPathComponent("frames")), recipient: certificate, now: FilingFixture.now)
        let files = try #require(FileManager.default.subpaths(atPath: courier.path)).filter {
            var directory: ObjCBool = false
            return FileManager.default.fileExists(atPath: courier.appendingPathComponent($0).path, isDirectory: &directory) && !directory.boolValue
        }
        #expect(files.contains { $0.hasSuffix(".zip.p7e") } && !files.contains { $0.hasSuffix(".zip") })
        #expect(files.count > 6)
        for file in files {
            let bytes = Array(try Data(contentsOf: courier.appendingPathComponent(file)))
            for secret in Self.secrets {
                #expect(bytes.firstRange(of: Array(secret.utf8)) == nil, "\(secret) in \(file)")
                let utf16 = secret.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
                #expect(bytes.firstRange(of: utf16) == nil, "\(secret) (UTF-16) in \(file)")
            }
        }
        // The sheet's text (as a reader extracts it) shows the encrypted file's SM3, the recipient and the counts only.
        let text = try ExternalTool.run("pdftotext", ["-enc", "UTF-8", export.sheetPath, "-"])
        #expect(text.succeeded, "\(text.stderr)")
        for secret in Self.secrets { #expect(!text.stdout.contains(secret), "\(secret) on the sheet") }
        let compact = text.stdout.filter { !$0.isWhitespace }
        #expect(compact.contains(export.sm3.prefix(32)) && compact.contains("印章1枚"), "\(text.stdout)")
        #expect(compact.contains("电子印章备案中心（加密）"))
        // No staging directory or temporary plaintext is left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: courier.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test("sealfiling serve: an encrypted upload is 422 naming its recipient without the key and for another recipient's key (nothing stored), 201 with the service's key")
    func serviceUploads() async throws {
        let office = try FilingFixture()
        _ = try office.issuePersonalSeal()
        let (key, certificate) = try RecipientFixture.make()
        let (otherKey, other) = try RecipientFixture.make("/C=CN/O=另一省公安厅/CN=备案中心（加密）")
        let export = try encryptedExport(office, to: certificate)
        let body = ByteBuffer(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: export.path))))
        let database = try await FilingStoreKind.sqlite.open(office.directory, name: "service")
        let token = try ClientToken.generate()
        try await database.store.addClient(FilingClientRecord(name: "intake", tokenSHA256: try token.sha256(), addedAt: FilingFixture.now))
        let empty = try database.dump()
        let headers: HTTPFields = [.authorization: "Bearer \(token.text)"]
        func service(_ decryption: BundleDecryption?, _ name: String) throws -> FilingService {
            try FilingService(store: database.store, enrolment: [office.station.ca.certificate],
                              uploadDirectory: office.directory.url.appendingPathComponent(name), decryption: decryption, now: { FilingFixture.now })
        }
        for (decryption, expected) in [(nil, "encrypted for"), (try BundleDecryption(key: otherKey, certificate: other), "not for the certificate given")] {
            try await service(decryption, "uploads-\(expected.count)").application(host: "127.0.0.1", port: 0).test(.live) { client in
                let response = try await client.execute(uri: "/v1/bundles", method: .post, headers: headers, body: body)
                #expect(response.status == .unprocessableContent)
                let message = String(buffer: response.body)
                #expect(message.contains(expected) && message.contains("nothing was stored"), "\(message)")
            }
            #expect(try database.dump() == empty)
        }
        try await service(try BundleDecryption(key: key, certificate: certificate), "uploads").application(host: "127.0.0.1", port: 0).test(.live) { client in
            let response = try await client.execute(uri: "/v1/bundles", method: .post, headers: headers, body: body)
            #expect(response.status == .created, "\(String(buffer: response.body))")
        }
        #expect(try await database.store.bundles().map(\.sm3) == [export.bundleSM3!])
    }
}
