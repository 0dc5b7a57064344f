import Foundation
import SealBundle
import SealBundleRender
import SealCrypto
import SealPKI
import SealRegistry
import SealStation

extension DemoCommand {
    /// Step 9: hostile and mistaken input. A holder key damaged in its ciphertext is refused before it signs, consuming
    /// and logging nothing; a 2 GiB file that is not a ZIP is refused from its end record; the passphrase rule and a
    /// disabled officer; the pending work lists; and every file the station made is 0600 in a 0700 directory.
    func demoHardening(
        station: Station, clerk: OfficerRecord, approver: OfficerRecord, admin: OfficerRecord, seal: SealRecord,
        holderSecret: SecretBytes, clerkSecret: SecretBytes, directory: URL, clock: DemoClock,
        record: (String, String, [URL]) -> Void
    ) throws {
        // A holder key with one bit flipped inside its AES-CBC ciphertext still decrypts (CBC has no integrity) to a
        // different scalar: the station checks every key against its certificate and refuses it.
        let request = try station.requestUse(by: clerk, sealID: seal.id!, reason: "出具授权书", count: 1, now: clock.next())
        _ = try station.approveUse(by: approver, requestID: request.id!, now: clock.next())
        let keyFile = try station.custodyDirectory(of: seal).appendingPathComponent("holder-key.p8")
        let original = try ProtectedFile.read(keyFile.path)
        guard let ciphertext = Self.trailingOctetString(of: original) else {
            FileHandle.standardError.write(Data("✗ the holder key file does not end with its encrypted data\n".utf8))
            throw ExitStatus.verificationFailed
        }
        var damaged = original
        damaged[ciphertext.lowerBound + 48] ^= 0x01  // the third block: the private scalar
        let logBefore = try station.useLog(sealID: seal.id!).count, auditBefore = try station.auditRecords(limit: 100_000).count
        try ProtectedFile.write(damaged, to: keyFile.path + ".damaged", mode: ProtectedFile.secretMode)
        try FileManager.default.removeItem(at: keyFile)
        try FileManager.default.moveItem(atPath: keyFile.path + ".damaged", toPath: keyFile.path)
        let document = Array("授权书\n".utf8)
        do {
            _ = try station.sign(by: clerk, sealID: seal.id!, document: document, documentName: "授权书.txt",
                                 holderPassphrase: holderSecret, now: clock.next())
            FileHandle.standardError.write(Data("✗ a damaged holder key signed\n".utf8))
            throw ExitStatus.verificationFailed
        } catch let error as SealPKIError {
            guard case .keyFileDoesNotBelong(let named, _, _) = error, named == keyFile.path else { throw error }
        }
        let unchanged = try station.useLog(sealID: seal.id!).count == logBefore && station.auditRecords(limit: 100_000).count == auditBefore
        try ProtectedFile.write(original, to: keyFile.path + ".restored", mode: ProtectedFile.secretMode)
        try FileManager.default.removeItem(at: keyFile)
        try FileManager.default.moveItem(atPath: keyFile.path + ".restored", toPath: keyFile.path)
        guard unchanged, try station.useRequest(request.id!).used == 0 else {
            FileHandle.standardError.write(Data("✗ the refused signature consumed or logged something\n".utf8))
            throw ExitStatus.verificationFailed
        }
        _ = try station.sign(by: clerk, sealID: seal.id!, document: document, documentName: "授权书.txt",
                             holderPassphrase: holderSecret, now: clock.next())
        record("a holder key with one ciphertext bit flipped is refused (密钥校验)",
               "refused before signing, naming \(keyFile.lastPathComponent) (\"does not belong to holder certificate\"); "
                   + "use log and audit unchanged, the approved use kept; the undamaged key then signs", [keyFile])

        // A 2 GiB file that is not a ZIP (sparse: it takes no disk) is refused from its last 64 KiB.
        let hostile = directory.appendingPathComponent("not-a-bundle.zip")
        guard FileManager.default.createFile(atPath: hostile.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw SealPKIError.fileAccess(path: hostile.path, reason: "cannot create it")
        }
        let handle = try FileHandle(forWritingTo: hostile)
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        let verifier = BundleVerifier(anchor: station.ca.certificate, imageCheck: RedrawImageCheck(templates: station.templates))
        let started = Date()
        let outcome = verifier.verify(hostile)
        let elapsed = Date().timeIntervalSince(started)
        try FileManager.default.removeItem(at: hostile)
        guard !outcome.report.isValid else {
            FileHandle.standardError.write(Data("✗ a 2 GiB non-ZIP file was accepted as a bundle\n".utf8))
            throw ExitStatus.verificationFailed
        }
        record("a 2 GiB file that is not a ZIP, given as a bundle",
               String(format: "refused in %.1f ms: ", elapsed * 1000) + (outcome.report.firstFailure ?? "").prefix(80), [])

        // Officers: the passphrase rule, and a disabled officer cannot sign in.
        var short = Array("短口令123".utf8)
        do {
            _ = try station.addOfficer(by: admin, name: "钱新人", role: .operatorRole, passphrase: SecretBytes(consuming: &short),
                                       now: clock.next())
            FileHandle.standardError.write(Data("✗ a short passphrase was accepted\n".utf8))
            throw ExitStatus.verificationFailed
        } catch RegistryError.passphraseTooShort {}
        try station.disableOfficer(by: admin, name: clerk.name, now: clock.next())
        do {
            _ = try station.authenticate(clerk.name, role: .operatorRole, passphrase: clerkSecret)
            FileHandle.standardError.write(Data("✗ a disabled officer signed in\n".utf8))
            throw ExitStatus.verificationFailed
        } catch RegistryError.officerDisabled {}
        try station.enableOfficer(by: admin, name: clerk.name, now: clock.next())
        _ = try station.authenticate(clerk.name, role: .operatorRole, passphrase: clerkSecret)
        record("officers: passphrase rule, disable and enable (audited)",
               "a 6-character passphrase refused (at least 12); \(clerk.name) disabled, refused at sign-in, enabled again", [])

        // Pending work, as `list --applications --state` and `use list` show it.
        let byState = try ApplicationState.allCases.map { state in "\(try station.applications(state: state).count) \(state.rawValue)" }
        let pending = try station.useRequests(states: [.requested, .approved])
        record("pending work (list --applications --state, use list)",
               "applications: " + byState.joined(separator: ", ") + "; \(pending.count) use requests open", [])

        // Every file the station made is 0600 and every directory 0700.
        var files = 0, directories = 0, loose: [String] = []
        let made = ["registry.sqlite", "ca", "maker", "issued", "courier", "online"].map { directory.appendingPathComponent($0) }
        for root in made where FileManager.default.fileExists(atPath: root.path) {
            var paths = [root.path]
            if let enumerator = FileManager.default.enumerator(atPath: root.path) {
                paths += enumerator.compactMap { $0 as? String }.map { root.appendingPathComponent($0).path }
            }
            for path in paths {
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                let mode = (attributes[.posixPermissions] as? Int ?? 0) & 0o777
                let isDirectory = attributes[.type] as? FileAttributeType == .typeDirectory
                if isDirectory { directories += 1 } else { files += 1 }
                if mode != (isDirectory ? 0o700 : 0o600) { loose.append("\(path) \(String(mode, radix: 8))") }
            }
        }
        guard loose.isEmpty else {
            FileHandle.standardError.write(Data("✗ station files with loose modes: \(loose.joined(separator: ", "))\n".utf8))
            throw ExitStatus.verificationFailed
        }
        record("file modes (registry, CA, maker, issued seals, bundles, online registry)",
               "\(files) files 0600, \(directories) directories 0700", made)
    }

    /// The byte range of the OCTET STRING that ends `file` (an EncryptedPrivateKeyInfo's encryptedData), if it does.
    static func trailingOctetString(of file: [UInt8]) -> Range<Int>? {
        for length in stride(from: 16, through: 4096, by: 16) where length + 4 <= file.count {
            let start = file.count - length
            if length < 128, file[start - 2] == 0x04, Int(file[start - 1]) == length { return start..<file.count }
            if length < 256, file[start - 3] == 0x04, file[start - 2] == 0x81, Int(file[start - 1]) == length { return start..<file.count }
            if file[start - 4] == 0x04, file[start - 3] == 0x82, Int(file[start - 2]) << 8 | Int(file[start - 1]) == length {
                return start..<file.count
            }
        }
        return nil
    }
}
