import Foundation
import SealCrypto

extension BundleVerifier {
    /// Whether the file at `url` starts like an envelope (DER SEQUENCE) rather than a ZIP archive ("PK").
    static func startsEnveloped(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 1)).map { BundleEnvelope.looksEnveloped($0) } ?? false
    }

    /// Reads an encrypted bundle file, refusing one past the archive limit before reading it.
    func verifyEnvelope(at url: URL) -> Outcome {
        let name = url.lastPathComponent
        do {
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
            let limit = limits.archiveBytes + BundleEnvelope.overheadLimit
            guard size <= limit else { throw BundleEnvelopeError.tooLarge(bytes: size, limit: limit) }
            return verifyEnvelope(Array(try Data(contentsOf: url)), name: name)
        } catch {
            return envelopeFailure("\(error)", name: name, encryptedSM3: nil)
        }
    }

    /// Decrypts an encrypted bundle with ``decryption`` and verifies the bundle inside as any other: written to a
    /// private 0600 temporary file, read in one pass with each seal's files left in it (as for a plain bundle file),
    /// and unlinked once verified — the open file stays readable to the import and disappears with the outcome. The
    /// report starts with the ``BundleCheck/envelope`` check and names both digests.
    func verifyEnvelope(_ bytes: [UInt8], name: String) -> Outcome {
        let encryptedSM3 = (try? Hex.encode(SM3.hash(bytes))) ?? ""
        let detail: String
        let inner = name.hasSuffix(".\(BundleEnvelope.fileExtension)") ? String(name.dropLast(BundleEnvelope.fileExtension.count + 1)) : name
        // Under the inner bundle's own name (what the report's messages name), in a private directory.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sealstation-decrypted-\(UUID().uuidString)")
        let staged = directory.appendingPathComponent(["", ".", ".."].contains(inner) || inner.contains("/") ? "bundle.zip" : inner)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let envelope = try BundleEnvelope(derEncoded: bytes, maximumContentBytes: limits.archiveBytes)
            guard let decryption else { throw BundleEnvelopeError.keyRequired(recipients: envelope.recipients) }
            let plaintext = try envelope.open(with: decryption.key, certificate: decryption.certificate)
            guard FileManager.default.createFile(atPath: staged.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw BundleArchiveError.unreadable("cannot stage the decrypted bundle in \(staged.deletingLastPathComponent().path)")
            }
            let handle = try FileHandle(forWritingTo: staged)
            defer { try? handle.close() }
            // In 4 MiB writes, so that the plaintext is not copied whole once more.
            for start in stride(from: 0, to: plaintext.count, by: 4 << 20) {
                try plaintext[start..<min(start + (4 << 20), plaintext.count)].withUnsafeBytes { try handle.write(contentsOf: $0) }
            }
            detail = "decrypted with the key of \(decryption.certificate.subject) (\(decryption.recipient)); encrypted file SM3 \(encryptedSM3)"
        } catch {
            return envelopeFailure("\(error)", name: name, encryptedSM3: encryptedSM3)
        }
        var outcome = verifyFile(staged)
        outcome.report.bundle = name
        outcome.report.encryptedSM3 = encryptedSM3
        outcome.report.checks.insert(BundleCheck.envelope.passed(detail), at: 0)
        return outcome
    }

    private func envelopeFailure(_ message: String, name: String, encryptedSM3: String?) -> Outcome {
        var report = emptyReport(name: name)
        report.encryptedSM3 = encryptedSM3
        report.checks.append(BundleCheck.envelope.failed(message))
        return Outcome(report: report, bundle: nil, stationCertificate: nil)
    }
}
